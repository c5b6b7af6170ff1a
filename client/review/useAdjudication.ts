import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api.ts';
import type { Annotation, AnnotationStatus, ClaimInput } from '../../shared/schemas/annotations.ts';
import { Gold, type Disagreement, type GoldMethod } from '../../shared/schemas/review.ts';
import { letterOf } from './compare.ts';
import { contradictions } from '../../shared/claimMatching.ts';
import { isReviewShortcut } from './keys.ts';
import { useSaveGold } from './mutations.ts';

export const METHOD_TEXT: Record<GoldMethod, string> = { accepted: 'accepted', merged: 'merged', edited: 'edited', unanimous: 'unanimous' };

/** Column names of the annotators ("A · username", or "Annotator A" with names hidden), and a name for any annotator id. */
export function useAnnotatorNames(labels: readonly Annotation[], usernames: ReadonlyMap<number, string>, hideNames: boolean) {
  const names = labels.map((label, index) =>
    hideNames ? `Annotator ${letterOf(index)}` : `${letterOf(index)} · ${usernames.get(label.annotatorId) ?? `user ${label.annotatorId}`}`,
  );
  const nameOf = (annotatorId: number) => {
    const index = labels.findIndex((l) => l.annotatorId === annotatorId);
    return index >= 0 ? names[index]! : hideNames ? 'an annotator' : (usernames.get(annotatorId) ?? `user ${annotatorId}`);
  };
  return { names, nameOf };
}

/** The annotators ticked "in merge": everyone until unticked. */
export function useMergeSelection(labels: readonly Annotation[]) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set(labels.map((l) => l.annotatorId)));
  // Labels arrive after the panel opens on a deep link: everyone is in the merge until unticked.
  useEffect(() => {
    setSelected((old) => (old.size === 0 ? new Set(labels.map((l) => l.annotatorId)) : old));
  }, [labels]);
  const toggle = (id: number) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return { selected, toggle, chosen: () => labels.filter((l) => selected.has(l.annotatorId)) };
}

/**
 * Saving the sentence's gold label, with the rationale typed for it, against the gold version shown;
 * `message` says why a save did not go through (on 409 the other reviewer's gold is shown, and the
 * next save replaces it).
 */
export function useGoldSave(projectId: number, item: Disagreement, gold: Gold | undefined, onSaved: (summary: string) => void) {
  const save = useSaveGold(projectId);
  const [rationale, setRationale] = useState(gold?.rationale ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [held, setHeld] = useState<HeldSave | null>(null);

  const submit = (
    status: AnnotationStatus,
    claims: ClaimInput[],
    method: Exclude<GoldMethod, 'unanimous'>,
    sources: number[],
    summary: string,
    allowContradictions = false,
  ) => {
    if (save.isPending) return;
    setMessage(null);
    // Contradicting claims are held until the reviewer says which they mean (the server refuses them too).
    const pairs = allowContradictions ? [] : contradictions(claims);
    if (pairs.length > 0) return setHeld({ status, claims, method, sources, summary, pairs });
    setHeld(null);
    save.mutate(
      {
        sentenceId: item.sentenceId,
        documentId: item.documentId,
        status,
        claims,
        method,
        sourceAnnotators: sources,
        rationale: rationale.trim() || null,
        baseVersion: gold?.version ?? 0,
        ...(allowContradictions ? { allowContradictions } : {}),
      },
      {
        onSuccess: () => onSaved(summary),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'conflict') {
            const current = Gold.nullable().safeParse(error.body.current);
            const who = current.success && current.data ? ` (now ${METHOD_TEXT[current.data.method]}, version ${current.data.version})` : '';
            setMessage(
              `Someone else saved the gold label of this sentence while you were looking${who}. It is shown below; check it, then save again to replace it.`,
            );
            return;
          }
          setMessage(`The gold label was not saved: ${errorMessage(error)}`);
        },
      },
    );
  };
  const saveHeld = () => held && submit(held.status, held.claims, held.method, held.sources, held.summary, true);
  return { pending: save.isPending, submit, rationale, setRationale, message, setMessage, held, saveHeld, dropHeld: () => setHeld(null) };
}

/** A save held back because its claims contradict: what it would save, and the contradicting pairs (indexes into `claims`). */
export interface HeldSave {
  status: AnnotationStatus;
  claims: ClaimInput[];
  method: Exclude<GoldMethod, 'unanimous'>;
  sources: number[];
  summary: string;
  pairs: [number, number][];
}

/** The panel's keys: 1…9 accept that annotator, `m` merges the ticked ones, `e` opens the editor (none while it is open). */
export function usePanelKeys(enabled: boolean, actions: { accept: (index: number) => void; merge: () => void; edit: () => void }) {
  // Re-subscribed every render, so the handlers always see the current state.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isReviewShortcut(event) || !enabled) return;
      if (/^[1-9]$/.test(event.key)) {
        event.preventDefault();
        actions.accept(Number(event.key) - 1);
      } else if (event.key === 'm') {
        event.preventDefault();
        actions.merge();
      } else if (event.key === 'e') {
        event.preventDefault();
        actions.edit();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });
}
