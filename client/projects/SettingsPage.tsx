import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { ApiError, errorMessage } from '../api.ts';
import { sessionQuery } from '../session/queries.ts';
import { Project, UpdateProjectBody, type StanceLabel } from '../../shared/schemas/projects.ts';
import { projectQueries } from './queries.ts';
import { useUpdateProject } from './mutations.ts';

const MAX_LABELS = 9;
/** Colours offered to a new label, in order; the first one no label uses yet is taken. */
const PALETTE = ['#c0392b', '#1e8449', '#2471a3', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b', '#2c3e50'];

/** A stance label being edited; `uid` keeps React rows and focus stable while keys are retyped. */
interface LabelDraft extends StanceLabel {
  uid: string;
  /** The key this label had when the edit started (null: added in this edit). */
  savedKey: string | null;
}

/** The form's values as typed (numbers stay strings so an empty field is not silently 0). */
interface Draft {
  name: string;
  overlap: string;
  holdHours: string;
  labels: LabelDraft[];
  codebook: string;
}

interface FieldIssue {
  path: string;
  message: string;
}

const IssueList = z.array(z.object({ path: z.string(), message: z.string() }));

let nextUid = 0;
const newUid = () => `label-${++nextUid}`;

function draftOf(project: Project): Draft {
  return {
    name: project.name,
    overlap: String(project.overlap),
    holdHours: String(project.holdHours),
    labels: project.stanceLabels.map((label) => ({ ...label, colour: label.colour.toLowerCase(), uid: newUid(), savedKey: label.key })),
    codebook: project.codebook,
  };
}

const labelsOf = (draft: Draft): StanceLabel[] => draft.labels.map(({ key, name, colour, definition }) => ({ key, name, colour, definition }));

/** What the draft changes compared with `base`: only these fields are sent, so others' edits to the rest survive. */
function changesOf(draft: Draft, base: Project) {
  const changes: Omit<UpdateProjectBody, 'baseVersion'> = {};
  if (draft.name !== base.name) changes.name = draft.name;
  if (draft.overlap !== String(base.overlap)) changes.overlap = Number(draft.overlap);
  if (draft.holdHours !== String(base.holdHours)) changes.holdHours = Number(draft.holdHours);
  const labels = labelsOf(draft);
  if (JSON.stringify(labels) !== JSON.stringify(base.stanceLabels)) changes.stanceLabels = labels;
  if (draft.codebook !== base.codebook) changes.codebook = draft.codebook;
  return changes;
}

/** The same checks the server makes (the shared schema), with words for the number fields. */
function checkDraft(draft: Draft): FieldIssue[] {
  const wholeNumber = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);
  const candidate = {
    name: draft.name,
    overlap: wholeNumber(draft.overlap),
    holdHours: wholeNumber(draft.holdHours),
    stanceLabels: labelsOf(draft),
    codebook: draft.codebook,
  };
  const parsed = UpdateProjectBody.safeParse(candidate);
  if (parsed.success) return [];
  const ranges: Record<string, string> = {
    overlap: 'must be a whole number from 1 to 20',
    holdHours: 'must be a whole number of hours from 1 to 8760 (a year)',
  };
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path, message: ranges[path] ?? issue.message };
  });
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Project name',
  overlap: 'Annotators per document',
  holdHours: 'Hold hours',
  codebook: 'Codebook',
  stanceLabels: 'Stance labels',
  key: 'key',
  colour: 'colour',
  definition: 'definition',
};

const FIELD_ORDER = ['name', 'overlap', 'holdHours', 'stanceLabels', 'codebook'];
/** Issues in the order their fields appear on the page, so the first one is the one to fix first. */
const inPageOrder = (issues: FieldIssue[]) =>
  [...issues].sort((a, b) => {
    const rank = (issue: FieldIssue) => {
      const [field = '', index = '0'] = issue.path.split('.');
      const at = FIELD_ORDER.indexOf(field);
      return (at < 0 ? FIELD_ORDER.length : at) * 100 + (field === 'stanceLabels' ? Number(index) || 0 : 0);
    };
    return rank(a) - rank(b);
  });

/** "stanceLabels.1.key" → "Stance label 2 (Support): key", in the words the form uses. */
function describePath(path: string, labels: LabelDraft[]): string {
  const match = /^stanceLabels\.(\d+)(?:\.(\w+))?/.exec(path);
  if (match) {
    const index = Number(match[1]);
    const label = labels[index];
    const which = `Stance label ${index + 1}${label?.name.trim() ? ` (${label.name.trim()})` : ''}`;
    return match[2] ? `${which}: ${FIELD_NAMES[match[2]] ?? match[2]}` : which;
  }
  return FIELD_NAMES[path] ?? path;
}

