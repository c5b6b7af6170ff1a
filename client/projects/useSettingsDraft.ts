import { useEffect, useState } from 'react';
import type { Project, StanceLabel } from '../../shared/schemas/projects.ts';
import { changesOf, draftOf, newLabel, type Draft } from './settingsDraft.ts';
import { labelFieldId } from './settingsIssues.tsx';

/**
 * The settings being edited and the version they started from (`base`: sent as baseVersion, and
 * what "changed" is measured against).
 */
export function useSettingsDraft(project: Project) {
  const [base, setBase] = useState(project);
  const [draft, setDraft] = useState(() => draftOf(project));
  const dirty = Object.keys(changesOf(draft, base)).length > 0;

  const edit = (change: Partial<Draft>) => setDraft((old) => ({ ...old, ...change }));
  /** Starts over from `from`: what the server holds now. */
  const restart = (from: Project) => {
    setBase(from);
    setDraft(draftOf(from));
  };
  return { base, draft, dirty, edit, restart };
}

/**
 * The label list's edits. Moving, adding and removing a row say which control should have the focus
 * once React has rendered the rows in their new order.
 */
export function labelActions(formId: string, draft: Draft, edit: (change: Partial<Draft>) => void, focus: (id: string) => void) {
  const { labels } = draft;
  return {
    change: (uid: string, change: Partial<StanceLabel>) => edit({ labels: labels.map((label) => (label.uid === uid ? { ...label, ...change } : label)) }),
    move: (index: number, by: -1 | 1) => {
      const next = [...labels];
      const [moved] = next.splice(index, 1);
      if (!moved) return;
      next.splice(index + by, 0, moved);
      edit({ labels: next });
      focus(labelFieldId(formId, moved, by < 0 ? 'up' : 'down'));
    },
    remove: (index: number) => {
      const next = labels.filter((_label, i) => i !== index);
      edit({ labels: next });
      const after = next[Math.min(index, next.length - 1)];
      focus(after ? labelFieldId(formId, after, 'key') : `${formId}-add-label`);
    },
    add: () => {
      const label = newLabel(labels);
      edit({ labels: [...labels, label] });
      focus(labelFieldId(formId, label, 'key'));
    },
  };
}
export type LabelActions = ReturnType<typeof labelActions>;

/** Leaving with unsaved edits asks first (a reload or a closed tab would lose them). */
export function useUnsavedWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
