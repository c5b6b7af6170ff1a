import { useCallback, useRef } from 'react';
import { UndoHistory, type Label } from './history.ts';
import { nextLocalId } from './claims.ts';
import type { SaveInput } from './mutations.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

interface Options {
  sentences: readonly Sentence[];
  annotations: ReadonlyMap<number, Annotation>;
  /** The index of the sentence on screen. */
  index: number;
  save: (input: SaveInput) => void;
  moveTo: (index: number) => void;
  announce: (message: string) => void;
}

const labelOf = (annotation: Annotation | undefined): Label | null =>
  annotation ? { status: annotation.status, claims: annotation.claims, note: annotation.note } : null;

const describe = (label: Label | null): string =>
  label ? (label.status === 'claims' ? `${label.claims.length} claim(s)` : label.status.replace('_', ' ')) : 'not labelled';

/**
 * Undo and redo of this document's label changes (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y). An undone or
 * redone label is saved like any change, and its sentence is shown.
 */
export function useLabelHistory({ sentences, annotations, index, save, moveTo, announce }: Options) {
  const history = useRef(new UndoHistory()).current;
  // Read when a change is recorded, not when the callback was made: it must see the latest label.
  const latest = useRef(annotations);
  latest.current = annotations;

  /** Records a change the user is about to save, so it can be undone. */
  const record = useCallback(
    (input: SaveInput) =>
      history.record({
        sentenceId: input.sentenceId,
        before: labelOf(latest.current.get(input.sentenceId)),
        after: input.status === null ? null : { status: input.status, claims: input.claims, note: input.note ?? null },
      }),
    [history],
  );

  const restore = (sentenceId: number, label: Label | null, verb: string) => {
    const currentIds = new Set(latest.current.get(sentenceId)?.claims.map((c) => c.id));
    // Claims deleted since have lost their ids on the server: send them as new claims.
    const claims = (label?.claims ?? []).map((c) => (currentIds.has(c.id) ? c : { ...c, id: nextLocalId() }));
    save({ sentenceId, status: label?.status ?? null, claims, note: label?.note ?? null });
    const at = sentences.findIndex((s) => s.id === sentenceId);
    if (at >= 0 && at !== index) moveTo(at);
    announce(`${verb}: sentence ${at + 1} is now ${describe(label)}.`);
  };

  const undo = () => {
    const change = history.undo();
    if (change) restore(change.sentenceId, change.before, 'Undone');
    else announce('Nothing to undo.');
  };

  const redo = () => {
    const change = history.redo();
    if (change) restore(change.sentenceId, change.after, 'Redone');
    else announce('Nothing to redo.');
  };

  return { record, undo, redo };
}