/** The id of the control a path names, so an error can point at (and focus) its field. */
const fieldId = (formId: string, path: string, labels: LabelDraft[]) => {
  const match = /^stanceLabels\.(\d+)\.(\w+)/.exec(path);
  if (match) {
    const label = labels[Number(match[1])];
    return label ? `${formId}-${label.uid}-${match[2]}` : undefined;
  }
  return ['name', 'overlap', 'holdHours', 'codebook'].includes(path) ? `${formId}-${path}` : undefined;
};

/** The names of the fields that differ between two versions of a project. */
function fieldsChanged(from: Project, to: Project): string[] {
  const names: string[] = [];
  if (from.name !== to.name) names.push('name');
  if (from.overlap !== to.overlap) names.push('annotators per document');
  if (from.holdHours !== to.holdHours) names.push('hold hours');
  if (JSON.stringify(from.stanceLabels) !== JSON.stringify(to.stanceLabels)) names.push('stance labels');
  if (from.codebook !== to.codebook) names.push('codebook');
  return names;
}

/** /projects/:projectId/settings: name, overlap, hold time, stance labels and codebook. Admins edit; others read. */
export function SettingsPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQueries.detail(projectId));
  const user = useQuery(sessionQuery()).data;

  return (
    <main className="page wide project-settings">
      <p>
        <Link to={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link>
      </p>
      <h1>Project settings</h1>
      {project.isPending && <p aria-busy="true">Loading the project…</p>}
      {project.isError && (
        <p role="alert" className="error">
          {errorMessage(project.error)}
        </p>
      )}
      {project.data && user && user.role !== 'admin' && (
        <>
          <p role="alert" className="notice">
            Only admins can change a project's settings. You can read the stance labels and the codebook here; ask an admin for changes.
          </p>
          <CodebookPreview labels={project.data.stanceLabels} codebook={project.data.codebook} />
        </>
      )}
      {project.data && user?.role === 'admin' && <SettingsForm project={project.data} />}
    </main>
  );
}

