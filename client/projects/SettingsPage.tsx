import { useId, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { sessionQuery } from '../session/queries.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { CodebookPreview } from './CodebookPreview.tsx';
import { projectQueries } from './queries.ts';
import type { Draft } from './settingsDraft.ts';
import { fieldIssues } from './settingsIssues.tsx';
import { CodebookSection, GeneralSection } from './SettingsSections.tsx';
import { ModelBackendSection } from './ModelBackendSection.tsx';
import { ConflictBox, IssueSummary } from './SettingsNotices.tsx';
import { StanceLabelsEditor } from './StanceLabelsEditor.tsx';
import { useFocusAfterRender, useFormIssues } from './useFieldFocus.ts';
import { useSaveSettings } from './useSaveSettings.ts';
import { labelActions, useSettingsDraft, useUnsavedWarning } from './useSettingsDraft.ts';

/** /projects/:projectId/settings: name, overlap, hold time, stance labels, codebook and model backend. Admins edit; others read. */
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

/**
 * The admin's form. It sends only the fields changed since the version it started from; when another
 * admin saved meanwhile, it offers their version or saving just these fields over it.
 */
function SettingsForm({ project }: { project: Project }) {
  const formId = useId().replace(/:/g, '');
  const focus = useFocusAfterRender();
  const formIssues = useFormIssues(formId, focus);
  const { base, draft, dirty, edit: editDraft, restart } = useSettingsDraft(project);
  const saving = useSaveSettings({
    base,
    draft,
    restart,
    showIssues: (found) => formIssues.show(found, draft.labels),
    clearIssues: formIssues.clear,
  });
  useUnsavedWarning(dirty);
  // Any edit makes the last "Saved." untrue.
  const edit = (change: Partial<Draft>) => {
    editDraft(change);
    saving.clearSaved();
  };

  const { issues } = formIssues;
  const { update, conflict, saved } = saving;
  const fields = fieldIssues(formId, issues);
  const serverError = update.isError && !conflict && issues.length === 0 ? errorMessage(update.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    saving.save(base.version);
  };
  // Ctrl+S / ⌘S saves, as in an editor; the browser's "save page" is never what is meant here.
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      saving.save(base.version);
    }
  };

  return (
    <form className="settings-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label="Project settings" noValidate>
      <p className="muted versions">
        Project version {base.version} · codebook version {base.codebookVersion}
      </p>
      {conflict && (
        <ConflictBox
          base={base}
          conflict={conflict}
          boxRef={saving.conflictRef}
          busy={update.isPending}
          onLoadTheirs={() => saving.loadTheirs(conflict)}
          onSaveOver={() => saving.save(conflict.version)}
        />
      )}
      <IssueSummary issues={issues} labels={draft.labels} serverError={serverError} summaryRef={formIssues.summaryRef} />
      <GeneralSection formId={formId} draft={draft} edit={edit} fields={fields} />
      <StanceLabelsEditor formId={formId} draft={draft} base={base} actions={labelActions(formId, draft, edit, focus)} fields={fields} />
      <CodebookSection formId={formId} draft={draft} edit={edit} fields={fields} base={base} />
      <ModelBackendSection formId={formId} draft={draft} edit={edit} fields={fields} />
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
