import type { RefObject } from 'react';
import type { Project } from '../../shared/schemas/projects.ts';
import { fieldsChanged, type FieldIssue, type LabelDraft } from './settingsDraft.ts';
import { describePath } from './settingsIssues.tsx';

/** Someone else saved first: what they changed, and the two ways on (load theirs, or save mine over it). */
export function ConflictBox({
  base,
  conflict,
  boxRef,
  busy,
  onLoadTheirs,
  onSaveOver,
}: {
  base: Project;
  conflict: Project;
  boxRef: RefObject<HTMLDivElement | null>;
  busy: boolean;
  onLoadTheirs: () => void;
  onSaveOver: () => void;
}) {
  return (
    <div role="alert" className="conflict-box" ref={boxRef} tabIndex={-1}>
      <p>
        <strong>Someone else changed this project while you were editing.</strong> It is now at version {conflict.version} (you started from version{' '}
        {base.version}); they changed {fieldsChanged(base, conflict).join(', ') || 'nothing visible'}. Your edits have not been saved.
      </p>
      <div className="actions">
        <button type="button" onClick={onLoadTheirs}>
          Load their version (discard my edits)
        </button>
        <button type="button" onClick={onSaveOver} disabled={busy}>
          Save my changes over theirs
        </button>
      </div>
      <p className="muted small">Saving over theirs replaces only the fields you changed; their other changes stay.</p>
    </div>
  );
}

/** Every issue that keeps the form from saving, in page order, or the server's own error. */
export function IssueSummary({
  issues,
  labels,
  serverError,
  summaryRef,
}: {
  issues: readonly FieldIssue[];
  labels: readonly LabelDraft[];
  serverError: string | null;
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div ref={summaryRef} tabIndex={-1} className="issue-summary">
      {issues.length > 0 && (
        <div role="alert" className="error">
          <p>{issues.length === 1 ? 'One thing needs fixing' : `${issues.length} things need fixing`} before the settings can be saved:</p>
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>
                {describePath(issue.path, labels)}: {issue.message}
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
  );
}