function SettingsForm({ project }: { project: Project }) {
  const update = useUpdateProject(project.id);
  const formId = useId().replace(/:/g, '');
  // The version the edit started from: sent as baseVersion, and what "changed" is measured against.
  const [base, setBase] = useState(project);
  const [draft, setDraft] = useState(() => draftOf(project));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState<Project | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  const dirty = Object.keys(changesOf(draft, base)).length > 0;

  // Leaving with unsaved edits asks first (a reload or a closed tab would lose them).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Focus moves after React has rendered the rows in their new order (reorder, add, remove, errors).
  useEffect(() => {
    if (!focusTarget) return;
    const element = document.getElementById(focusTarget);
    if (element instanceof HTMLButtonElement && element.disabled) {
      // "Move up" on the first row is disabled: keep focus in the row on its other move button.
      const sibling = document.getElementById(focusTarget.replace(/-(up|down)$/, (_m, dir: string) => (dir === 'up' ? '-down' : '-up')));
      sibling?.focus();
    } else {
      element?.focus();
    }
    setFocusTarget(null);
  }, [focusTarget]);

  // The conflict box sits at the top while Save is at the bottom: take the reader (and focus) to it.
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const edit = (change: Partial<Draft>) => {
    setDraft((old) => ({ ...old, ...change }));
    setSaved(null);
  };
  const editLabel = (uid: string, change: Partial<StanceLabel>) =>
    edit({ labels: draft.labels.map((label) => (label.uid === uid ? { ...label, ...change } : label)) });

  const moveLabel = (index: number, by: -1 | 1) => {
    const labels = [...draft.labels];
    const [moved] = labels.splice(index, 1);
    if (!moved) return;
    labels.splice(index + by, 0, moved);
    edit({ labels });
    setFocusTarget(`${formId}-${moved.uid}-${by < 0 ? 'up' : 'down'}`);
  };
  const removeLabel = (index: number) => {
    const labels = draft.labels.filter((_label, i) => i !== index);
    edit({ labels });
    const next = labels[Math.min(index, labels.length - 1)];
    setFocusTarget(next ? `${formId}-${next.uid}-key` : `${formId}-add-label`);
  };
  const addLabel = () => {
    const used = new Set(draft.labels.map((label) => label.colour.toLowerCase()));
    const colour = PALETTE.find((c) => !used.has(c)) ?? '#7f8c8d';
    const label: LabelDraft = { uid: newUid(), savedKey: null, key: '', name: '', colour, definition: '' };
    edit({ labels: [...draft.labels, label] });
    setFocusTarget(`${formId}-${label.uid}-key`);
  };

  const showIssues = (unordered: FieldIssue[]) => {
    const found = inPageOrder(unordered);
    setIssues(found);
    const first = found.map((issue) => fieldId(formId, issue.path, draft.labels)).find((id) => id !== undefined);
    if (first) setFocusTarget(first);
    else summaryRef.current?.focus();
  };

  /** Sends the draft's changes against `from`, naming `version` as the one they were made on. */
  const save = (from: Project, version: number) => {
    setSaved(null);
    const found = checkDraft(draft);
    if (found.length > 0) return showIssues(found);
    setIssues([]);
    const changes = changesOf(draft, from);
    if (Object.keys(changes).length === 0) {
      setConflict(null);
      setSaved('There are no changes to save.');
      return;
    }
    update.mutate(
      { ...changes, baseVersion: version },
      {
        onSuccess: (after) => {
          setBase(after);
          setDraft(draftOf(after));
          setConflict(null);
          setSaved(
            changes.codebook !== undefined
              ? `Saved. The codebook is now version ${after.codebookVersion}.`
              : 'Saved.',
          );
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          const current = Project.safeParse(error.body.current);
          if (error.code === 'conflict' && current.success) {
            setConflict(current.data);
            return;
          }
          const serverIssues = IssueList.safeParse(error.body.issues);
          if (serverIssues.success && serverIssues.data.length > 0) showIssues(serverIssues.data);
        },
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(base, base.version);
  };
  // Ctrl+S / ⌘S saves, as in an editor; the browser's "save page" is never what is meant here.
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      save(base, base.version);
    }
  };

  const loadTheirs = (current: Project) => {
    setBase(current);
    setDraft(draftOf(current));
    setIssues([]);
    setConflict(null);
    setSaved(`Loaded version ${current.version}; your edits were discarded.`);
  };

  const issueFor = (path: string) => issues.find((issue) => issue.path === path);
  const describedBy = (path: string) => (issueFor(path) ? `${formId}-${path}-error` : undefined);
  const fieldError = (path: string) => {
    const issue = issueFor(path);
    return issue ? (
      <span id={`${formId}-${path}-error`} className="field-error">
        {issue.message}
      </span>
    ) : null;
  };

  const renamedKeys = draft.labels.filter((label) => label.savedKey !== null && label.savedKey !== label.key);
  const removedKeys = base.stanceLabels.filter((label) => !draft.labels.some((d) => d.savedKey === label.key)).map((label) => label.key);
  const hours = Number(draft.holdHours);
  const serverError = update.isError && !conflict && issues.length === 0 ? errorMessage(update.error) : null;

  return (
    <form className="settings-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label="Project settings" noValidate>
      <p className="muted versions">
        Project version {base.version} · codebook version {base.codebookVersion}
      </p>

      {conflict && (
        <div role="alert" className="conflict-box" ref={conflictRef} tabIndex={-1}>
          <p>
            <strong>Someone else changed this project while you were editing.</strong> It is now at version {conflict.version} (you
            started from version {base.version}); they changed {fieldsChanged(base, conflict).join(', ') || 'nothing visible'}. Your edits
            have not been saved.
          </p>
          <div className="actions">
            <button type="button" onClick={() => loadTheirs(conflict)}>
              Load their version (discard my edits)
            </button>
            <button type="button" onClick={() => save(base, conflict.version)} disabled={update.isPending}>
              Save my changes over theirs
            </button>
          </div>
          <p className="muted small">Saving over theirs replaces only the fields you changed; their other changes stay.</p>
        </div>
      )}

      <div ref={summaryRef} tabIndex={-1} className="issue-summary">
        {issues.length > 0 && (
          <div role="alert" className="error">
            <p>
              {issues.length === 1 ? 'One thing needs fixing' : `${issues.length} things need fixing`} before the settings can be saved:
            </p>
            <ul>
              {issues.map((issue, i) => (
                <li key={i}>
                  {describePath(issue.path, draft.labels)}: {issue.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {serverError && (
          <p role="alert" className="error">
            {serverError}
          </p>
        )}
      </div>

      <section aria-labelledby={`${formId}-general-heading`}>
        <h2 id={`${formId}-general-heading`}>General</h2>
        <div className="settings-fields">
          <label htmlFor={`${formId}-name`}>Project name</label>
          <div>
            <input
              id={`${formId}-name`}
              value={draft.name}
              onChange={(e) => edit({ name: e.target.value })}
              maxLength={200}
              autoComplete="off"
              aria-invalid={issueFor('name') ? true : undefined}
              aria-describedby={describedBy('name')}
            />
            {fieldError('name')}
          </div>
          <label htmlFor={`${formId}-overlap`}>Annotators per document</label>
          <div>
            <input
              id={`${formId}-overlap`}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              step={1}
              value={draft.overlap}
              onChange={(e) => edit({ overlap: e.target.value })}
              aria-invalid={issueFor('overlap') ? true : undefined}
              aria-describedby={[`${formId}-overlap-hint`, describedBy('overlap')].filter(Boolean).join(' ')}
            />
            <span id={`${formId}-overlap-hint`} className="muted small">
              How many annotators label each document, blind (1–20). Agreement needs at least 2.
            </span>
            {fieldError('overlap')}
          </div>
          <label htmlFor={`${formId}-holdHours`}>Hold hours</label>
          <div>
            <input
              id={`${formId}-holdHours`}
              type="number"
              inputMode="numeric"
              min={1}
              max={8760}
              step={1}
              value={draft.holdHours}
              onChange={(e) => edit({ holdHours: e.target.value })}
              aria-invalid={issueFor('holdHours') ? true : undefined}
              aria-describedby={[`${formId}-holdHours-hint`, describedBy('holdHours')].filter(Boolean).join(' ')}
            />
            <span id={`${formId}-holdHours-hint`} className="muted small">
              An assignment nobody touches for this long goes back to the pool
              {Number.isInteger(hours) && hours >= 24 ? ` (${+(hours / 24).toFixed(1)} days)` : ''}.
            </span>
            {fieldError('holdHours')}
          </div>
        </div>
      </section>

      <section aria-labelledby={`${formId}-labels-heading`}>
        <h2 id={`${formId}-labels-heading`}>Stance labels</h2>
        <p className="muted small">
          Annotators press 1–{Math.min(draft.labels.length, MAX_LABELS)} in the workspace for these labels, in this order. The key is what
          claims and exports store.
        </p>
        {fieldError('stanceLabels')}
        <ol className="label-editor">
          {draft.labels.map((label, index) => {
            const path = `stanceLabels.${index}`;
            const id = (field: string) => `${formId}-${label.uid}-${field}`;
            const title = label.name.trim() || `label ${index + 1}`;
            return (
              <li key={label.uid}>
                <fieldset>
                  <legend>
                    Stance label {index + 1}
                    {label.name.trim() && <span className="label-swatch" style={{ background: label.colour }} aria-hidden="true" />}
                    <span className="muted small">{label.name.trim() ? ` ${label.name.trim()}` : ''} · key {index + 1}</span>
                  </legend>
                  <div className="label-fields">
                    <label htmlFor={id('key')}>Key</label>
                    <div>
                      <input
                        id={id('key')}
                        value={label.key}
                        onChange={(e) => editLabel(label.uid, { key: e.target.value })}
                        maxLength={32}
                        autoComplete="off"
                        spellCheck={false}
                        className="mono"
                        aria-invalid={issueFor(`${path}.key`) ? true : undefined}
                        aria-describedby={describedBy(`${path}.key`)}
                      />
                      {fieldError(`${path}.key`)}
                    </div>
                    <label htmlFor={id('name')}>Name</label>
                    <div>
                      <input
                        id={id('name')}
                        value={label.name}
                        onChange={(e) => editLabel(label.uid, { name: e.target.value })}
                        maxLength={60}
                        autoComplete="off"
                        aria-invalid={issueFor(`${path}.name`) ? true : undefined}
                        aria-describedby={describedBy(`${path}.name`)}
                      />
                      {fieldError(`${path}.name`)}
                    </div>
                    <label htmlFor={id('colour')}>Colour</label>
                    <div className="colour-field">
                      <input
                        id={id('colour')}
                        type="color"
                        value={label.colour}
                        onChange={(e) => editLabel(label.uid, { colour: e.target.value })}
                        aria-invalid={issueFor(`${path}.colour`) ? true : undefined}
                        aria-describedby={describedBy(`${path}.colour`)}
                      />
                      <span className="muted small mono">{label.colour}</span>
                      {fieldError(`${path}.colour`)}
                    </div>
                    <label htmlFor={id('definition')}>Definition</label>
                    <div>
                      <textarea
                        id={id('definition')}
                        value={label.definition}
                        onChange={(e) => editLabel(label.uid, { definition: e.target.value })}
                        rows={2}
                        maxLength={5000}
                        aria-invalid={issueFor(`${path}.definition`) ? true : undefined}
                        aria-describedby={describedBy(`${path}.definition`)}
                      />
                      {fieldError(`${path}.definition`)}
                    </div>
                  </div>
                  <div className="label-actions">
                    <button type="button" id={id('up')} onClick={() => moveLabel(index, -1)} disabled={index === 0} aria-label={`Move up: ${title}`}>
                      ↑ Move up
                    </button>
                    <button
                      type="button"
                      id={id('down')}
                      onClick={() => moveLabel(index, 1)}
                      disabled={index === draft.labels.length - 1}
                      aria-label={`Move down: ${title}`}
                    >
                      ↓ Move down
                    </button>
                    <button type="button" onClick={() => removeLabel(index)} disabled={draft.labels.length <= 1} aria-label={`Remove: ${title}`}>
                      Remove
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <p>
          <button type="button" id={`${formId}-add-label`} onClick={addLabel} disabled={draft.labels.length >= MAX_LABELS}>
            Add a stance label
          </button>{' '}
          {draft.labels.length >= MAX_LABELS && <span className="muted small">At most {MAX_LABELS} labels (keys 1–9).</span>}
        </p>
        {(renamedKeys.length > 0 || removedKeys.length > 0) && (
          <p className="notice" role="note">
            Keys are stored in saved claims.{' '}
            {renamedKeys.length > 0 && `Renamed: ${renamedKeys.map((label) => `${label.savedKey} → ${label.key || '(empty)'}`).join(', ')}. `}
            {removedKeys.length > 0 && `Removed: ${removedKeys.join(', ')}. `}
            Claims already saved with an old key keep it, and no longer match a label of this project; change keys before annotation
            starts, or change only names and definitions.
          </p>
        )}
      </section>

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
              maxLength={200_000}
              spellCheck
              aria-invalid={issueFor('codebook') ? true : undefined}
              aria-describedby={[`${formId}-codebook-hint`, describedBy('codebook')].filter(Boolean).join(' ')}
            />
            <span id={`${formId}-codebook-hint`} className="muted small">
              Version {base.codebookVersion}
              {draft.codebook !== base.codebook ? ` — saving makes it version ${base.codebookVersion + 1}` : ''}. Exports record the
              version their labels were made under.
            </span>
            {fieldError('codebook')}
          </div>
          <CodebookPreview labels={labelsOf(draft)} codebook={draft.codebook} />
        </div>
      </section>

      <div className="settings-save">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </button>
        <span className="muted small">
          <kbd>Ctrl</kbd>+<kbd>S</kbd>
        </span>
        <span role="status" className={saved ? 'saved' : 'muted'}>
          {conflict
            ? 'Not saved: someone else changed this project (see above).'
            : issues.length > 0 || serverError
              ? 'Not saved: see the problems marked above.'
              : (saved ?? (dirty ? 'Unsaved changes' : ''))}
        </span>
      </div>
    </form>
  );
}

/**
 * What annotators see beside the text: the labels with their keys and definitions, then the
 * codebook as preformatted text — never rendered as HTML, so nothing in it can run in the page.
 */
function CodebookPreview({ labels, codebook }: { labels: StanceLabel[]; codebook: string }) {
  const headingId = useId();
  return (
    // Focusable: a long codebook scrolls inside the preview, and keyboard users must be able to scroll it.
    <section className="codebook-preview" aria-labelledby={headingId} tabIndex={0}>
      <h3 id={headingId}>Preview (as annotators see it)</h3>
      <dl className="stance-definitions">
        {labels.map((label, i) => (
          <div key={i}>
            <dt style={{ color: label.colour }}>
              <kbd>{i + 1}</kbd> {label.name || label.key || '(unnamed)'}
            </dt>
            <dd>{label.definition || '—'}</dd>
          </div>
        ))}
      </dl>
      {codebook.trim() ? <pre className="codebook-text">{codebook}</pre> : <p className="muted">No codebook yet.</p>}
    </section>
  );
}
