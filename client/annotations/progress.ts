import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

/** How many sentences are labelled, of those that need a label (boilerplate needs none). */
export function progressOf(sentences: readonly Sentence[], annotations: ReadonlyMap<number, Annotation>) {
  let labelled = 0;
  let total = 0;
  for (const s of sentences) {
    if (s.boilerplate) continue;
    total++;
    if (annotations.has(s.id)) labelled++;
  }
  return { labelled, total, complete: total > 0 && labelled === total };
}

/** The index of the next sentence after `from` (wrapping around) that still needs a label; -1 when none does. */
export function nextUnlabelled(sentences: readonly Sentence[], from: number, annotations: ReadonlyMap<number, Annotation>): number {
  for (let step = 1; step <= sentences.length; step++) {
    const i = (from + step) % sentences.length;
    const s = sentences[i]!;
    if (!s.boilerplate && !annotations.has(s.id)) return i;
  }
  return -1;
}

/**
 * Where a document opens when no sentence is asked for: its first sentence that still needs a label
 * (where the annotator stopped), else its first sentence.
 */
export function resumeIndex(sentences: readonly Sentence[], annotations: ReadonlyMap<number, Annotation>): number {
  return Math.max(0, nextUnlabelled(sentences, sentences.length - 1, annotations));
}
