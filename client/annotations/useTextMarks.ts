import { useMemo, useState } from 'react';
import type { Mark } from './spans.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

const NO_MARKS: Mark[] = [];

/** The sentence index holding a document offset (binary search over the sentences' starts). */
function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The highlights in the text: what the claim panel reports plus the keyboard selection, grouped
 * by sentence so that only the few rows with marks re-render.
 */
export function useTextMarks(sentences: readonly Sentence[], selection: Span | null) {
  const [panelMarks, setPanelMarks] = useState<Mark[]>(NO_MARKS);
  const bySentence = useMemo(() => {
    const all = selection ? [...panelMarks, { ...selection, kind: 'selection' as const }] : panelMarks;
    const grouped = new Map<number, Mark[]>();
    for (const mark of all) {
      for (let i = sentenceAt(sentences, mark.start); i < sentences.length && sentences[i]!.start < mark.end; i++) {
        grouped.set(i, [...(grouped.get(i) ?? []), mark]);
      }
    }
    return grouped;
  }, [panelMarks, selection, sentences]);
  // The sentence where the keyboard selection lies stays rendered even when scrolled out of view.
  const keepRendered = useMemo(() => (selection ? [sentenceAt(sentences, selection.start)] : []), [selection, sentences]);
  return { bySentence, keepRendered, reportPanelMarks: setPanelMarks };
}
