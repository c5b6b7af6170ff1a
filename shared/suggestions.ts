// Actor names found in a text (the registry matcher: the workspace underlines them, the server links
// spans and suggests claims with them, server/suggestions/) and the word spans selections snap to.
// Pure functions (no DOM, no I/O) so both sides and the unit tests can use them. Offsets are
// JavaScript string offsets into the document text, like every span.
import type { Span } from './schemas/common.ts';
import { NO_SPACE_SCRIPT_CLASS } from './scripts.ts';

/** What the matcher needs of an actor: its id and the words that name it. */
export interface NamedActor {
  id: number;
  name: string;
  code: string | null;
  aliases: readonly string[];
}

/** An actor named in the text. */
export interface ActorMention extends Span {
  actorId: number;
}

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
/**
 * Where a name may begin or end: not against a letter or digit ("China" is not in "Chinese"),
 * except beside a character of a script written without spaces, where words touch ("以色列" in
 * "以色列国防军称", "Trump" in "美国总统Trump称").
 */
const NAME_START = `(?:(?<!${LETTER_OR_DIGIT})|(?<=${NO_SPACE_SCRIPT_CLASS})|(?=${NO_SPACE_SCRIPT_CLASS}))`;
const NAME_END = `(?:(?!${LETTER_OR_DIGIT})|(?<=${NO_SPACE_SCRIPT_CLASS})|(?=${NO_SPACE_SCRIPT_CLASS}))`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Short names such as "US" or "UN" are matched case-sensitively (so the pronoun "us" is not the
 * United States); longer ones ignore case. Whole words only: "China" does not match in "Chinese"
 * (in Chinese or Japanese text, where words touch, a name may touch the next word: `NAME_START`).
 */
export function matchesCaseSensitively(term: string): boolean {
  return [...term].length <= 3;
}

/** A reusable matcher over the actors' names, aliases and codes (build it once per actor list). */
export function compileActorMatcher(actors: readonly NamedActor[]): (text: string, offset?: number) => ActorMention[] {
  const sensitive = new Map<string, number>();
  const insensitive = new Map<string, number>();
  for (const actor of actors) {
    for (const raw of [actor.name, ...actor.aliases, actor.code ?? '']) {
      const term = raw.trim();
      if (!term) continue;
      if (matchesCaseSensitively(term)) {
        if (!sensitive.has(term)) sensitive.set(term, actor.id);
      } else {
        const key = term.toLocaleLowerCase();
        if (!insensitive.has(key)) insensitive.set(key, actor.id);
      }
    }
  }
  // Longest alternatives first: at one position the regex takes the first that fits.
  const build = (terms: Iterable<string>, flags: string) => {
    const sorted = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    if (sorted.length === 0) return null;
    return new RegExp(`${NAME_START}(?:${sorted.join('|')})${NAME_END}`, flags);
  };
  const sensitiveRe = build(sensitive.keys(), 'gu');
  const insensitiveRe = build(insensitive.keys(), 'giu');

  return (text, offset = 0) => {
    const found: ActorMention[] = [];
    for (const [re, lookup] of [
      [sensitiveRe, (m: string) => sensitive.get(m)],
      [insensitiveRe, (m: string) => insensitive.get(m.toLocaleLowerCase())],
    ] as const) {
      if (!re) continue;
      re.lastIndex = 0;
      for (const match of text.matchAll(re)) {
        const actorId = lookup(match[0]);
        if (actorId !== undefined) found.push({ actorId, start: match.index, end: match.index + match[0].length });
      }
    }
    // Overlaps (e.g. "Iran conflict" inside "Israel-Iran conflict"): keep the earliest, then longest.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: ActorMention[] = [];
    for (const mention of found) {
      const last = kept.at(-1);
      if (last && mention.start < last.end) continue;
      kept.push(mention);
    }
    return kept.map((m) => ({ actorId: m.actorId, start: m.start + offset, end: m.end + offset }));
  };
}

/** Finds actor mentions in a text (offsets shifted by `offset`). */
export function findActorMentions(text: string, actors: readonly NamedActor[], offset = 0): ActorMention[] {
  return compileActorMatcher(actors)(text, offset);
}

/** Word spans of a text: runs of letters, digits and inner apostrophes, hyphens and dots ("U.S.", "al-Assad"). */
export function wordSpans(text: string, offset = 0): Span[] {
  const spans: Span[] = [];
  // \p{M}: a vowel sign or other combining mark belongs to its letter ("مُحَمَّد" is one word).
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.\-–][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*\.?/gu)) {
    let end = match.index + match[0].length;
    // Keep the dot of "U.S." but not a sentence's full stop.
    if (match[0].endsWith('.') && !/\.[\p{L}\p{N}]+\.$/u.test(match[0])) end -= 1;
    spans.push({ start: match.index + offset, end: end + offset });
  }
  return spans;
}

/**
 * Widens a span to whole words of the text (a selection that starts or ends inside a word takes
 * the whole word) and trims surrounding spaces and punctuation. Null when no word is touched.
 */
export function snapToWords(text: string, span: Span): Span | null {
  const start = Math.max(0, Math.min(span.start, span.end));
  const end = Math.min(text.length, Math.max(span.start, span.end));
  const isWord = (i: number) => i >= 0 && i < text.length && /[\p{L}\p{M}\p{N}]/u.test(text[i]!);
  const isJoiner = (i: number) => /['’.\-–]/.test(text[i] ?? '') && isWord(i - 1) && isWord(i + 1);
  let s = start;
  let e = end;
  // Trim what is not part of a word at the edges.
  while (s < e && !isWord(s)) s++;
  while (e > s && !isWord(e - 1)) e--;
  if (s >= e) return null;
  // Widen to the word's edges, through joiners such as the dots of "U.S." or the hyphen of "al-Assad".
  while (s > 0 && (isWord(s - 1) || isJoiner(s - 1))) s--;
  while (e < text.length && (isWord(e) || isJoiner(e))) e++;
  if (text[e] === '.' && /\.[\p{L}\p{N}]$/u.test(text.slice(s, e)) && /^[\p{L}\p{N}](\.[\p{L}\p{N}])+$/u.test(text.slice(s, e))) e++;
  return { start: s, end: e };
}
