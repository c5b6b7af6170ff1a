import type { Project } from '../../shared/schemas/projects.ts';
import { STANCE_DEFINITION_MAX, STANCE_KEY_MAX, STANCE_NAME_MAX } from '../../shared/limits.ts';
import { keyChanges, MAX_LABELS, type Draft, type LabelDraft } from './settingsDraft.ts';
import { labelFieldId, type FieldIssues } from './settingsIssues.tsx';
import type { LabelActions } from './useSettingsDraft.ts';

interface Props {
  formId: string;
  draft: Draft;
  base: Project;
  actions: LabelActions;
  fields: FieldIssues;
}

/** The stance labels in key order: one fieldset per label, reordered with buttons, and a warning when stored keys change. */
export function StanceLabelsEditor({ formId, draft, base, actions, fields }: Props) {
  const { labels } = draft;
  const { renamed, removed } = keyChanges(draft, base);
  return (
    <section aria-labelledby={`${formId}-labels-heading`}>
      <h2 id={`${formId}-labels-heading`}>Stance labels</h2>
      <p className="muted small">
        Annotators press 1–{Math.min(labels.length, MAX_LABELS)} in the workspace for these labels, in this order. The stored key is what claims and exports
        record.
      </p>
      {fields.message('stanceLabels')}
      <ol className="label-editor">
        {labels.map((label, index) => (
          <LabelRow key={label.uid} formId={formId} label={label} index={index} count={labels.length} actions={actions} fields={fields} />
        ))}
      </ol>
      <p>
        <button type="button" id={`${formId}-add-label`} onClick={actions.add} disabled={labels.length >= MAX_LABELS}>
          Add a stance label
        </button>{' '}
        {labels.length >= MAX_LABELS && <span className="muted small">At most {MAX_LABELS} labels (shortcuts 1–9).</span>}
      </p>
      {(renamed.length > 0 || removed.length > 0) && (
        <p className="notice" role="note">
          Keys are stored in saved claims.{' '}
          {renamed.length > 0 && `Renamed: ${renamed.map((label) => `${label.savedKey} → ${label.key || '(empty)'}`).join(', ')}. `}
          {removed.length > 0 && `Removed: ${removed.join(', ')}. `}
          Claims already saved with an old key keep it, and no longer match a label of this project; change keys before annotation starts, or change only names
          and definitions.
        </p>
      )}
    </section>
  );
}

interface RowProps {
  formId: string;
  label: LabelDraft;
  index: number;
  count: number;
  actions: LabelActions;
  fields: FieldIssues;
}

/** One label: key, name, colour and definition, and the buttons that move or remove it. */
function LabelRow({ formId, label, index, count, actions, fields }: RowProps) {
  const path = `stanceLabels.${index}`;
  const id = (field: string) => labelFieldId(formId, label, field);
  const name = label.name.trim();
  const title = name || `label ${index + 1}`;
  const change = (field: 'key' | 'name' | 'colour' | 'definition', value: string) => actions.change(label.uid, { [field]: value });
  return (
    <li>
      <fieldset>
        <legend>
          Stance label {index + 1}
          {name && <span className="label-swatch" style={{ background: label.colour }} aria-hidden="true" />}
          <span className="muted small">
            {name ? ` ${name}` : ''} · shortcut {index + 1}
          </span>
        </legend>
        <div className="label-fields">
          <label htmlFor={id('key')}>Stored key</label>
          <div>
            <input
              id={id('key')}
              value={label.key}
              onChange={(e) => change('key', e.target.value)}
              maxLength={STANCE_KEY_MAX}
              autoComplete="off"
              spellCheck={false}
              className="mono"
              {...fields.aria(`${path}.key`)}
            />
            {fields.message(`${path}.key`)}
          </div>
          <label htmlFor={id('name')}>Name</label>
          <div>
            <input
              id={id('name')}
              value={label.name}
              onChange={(e) => change('name', e.target.value)}
              maxLength={STANCE_NAME_MAX}
              autoComplete="off"
              {...fields.aria(`${path}.name`)}
            />
            {fields.message(`${path}.name`)}
          </div>
          <label htmlFor={id('colour')}>Colour</label>
          <div className="colour-field">
            <input id={id('colour')} type="color" value={label.colour} onChange={(e) => change('colour', e.target.value)} {...fields.aria(`${path}.colour`)} />
            <span className="muted small mono">{label.colour}</span>
            {fields.message(`${path}.colour`)}
          </div>
          <label htmlFor={id('definition')}>Definition</label>
          <div>
            <textarea
              id={id('definition')}
              value={label.definition}
              onChange={(e) => change('definition', e.target.value)}
              rows={2}
              maxLength={STANCE_DEFINITION_MAX}
              {...fields.aria(`${path}.definition`)}
            />
            {fields.message(`${path}.definition`)}
          </div>
        </div>
        <div className="label-actions">
          <button type="button" id={id('up')} onClick={() => actions.move(index, -1)} disabled={index === 0} aria-label={`Move up: ${title}`}>
            ↑ Move up
          </button>
          <button type="button" id={id('down')} onClick={() => actions.move(index, 1)} disabled={index === count - 1} aria-label={`Move down: ${title}`}>
            ↓ Move down
          </button>
          <button type="button" onClick={() => actions.remove(index)} disabled={count <= 1} aria-label={`Remove: ${title}`}>
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}
