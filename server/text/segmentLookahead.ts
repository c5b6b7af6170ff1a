// What the segmenter (segment.ts) reads around a position without moving its scan: the word after
// a stop, a list marker, a link, whether a word reads as prose. Each read is bounded (a few
// characters, a word, one token), so the scan stays linear.
import * as chars from './charClasses.ts';
import { TITLE_CASE_SMALL_WORDS } from './segmentLexicon.ts';

// Module constants rather than live imported bindings, for speed: see segment.ts.
const { COLON, COMMERCIAL_AT, CR, DOT, LF, RIGHT_PARENTHESIS, SOLIDUS, codeAt, isBreak, isCloser, isDigit, isLetter, isLower, isOpener, isSpace, isUpper } =
  chars;

/** How far back the word before a period is read, and ahead the word after it; longer words are never abbreviations. */
export const MAX_WORD = 24;

/** At most this many opening quotes or brackets are skipped before a sentence's first letter. */
const MAX_OPENERS = 4;

/** The word after a stop, as far as the decisions need it. */
export interface Next {
  /** End of text, or a blank line: the paragraph closes the sentence anyway. */
  end: boolean;
  /** Index of the single line break crossed on the way, or -1. */
  crossed: number;
  upper: boolean;
  lower: boolean;
  digit: boolean;
  /** "iPhone", "eBay": lower case but not a continuation. */
  camel: boolean;
  /** The letters of the next word, at most MAX_WORD of them. */
  word: string;
}

/** Reads what follows a stop at q: skips spaces (one line break at most) and opening quotes. */
export function readNext(text: string, q: number): Next {
  const n = text.length;
  const next: Next = { end: false, crossed: -1, upper: false, lower: false, digit: false, camel: false, word: '' };
  let k = q;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isBreak(c)) {
      if (next.crossed >= 0) break; // a blank line
      next.crossed = k;
      k += c === CR && codeAt(text, k + 1) === LF ? 2 : 1;
    } else if (isSpace(c)) {
      k++;
    } else {
      break;
    }
  }
  if (k >= n || isBreak(codeAt(text, k))) {
    next.end = true;
    return next;
  }
  const o = k;
  while (k < n && k - o < MAX_OPENERS && isOpener(codeAt(text, k))) k++;
  const c = codeAt(text, k);
  next.upper = isUpper(c);
  next.lower = isLower(c);
  next.digit = isDigit(c);
  next.camel = next.lower && isUpper(codeAt(text, k + 1));
  if (next.upper || next.lower) {
    const w = k;
    while (k < n && k - w < MAX_WORD && isLetter(codeAt(text, k))) k++;
    next.word = text.slice(w, k);
  }
  return next;
}

/** The sentence at i begins like prose: a capital or a digit, after at most a few opening quotes. */
export function startsLikeProse(text: string, i: number): boolean {
  let q = i;
  while (q < text.length && q - i < MAX_OPENERS && (isOpener(codeAt(text, q)) || isSpace(codeAt(text, q)))) q++;
  return isUpper(codeAt(text, q)) || isDigit(codeAt(text, q));
}

/** The word at i starts in lower case and is not one of Title Case's small words. */
export function isProseWord(text: string, i: number): boolean {
  if (!isLower(codeAt(text, i))) return false;
  let k = i;
  while (k < text.length && k - i < 5 && isLetter(codeAt(text, k))) k++;
  return k - i === 5 || !TITLE_CASE_SMALL_WORDS.has(text.slice(i, k));
}

/** The whitespace-delimited token starting at `from` is a URL or an e-mail address: its dots are not stops. */
export function isLinkToken(text: string, from: number): boolean {
  if (text.startsWith('www.', from) || text.startsWith('WWW.', from)) return true;
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (isSpace(c)) return false;
    if (c === COMMERCIAL_AT) return true;
    if (c === COLON && codeAt(text, k + 1) === SOLIDUS && codeAt(text, k + 2) === SOLIDUS) return true;
  }
  return false;
}

/** Past the closing quotes and brackets from q. */
export function skipClosers(text: string, q: number): number {
  while (q < text.length && isCloser(text.charCodeAt(q))) q++;
  return q;
}

/** How a list numbers its items: "1." "2.", "a)" "b)", "A)" "B)". */
export type ListKind = 'digits' | 'lower' | 'upper';

/** A list item's marker: its kind, its value (the number, or the letter's code) and where it ends. */
export interface ListMarker {
  kind: ListKind;
  value: number;
  end: number;
}

/** A list marker at p, followed by whitespace: "1.", "1.)", "1)", "a.", "b)", "A)"; or null. */
export function listMarkerAt(text: string, p: number): ListMarker | null {
  const n = text.length;
  let q = p;
  let kind: ListKind;
  let value: number;
  const c = codeAt(text, p);
  if (isDigit(c)) {
    while (q < n && isDigit(codeAt(text, q)) && q - p < 3) q++;
    if (isDigit(codeAt(text, q))) return null;
    kind = 'digits';
    value = Number(text.slice(p, q));
  } else if (c < 128 && isLetter(c) && !isLetter(codeAt(text, p + 1))) {
    q = p + 1;
    kind = c >= 0x61 ? 'lower' : 'upper';
    value = c;
  } else {
    return null;
  }
  let paren = false;
  if (codeAt(text, q) === DOT) {
    q++;
    if (codeAt(text, q) === RIGHT_PARENTHESIS) {
      q++;
      paren = true;
    }
  } else if (codeAt(text, q) === RIGHT_PARENTHESIS) {
    q++;
    paren = true;
  } else {
    return null;
  }
  if (q >= n || !isSpace(codeAt(text, q))) return null;
  // "A. Smith and B. Jones" are initials far more often than list items; "A) … B)" is a list.
  if (kind === 'upper' && !paren) return null;
  return { kind, value, end: q };
}
