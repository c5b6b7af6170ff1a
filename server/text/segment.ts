// Parley's sentence segmenter: rule-based, tuned for news text pasted from web pages.
//
// One forward scan over the text. Every decision looks at a bounded window around the current
// character (the word before a period, the word after it), so the cost is linear in the length
// of the text. Offsets are UTF-16 indices into the original, unmodified text.
//
// Boundaries, in short:
// - a blank line always ends a sentence and a paragraph;
// - a single line break ends a sentence (headlines, captions and credits stand on lines of their
//   own without a stop), unless the text is hard-wrapped prose (see `joinsLines`);
// - "." ends a sentence unless the word before it is an abbreviation, an initial or a number
//   abbreviation that the next word continues ("U.S. military", "Jan. 3", "Mr. Smith"), or the
//   period sits inside a number, URL or e-mail address;
// - "?", "!" and ellipses end a sentence unless a lower-case word follows ("Yahoo! in"); the
//   Chinese and Japanese 。！？ and the Arabic ؟ always end one, even with no space after them;
// - closing quotes and brackets after a stop belong to the sentence they close;
// - list items ("1. a 2. b", "a) x b) y", "• one • two") are sentences of their own.
//
// Beside it: the character classes (charClasses.ts), the word lists (segmentLexicon.ts) and the
// bounded reads ahead of the scan (segmentLookahead.ts).
import * as chars from './charClasses.ts';
import * as lexicon from './segmentLexicon.ts';
import * as lookahead from './segmentLookahead.ts';
import type { ListKind, ListMarker, Next } from './segmentLookahead.ts';

// Read once into module constants: an imported binding is live, so V8 reloads it through its
// import cell at every call, and the scan calls these per character (~15 % of its speed).
const {
  CR,
  DOT,
  ELLIPSIS,
  LEFT_PARENTHESIS,
  LEFT_SQUARE_BRACKET,
  LF,
  SPACE,
  isArabicStop,
  isBang,
  isBreak,
  isBullet,
  isCjkStop,
  isClauseJoiner,
  isDigit,
  isLetter,
  isLower,
  isSpace,
  isUpper,
  isWordish,
} = chars;
const { ABBREVIATIONS, CAPITALISED_ABBREVIATIONS, JOINERS, NUMBERED, STARTERS, TIME_FOLLOWERS, TITLES } = lexicon;
const { MAX_WORD, isLinkToken, isProseWord, listMarkerAt, readNext, skipClosers, startsLikeProse } = lookahead;

/** Name and version recorded on each document; bump on any rule change. */
export const SEGMENTER = 'parley-rules/2';

/** One sentence: `text.slice(start, end)` is trimmed; `paragraph` counts paragraphs that hold sentences. */
export interface SentenceSpan {
  start: number;
  end: number;
  paragraph: number;
}

/** What a period decides: a boundary, none, or none even across a line break ("Mr.\nSmith"). */
type Verdict = 'split' | 'keep' | 'never';

