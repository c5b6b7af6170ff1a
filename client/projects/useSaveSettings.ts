import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { useUpdateProject } from './mutations.ts';
import { changesOf, checkDraft, type Draft, type FieldIssue } from './settingsDraft.ts';
import { IssueList } from './settingsIssues.tsx';

interface Options {
  base: Project;
  draft: Draft;
  /** Starts the draft over from a version the server holds. */
  restart: (from: Project) => void;
  /** Shows issues that keep the draft from saving (the client's own checks, or the server's). */
  showIssues: (issues: FieldIssue[]) => void;
  clearIssues: () => void;
}

/**
 * Saving the settings: checks first, sends only the changed fields with the version they were made
 * on, and on 409 keeps the other admin's version (`conflict`) for the user to load or save over.
 */
export function useSaveSettings({ base, draft, restart, showIssues, clearIssues }: Options) {
  const update = useUpdateProject(base.id);
  const [conflict, setConflict] = useState<Project | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  // The conflict box sits at the top while Save is at the bottom: take the reader (and focus) to it.
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  /** Sends the draft's changes against `base`, naming `version` as the one they were made on. */
  const save = (version: number) => {
    setSaved(null);
    const found = checkDraft(draft);
    if (found.length > 0) return showIssues(found);
    clearIssues();
    const changes = changesOf(draft, base);
    if (Object.keys(changes).length === 0) {
      setConflict(null);
      setSaved('There are no changes to save.');
      return;
    }
    update.mutate(
      { ...changes, baseVersion: version },
      {
        onSuccess: (after) => {
          restart(after);
          setConflict(null);
          setSaved(changes.codebook !== undefined ? `Saved. The codebook is now version ${after.codebookVersion}.` : 'Saved.');
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

  const loadTheirs = (current: Project) => {
    restart(current);
    clearIssues();
    setConflict(null);
    setSaved(`Loaded version ${current.version}; your edits were discarded.`);
  };

  return { update, conflict, conflictRef, saved, clearSaved: () => setSaved(null), save, loadTheirs };
}
