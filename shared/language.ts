// A document's language and what follows from it for the text: where words begin and end (Chinese
// and Japanese put no spaces between words) and which way a sentence runs (Arabic and Hebrew run
// right to left). Pure, so the workspace and the tests use the same rules. The language itself is
// detected at import (server/text/language.ts) and kept in the document's `meta.language`.
import type { Span } from './schemas/common.ts';
import { NO_SPACE_SCRIPT_CLASS } from './scripts.ts';
import { snapToWords, wordSpans } from './suggestions.ts';

/** BCP 47's "undetermined": the detector could not tell (too little text, or mixed). */
export const UNDETERMINED = 'und';

/** The language kept in a document's metadata: a BCP 47 tag, or null when there is none. */
export function languageOf(meta: Readonly<Record<string, unknown>>): string | null {
  const value = meta.language;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Scripts written without spaces between words: a word is found by a dictionary (ICU's, through
 * `Intl.Segmenter`), not by spaces and punctuation.
 */
const NO_SPACE_SCRIPT = new RegExp(NO_SPACE_SCRIPT_CLASS, 'u');

/** Whether a text holds characters of a script written without spaces between words. */
export function needsDictionaryWords(text: string): boolean {
  return NO_SPACE_SCRIPT.test(text);
}

/** Whether a term begins (`edge` 'start') or ends with a character of a script written without spaces. */
export function noSpaceEdge(term: string, edge: 'start' | 'end'): boolean {
  const chars = [...term];
  const char = edge === 'start' ? chars[0] : chars.at(-1);
  return char !== undefined && NO_SPACE_SCRIPT.test(char);
}

// One segmenter per language: building one loads ICU data, segmenting with it is cheap.
const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(language: string | null): Intl.Segmenter {
  const key = language ?? '';
  let segmenter = segmenters.get(key);
  if (!segmenter) {
    let locale: string | undefined;
    try {
      locale = language && language !== UNDETERMINED ? Intl.getCanonicalLocales(language)[0] : undefined;
    } catch {
      locale = undefined; // not a well-formed tag: the default locale's rules
    }
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/**
 * The words of one sentence (document offsets, shifted by `offset`). A sentence in a script written
 * without spaces is split by `Intl.Segmenter` in the document's language ("以色列国防军称" →
 * 以色列 · 国防军 · 称); others by the rules of `wordSpans` ("U.S.", "al-Assad"). Call it on one
 * sentence at a time, never on a whole document: V8's segmenter is quadratic on long strings.
 */
export function sentenceWords(text: string, offset: number, language: string | null): Span[] {
  if (!needsDictionaryWords(text)) return wordSpans(text, offset);
  const spans: Span[] = [];
  for (const piece of segmenterFor(language).segment(text)) {
    if (piece.isWordLike) spans.push({ start: piece.index + offset, end: piece.index + piece.segment.length + offset });
  }
  return spans;
}

/**
 * A selection widened to whole words of the sentences it touches (`sentenceAt` gives the sentence
 * holding a document offset); null when it touches no word. Outside scripts written without spaces
 * this is `snapToWords`, so English selections behave as they always did.
 */
export function snapToSentenceWords(text: string, span: Span, sentenceAt: (offset: number) => Span | undefined, language: string | null): Span | null {
  const first = sentenceAt(span.start);
  const last = sentenceAt(Math.max(span.start, span.end - 1));
  if (!first || !last || !needsDictionaryWords(text.slice(first.start, last.end))) return snapToWords(text, span);
  const words = [first, ...(last.start !== first.start ? [last] : [])].flatMap((s) => sentenceWords(text.slice(s.start, s.end), s.start, language));
  const touched = words.filter((word) => word.start < span.end && span.start < word.end);
  if (touched.length === 0) return null;
  return { start: touched[0]!.start, end: touched.at(-1)!.end };
}

/** Languages written right to left (their primary subtags). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms. */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const STRONG_LETTER = /\p{L}/u;

/** Whether a language tag names a language written right to left. */
export function isRtlLanguage(language: string | null): boolean {
  return language !== null && RTL_LANGUAGES.has(language.toLowerCase().split('-')[0]!);
}

/**
 * Which way a sentence runs: as its first strong (letter) character does, as the Unicode
 * bidirectional algorithm's paragraph rule does; a sentence without letters ("2024", "—") runs as
 * the document's language.
 */
export function textDirection(text: string, language: string | null): 'rtl' | 'ltr' {
  for (const char of text) {
    if (RTL_LETTER.test(char)) return 'rtl';
    if (STRONG_LETTER.test(char)) return 'ltr';
  }
  return isRtlLanguage(language) ? 'rtl' : 'ltr';
}

/** A language's English name for lists and filters ("zh" → "Chinese"); the tag itself when unknown. */
export function languageName(language: string | null): string {
  if (language === null || language === UNDETERMINED) return 'Unknown';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