/** Split `text` into trimmed, ordered, non-overlapping sentence spans that never cross a blank line. */
export function segment(text: string): SentenceSpan[] {
  const n = text.length;
  const spans: SentenceSpan[] = [];
  const code = (k: number): number => (k < n ? text.charCodeAt(k) : -1);

  // The scanner's state.
  let paragraph = 0;
  let blankSince = false; // a blank line lies between the last sentence and the next one
  let start = -1; // first character of the open sentence; -1 when none is open
  let lastEnd = 0; // end of the last non-space character of the open sentence
  let words = 0; // whitespace-separated words in the open sentence so far
  let hasProse = false; // a lower-case word that a Title Case headline would capitalise was seen
  let firstUpper = false; // the open sentence begins like prose (capital or digit)
  let wordStart = 0; // start of the current whitespace-delimited token
  let linkFor = -1; // token start for which `linkToken` was computed
  let linkToken = false;
  let joinBreakAt = -1; // a stop before this line break already ruled "no boundary"
  let listKind: ListKind | null = null; // the list running on this line ("1. a 2. b")
  let listValue = 0; // the number (or letter code) of its last item

  // The scan: each handler takes the position of its character and returns where scanning continues.
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) {
      i = onBreak(i);
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    const atWordStart = i === 0 || isSpace(text.charCodeAt(i - 1));
    if (atWordStart) wordStart = i;
    if (atWordStart && start >= 0) {
      words++;
      // Once a sentence has shown it is prose, stop looking (keeps the scan cheap).
      if (!hasProse) hasProse = isProseWord(text, i);
      // A bullet or the running list's next item ("item 2. The second") opens a new sentence.
      if (isBullet(c) || (listKind !== null && continuesList(listMarkerAt(text, i)))) close(lastEnd);
    }
    if (start < 0) {
      const p = open(i);
      if (p > i) {
        i = p; // past a bullet or a list marker
        continue;
      }
    }
    if (c === DOT || c === ELLIPSIS) {
      i = onDots(i);
    } else if (isBang(c)) {
      i = onBang(i);
    } else if (isCjkStop(c)) {
      i = onCjkStop(i);
    } else {
      lastEnd = i + 1;
      i++;
    }
  }
  close(lastEnd);
  return spans;

  // --- Sentences ---------------------------------------------------------------------------

  function close(end: number): void {
    if (start < 0) return;
    spans.push({ start, end, paragraph });
    start = -1;
  }

  /** Opens a sentence at i; returns i, or the position past a bullet or list marker (then `lastEnd` is set). */
  function open(i: number): number {
    if (blankSince && spans.length > 0) paragraph++;
    blankSince = false;
    start = i;
    words = 1;
    hasProse = isProseWord(text, i);
    let p = i;
    if (isBullet(code(p))) {
      p++;
      lastEnd = p;
      while (p < n && isSpace(code(p)) && !isBreak(code(p))) p++;
    }
    const m = listMarkerAt(text, p);
    // A letter starts a list only as "a."/"A." or as the next letter of a running list, so that
    // an initial ("J. K. Rowling") is not taken for one.
    const startsList = m !== null && (m.kind === 'digits' || m.value === 0x61 || m.value === 0x41);
    if (m !== null && (startsList || continuesList(m))) {
      listKind = m.kind;
      listValue = m.value;
      p = m.end;
      lastEnd = p;
    }
    firstUpper = startsLikeProse(text, p);
    return p;
  }

  /** The marker is the next item of the list running on this line ("item 2. The second", "item b. The"). */
  function continuesList(m: ListMarker | null): boolean {
    return m !== null && m.kind === listKind && m.value === listValue + 1;
  }

  /** Continue after q without a boundary; a line break the stop looked across joins the lines. */
  function keep(q: number, next: Next | null): number {
    lastEnd = q;
    if (next !== null && next.crossed >= 0) joinBreakAt = next.crossed;
    return q;
  }

  function split(end: number): number {
    close(end);
    return end;
  }

  // --- Stops -------------------------------------------------------------------------------

  /** A period or an ellipsis at i. */
  function onDots(i: number): number {
    // Gather the run: "...", "....", "…", and spaced ". . ." (dots one space apart).
    let p = i;
    let dots = code(i) === ELLIPSIS ? 3 : 1;
    let spaced = false;
    for (;;) {
      const a = code(p + 1);
      if (a === DOT) {
        p++;
        dots++;
      } else if (a === ELLIPSIS) {
        p++;
        dots += 3;
      } else if (a === SPACE && code(p + 2) === DOT) {
        p += 2;
        dots++;
        spaced = true;
      } else {
        break;
      }
    }
    const r = skipClosers(text, p + 1);
    const spaceAfter = r >= n || isSpace(code(r));

    if (dots === 1) {
      if (!spaceAfter) {
        // "3.5", "www.example.com", "Jr.'s", "U.S.-led": not a stop, except "world.Today".
        if (r === i + 1 && gluedStop(i, i + 1)) return split(i + 1);
        return keep(i + 1, null);
      }
      const next = readNext(text, r);
      if (next.end) return keep(r, null);
      const verdict = judgePeriod(i, next);
      if (next.crossed >= 0) {
        // A stop at the end of a line: the line break decides, unless the word before the
        // period plainly continues onto the next line ("Mr.\nSmith", "U.S.\nmilitary").
        if (verdict === 'never' || (verdict === 'keep' && (next.lower || next.digit))) return keep(r, next);
        return split(r);
      }
      return verdict === 'split' ? split(r) : keep(r, next);
    }

    // An ellipsis.
    const before = code(i - 1);
    if (before === LEFT_SQUARE_BRACKET || before === LEFT_PARENTHESIS) return keep(p + 1, null); // "[...]" marks elided text
    if (!spaceAfter) return keep(p + 1, null); // "what I mean...see"
    const next = readNext(text, r);
    if (next.end) return keep(r, null);
    if (spaced) {
      const attached = i > start && !isSpace(before);
      if (dots >= 4 && next.upper) {
        // "compounds. . . . The": the first dot ends the sentence, the ellipsis opens the next.
        // "a period . . . . Next": the fourth dot is the period.
        return attached ? split(i + 1) : split(r);
      }
      return keep(r, next); // ". . ." inside a sentence
    }
    if (next.upper || (next.crossed >= 0 && !next.lower)) return split(r);
    return keep(r, next);
  }

  /** "?", "!" and runs of them ("?!", "!!"). */
  function onBang(i: number): number {
    let p = i;
    while (isBang(code(p + 1))) p++;
    const r = skipClosers(text, p + 1);
    if (r < n && !isSpace(code(r))) {
      if (r === p + 1 && isArabicStop(code(p)) && isLetter(code(r))) return split(r); // "الحرب؟دعت"
      if (r === p + 1 && isUpper(code(r)) && isLower(code(r + 1)) && !inLink()) return split(r);
      return keep(p + 1, null);
    }
    const next = readNext(text, r);
    if (next.end) return keep(r, null);
    if (next.lower && !next.camel) return keep(r, next); // "Yahoo! in", '"Why?" he asked'
    return split(r);
  }

  /** "。", "！", "？": always a boundary, with or without a following space. */
  function onCjkStop(i: number): number {
    let p = i;
    while (isCjkStop(code(p + 1))) p++;
    return split(skipClosers(text, p + 1));
  }

  /** A line break at i. */
  function onBreak(i: number): number {
    const j = code(i) === CR && code(i + 1) === LF ? i + 2 : i + 1;
    let k = j;
    while (k < n && isSpace(code(k)) && !isBreak(code(k))) k++;
    listKind = null; // lists are read along one line ("1. a 2. b"); a new line starts afresh
    if (k >= n || isBreak(code(k))) {
      // A blank line (or the end of the text): the paragraph ends.
      close(lastEnd);
      blankSince = true;
      return k;
    }
    if (start >= 0 && joinBreakAt !== i && !joinsLines(i, k)) close(lastEnd);
    return k;
  }

  // --- Decisions ---------------------------------------------------------------------------

  /**
   * A single line break inside a paragraph ends the sentence (headlines, captions, credits sit on
   * lines of their own without a final stop), except in hard-wrapped prose: the next line starts
   * in lower case and the sentence so far reads like prose, or the line ends with a space, a
   * comma or a hyphen. A list of lower-case lines ("features\ncontact manager") stays split.
   */
  function joinsLines(i: number, k: number): boolean {
    if (!isLower(code(k))) return false;
    if (lastEnd < i) return true; // "It was a cold \nnight"
    if (isClauseJoiner(code(lastEnd - 1))) return true;
    return firstUpper;
  }

  /**
   * Ambiguous abbreviation ("U.S.", "Co.", an initial): a boundary only before a common sentence
   * starter, and never inside a Title Case headline ("Why the U.S. Is Worried").
   */
  function starterFollows(next: Next): boolean {
    return next.upper && STARTERS.has(next.word) && words >= 3 && hasProse;
  }

  /** Decides a single period at i followed by whitespace, given the word after it. */
  function judgePeriod(i: number, next: Next): Verdict {
    const ordinary: Verdict = next.lower && !next.camel ? 'keep' : 'split';
    // The word before the period, bounded and never reaching into the previous sentence.
    const limit = Math.max(start, i - MAX_WORD);
    let b = i;
    while (b > limit && isWordish(code(b - 1))) b--;
    if (b === limit && b > start && isWordish(code(b - 1))) return ordinary; // too long
    while (b < i && code(b) === DOT) b++;
    let word = text.slice(b, i);
    if (word === '') return ordinary; // a number, a bracket, a symbol

    if (word.includes('.')) {
      const pieces = word.split('.');
      if (pieces.every((piece) => piece.length >= 1 && piece.length <= 3)) {
        // Multi-period abbreviation: "U.S.", "e.g.", "a.m.", "Ph.D."
        const key = pieces.join('').toLowerCase();
        if (JOINERS.has(key)) return 'never';
        if (key === 'am' || key === 'pm') {
          if (!next.upper) return next.digit ? 'keep' : next.lower ? 'keep' : 'split';
          if (TIME_FOLLOWERS.has(next.word)) return 'keep';
          // "At 5 a.m. Mr. Smith left" — a three-word fragment is not a sentence.
          return words >= 4 && hasProse ? 'split' : 'keep';
        }
        return starterFollows(next) ? 'split' : 'keep';
      }
      word = pieces[pieces.length - 1] ?? '';
      if (word === '') return ordinary;
    }

    const lower = word.toLowerCase();
    const capitalised = isUpper(word.charCodeAt(0));
    if (JOINERS.has(lower)) return 'never';
    if (capitalised && TITLES.has(lower)) return 'never';
    if (NUMBERED.has(lower) && next.digit) return 'keep';
    if (word.length === 1) {
      // An initial ("Jonas E. Smith") or a page letter; "you and I. Did" still splits.
      return starterFollows(next) ? 'split' : 'keep';
    }
    if (ABBREVIATIONS.has(lower) || (capitalised && CAPITALISED_ABBREVIATIONS.has(lower))) {
      if (lower === 'etc') return next.upper ? 'split' : 'keep';
      return starterFollows(next) ? 'split' : 'keep';
    }
    return ordinary;
  }

  /** A period right before a letter ends a sentence only in run-together prose: "world.Today". */
  function gluedStop(i: number, after: number): boolean {
    if (!isUpper(code(after)) || !isLower(code(after + 1)) || inLink()) return false;
    if (isDigit(code(i - 1))) return true; // "1,000.That"
    const limit = Math.max(start, i - MAX_WORD);
    let b = i;
    while (b > limit && isLetter(code(b - 1))) b--;
    const word = text.slice(b, i);
    if (word.length < 2 || word === word.toUpperCase()) return false; // "U.S.A", "ASP.NET"
    const lower = word.toLowerCase();
    return !TITLES.has(lower) && !ABBREVIATIONS.has(lower) && !JOINERS.has(lower);
  }

  /** The token around the current word is a URL or an e-mail address (read once per token). */
  function inLink(): boolean {
    if (linkFor !== wordStart) {
      linkFor = wordStart;
      linkToken = isLinkToken(text, wordStart);
    }
    return linkToken;
  }
}
