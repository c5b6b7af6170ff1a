import type { Sentence } from '../../shared/schemas/documents.ts';

/** Folds text for searching: case and accents ("Erdoğan" is found by "erdogan"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** The indexes of the sentences whose text contains the query (folded); none for a blank query. */
export function matchingSentences(sentences: readonly Sentence[], query: string): number[] {
  const q = foldForSearch(query.trim());
  if (!q) return [];
  const found: number[] = [];
  sentences.forEach((sentence, index) => {
    if (foldForSearch(sentence.text).includes(q)) found.push(index);
  });
  return found;
}

/** The match after (direction 1) or before (-1) sentence `from`, wrapping around; -1 when there is none. */
export function nextMatch(matches: readonly number[], from: number, direction: 1 | -1): number {
  if (matches.length === 0) return -1;
  if (direction > 0) return matches.find((index) => index > from) ?? matches[0]!;
  return matches.findLast((index) => index < from) ?? matches.at(-1)!;
}

/** The sentence index a typed sentence number names (1-based, as the list shows), or null when it names none. */
export function sentenceNumberIndex(typed: string, count: number): number | null {
  if (!/^\s*\d+\s*$/.test(typed)) return null;
  const number = Number(typed);
  return number >= 1 && number <= count ? number - 1 : null;
}
