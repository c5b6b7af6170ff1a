import type { Project } from '../../shared/schemas/projects.ts';
import { CODEBOOK_MAX_CHARS, HOLD_HOURS_MAX, HOLD_HOURS_MIN, OVERLAP_MAX, OVERLAP_MIN, PROJECT_NAME_MAX } from '../../shared/limits.ts';
import { CodebookPreview } from './CodebookPreview.tsx';
import { labelsOf, type Draft } from './settingsDraft.ts';
import type { FieldIssues } from './settingsIssues.tsx';

interface SectionProps {
  formId: string;
  draft: Draft;
  edit: (change: Partial<Draft>) => void;
  fields: FieldIssues;
}

/** Name, annotators per document and hold hours. */
export function GeneralSection({ formId, draft, edit, fields }: SectionProps) {
  const hours = Number(draft.holdHours);
  return (
    <section aria-labelledby={`${formId}-general-heading`}>
      <h2 id={`${formId}-general-heading`}>General</h2>
      <div className="settings-fields">
        <label htmlFor={`${formId}-name`}>Project name</label>
        <div>
          <input
            id={`${formId}-name`}
            value={draft.name}
            onChange={(e) => edit({ name: e.target.value })}
            maxLength={PROJECT_NAME_MAX}
            autoComplete="off"
            {...fields.aria('name')}
          />
          {fields.message('name')}
        </div>
        <label htmlFor={`${formId}-overlap`}>Annotators per document</label>
        <div>
          <input
            id={`${formId}-overlap`}
            type="number"
            inputMode="numeric"
            min={OVERLAP_MIN}
            max={OVERLAP_MAX}
            step={1}
            value={draft.overlap}
            onChange={(e) => edit({ overlap: e.target.value })}
            {...fields.aria('overlap', `${formId}-overlap-hint`)}
          />
          <span id={`${formId}-overlap-hint`} className="muted small">
            How many annotators label each document, blind (1–20). Agreement needs at least 2.
          </span>
          {fields.message('overlap')}
        </div>
        <label htmlFor={`${formId}-holdHours`}>Hold hours</label>
        <div>
          <input
            id={`${formId}-holdHours`}
            type="number"
            inputMode="numeric"
            min={HOLD_HOURS_MIN}
            max={HOLD_HOURS_MAX}
            step={1}
            value={draft.holdHours}
            onChange={(e) => edit({ holdHours: e.target.value })}
            {...fields.aria('holdHours', `${formId}-holdHours-hint`)}
          />
          <span id={`${formId}-holdHours-hint`} className="muted small">
            An assignment nobody touches for this long goes back to the pool
            {Number.isInteger(hours) && hours >= 24 ? ` (${+(hours / 24).toFixed(1)} days)` : ''}.
          </span>
          {fields.message('holdHours')}
        </div>
      </div>
    </section>
  );
}

/** The codebook's markdown beside the preview annotators will see, with the version saving makes. */
export function CodebookSection({ formId, draft, edit, fields, base }: SectionProps & { base: Project }) {
  return (
    <section aria-labelledby={`${formId}-codebook-heading`}>
      <h2 id={`${formId}-codebook-heading`}>Codebook</h2>
      <div className="codebook-editor">
        <div>
          <label htmlFor={`${formId}-codebook`}>Codebook (markdown)</label>
          <textarea
            id={`${formId}-codebook`}
            className="mono"
            value={draft.codebook}
            onChange={(e) => edit({ codebook: e.target.value })}
            rows={24}
            maxLength={CODEBOOK_MAX_CHARS}
            spellCheck
            {...fields.aria('codebook', `${formId}-codebook-hint`)}
          />
          <span id={`${formId}-codebook-hint`} className="muted small">
            Version {base.codebookVersion}
            {draft.codebook !== base.codebook ? ` — saving makes it version ${base.codebookVersion + 1}` : ''}. Exports record the version their labels were
            made under.
          </span>
          {fields.message('codebook')}
        </div>
        <CodebookPreview labels={labelsOf(draft)} codebook={draft.codebook} />
      </div>
    </section>
  );
}
