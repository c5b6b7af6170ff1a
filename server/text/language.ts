// The language of an imported document, detected once at import and kept in its `meta.language`
// (a BCP 47 tag: 'en', 'zh', 'ar'; 'und' when the detector cannot tell).
//
// eld's extra-small n-gram set: pure JavaScript, and it tells Chinese from Japanese and Arabic from
// Persian (franc-min took ~300 µs and tinyld ~2 ms). eld's verdict is computed by eldFast.ts in
// ~30 µs for 200 characters of news text instead of eld's own ~100 µs. Only a bounded prefix is
// read: a 2 MB document costs what its first paragraph costs.
import { UNDETERMINED } from '../../shared/language.ts';
import { detectLikeEld } from './eldFast.ts';

/** How many characters from the first non-space one are read: a paragraph of news text. */
export const LANGUAGE_PREFIX = 200;

/** The BCP 47 tag of the text's language, or 'und' when the detector is unsure. */
export function detectLanguage(text: string): string {
  const from = text.search(/\S/u);
  if (from < 0) return UNDETERMINED;
  const result = detectLikeEld(text.slice(from, from + LANGUAGE_PREFIX));
  return result.language && result.reliable ? result.language : UNDETERMINED;
}
