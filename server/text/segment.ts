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
// - "?", "!" and ellipses end a sentence unless a lower-case word follows ("Yahoo! in");
// - closing quotes and brackets after a stop belong to the sentence they close;
// - list items ("1. a 2. b", "a) x b) y", "• one • two") are sentences of their own.

/** Name and version recorded on each document; bump on any rule change. */
export const SEGMENTER = 'parley-rules/1';

/** One sentence: `text.slice(start, end)` is trimmed; `paragraph` counts paragraphs that hold sentences. */
export interface SentenceSpan {
  start: number;
  end: number;
  paragraph: number;
}

// ---------------------------------------------------------------------------------------------
// Word lists. Keys are lower case unless a list says otherwise.

/** Titles before a name: a period after them never ends a sentence ("Gov. Newsom", "Dr. Who"). */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'messrs', 'mmes', 'dr', 'prof', 'rev', 'hon', 'msgr', 'sen', 'sens', 'rep',
  'reps', 'gov', 'gen', 'lt', 'col', 'capt', 'cpt', 'sgt', 'adm', 'maj', 'cmdr', 'cdr', 'brig', 'cpl',
  'pvt', 'supt', 'det', 'insp', 'atty', 'attys', 'pres', 'amb', 'fr',
]);

/** Abbreviations that never end a sentence, whatever their case ("e.g.", "vs."). */
const JOINERS = new Set(['vs', 'v', 'cf', 'viz', 'eg', 'ie']);

/** Abbreviations that take a number: no boundary before a digit ("No. 5", "p. 55", "N°. 12"). */
const NUMBERED = new Set([
  'no', 'nos', 'nr', 'n°', 'p', 'pp', 'vol', 'vols', 'fig', 'figs', 'art', 'arts', 'ch', 'sec', 'secs',
  'para', 'op', 'ed', 'eq', 'ref', 'tel', 'ext', 'approx',
]);

/**
 * Abbreviations in any case ("co." and "Co."). They end a sentence only when a common sentence
 * starter follows ("& Co. It closed" splits, "& Co. at noon" and "Apple Inc. Chief" do not).
 */
const ABBREVIATIONS = new Set([
  'co', 'corp', 'inc', 'ltd', 'llc', 'plc', 'bros', 'jr', 'sr', 'st', 'mt', 'ft', 'ave', 'blvd', 'rd',
  'hwy', 'dept', 'est', 'approx', 'govt', 'assn', 'univ', 'intl', 'natl', 'al', 'ibid', 'etc', 'ca',
  'cca', 'esp', 'misc', 'max', 'min', 'yr', 'yrs', 'hr', 'hrs', 'mos', 'sq', 'lbs', 'oz', 'pct', 'mln',
  'bn', 'tr', 'cal', 'ret', 'inst', 'dist', 'div', 'mfg', 'ph', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Abbreviations that are also ordinary words ("Mar." / "mar", "Wash." / "wash"): they count only
 * when capitalised. Months, weekdays and US states as news agencies write them.
 */
const CAPITALISED_ABBREVIATIONS = new Set([
  'mar', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans', 'ky',
  'la', 'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nebr', 'nev', 'okla', 'ore', 'pa',
  'penn', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wisc', 'wyo',
]);

/** Words after "p.m." that continue the time expression ("5 p.m. Monday", "6 p.m. ET"). */
const TIME_FOLLOWERS = new Set([
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Mon', 'Tue', 'Tues',
  'Wed', 'Thu', 'Thurs', 'Fri', 'Sat', 'Sun', 'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun',
  'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'ET', 'EST', 'EDT', 'CT', 'CST', 'CDT', 'MT', 'MST',
  'MDT', 'PT', 'PST', 'PDT', 'GMT', 'UTC', 'BST', 'CET', 'CEST', 'IST', 'JST', 'Eastern', 'Central',
  'Pacific', 'Mountain', 'Local', 'Moscow', 'Beijing', 'London', 'Tokyo',
]);

/**
 * Capitalised words that usually begin a sentence and rarely continue a name. After an ambiguous
 * abbreviation ("U.S.", "Co.", an initial) they tip the decision towards a boundary.
 */
const STARTERS = new Set([
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'There', 'Then', 'Thus', 'Their', 'They', 'He',
  'She', 'It', 'Its', 'I', 'We', 'You', 'Your', 'Our', 'My', 'His', 'Her', 'But', 'And', 'Or', 'Nor',
  'So', 'Yet', 'However', 'Meanwhile', 'Moreover', 'Furthermore', 'Still', 'Also', 'Although', 'Though',
  'Because', 'Since', 'While', 'When', 'Where', 'What', 'Which', 'Who', 'Whom', 'Whose', 'Why', 'How',
  'If', 'Unless', 'Until', 'After', 'Before', 'As', 'At', 'In', 'On', 'For', 'From', 'With', 'Without',
  'By', 'During', 'Under', 'Among', 'Despite', 'Instead', 'Indeed', 'Yes', 'Not', 'Now', 'Here', 'Even',
  'Each', 'Every', 'Both', 'All', 'Some', 'Many', 'Most', 'Several', 'Such', 'Another', 'Other',
  'Others', 'Last', 'Next', 'Earlier', 'Later', 'Once', 'Is', 'Are', 'Was', 'Were', 'Do', 'Does', 'Did',
  'Can', 'Could', 'Would', 'Should', 'Shall', 'Must', 'Might', 'Has', 'Have', 'Had', 'Let', 'Please',
  'Yesterday', 'Tomorrow', 'According', 'Neither', 'Either', 'Whether',
]);

/** Short words that stay lower case in Title Case headlines ("Why the U.S. Is Worried"). */
const TITLE_CASE_SMALL_WORDS = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'to', 'for', 'and', 'or', 'nor', 'but', 'at', 'by', 'as', 'vs',
  'with', 'from', 'into', 'amid', 'over',
]);

// ---------------------------------------------------------------------------------------------
// Character classes, on UTF-16 code units. ASCII first; the Unicode regexes run only on rare input.

const LF = 10;
const CR = 13;
const SPACE = 32;
const DOT = 46;
const ELLIPSIS = 0x2026;

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;

/** Exactly the characters String.prototype.trim removes, so spans equal their trimmed selves. */
function isSpace(c: number): boolean {
  if (c < 128) return c === SPACE || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isBreak(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(String.fromCharCode(c));
}

function isLower(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER.test(String.fromCharCode(c));
}

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCharCode(c));
}

/** Sentence enders of Chinese and Japanese: a boundary even with no space after them. */
function isCjkStop(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff61;
}

/** Quotes and brackets that may close after the stop: `"Stop."` keeps its quote. */
function isCloser(c: number): boolean {
  return (
    c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0x7d || c === 0x201d || c === 0x2019 ||
    c === 0xbb || c === 0x203a || c === 0x300d || c === 0x300f || c === 0xff09 || c === 0x3009 ||
    c === 0x300b || c === 0x3011 || c === 0xff63
  );
}

function isOpener(c: number): boolean {
  return (
    c === 0x22 || c === 0x27 || c === 0x28 || c === 0x5b || c === 0x7b || c === 0x201c || c === 0x2018 ||
    c === 0x201e || c === 0xab || c === 0x2039 || c === 0x300c || c === 0x300e || c === 0xff08 ||
    c === 0xbf || c === 0xa1
  );
}

/** List bullets: each one opens a new sentence ("• first • second"). */
function isBullet(c: number): boolean {
  return (
    c === 0x2022 || c === 0x2023 || c === 0x2043 || c === 0x25e6 || c === 0x25aa || c === 0x25cf ||
    c === 0x25a0
  );
}

/** Characters of a word before a period, abbreviation dots and "N°" included. */
function isWordish(c: number): boolean {
  return c === DOT || c === 0xb0 || isLetter(c);
}

// ---------------------------------------------------------------------------------------------

/** How far back the word before a period is read; longer words are never abbreviations. */
const MAX_WORD = 24;

/** The word after a stop, as far as the decisions need it. */
interface Next {
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

type Verdict = 'split' | 'keep' | 'never';

interface ListMarker {
  kind: number; // 1 digits, 2 lower-case letter, 3 upper-case letter
  value: number;
  end: number;
}

/** Split `text` into trimmed, ordered, non-overlapping sentence spans that never cross a blank line. */
export function segment(text: string): SentenceSpan[] {
  const n = text.length;
  const spans: SentenceSpan[] = [];
  const code = (k: number): number => (k < n ? text.charCodeAt(k) : -1);

  let paragraph = 0;
  let blankSince = false; // a blank line lies between the last sentence and the next one
  let start = -1; // first character of the open sentence; -1 when none is open
  let lastEnd = 0; // end of the last non-space character of the open sentence
  let words = 0; // whitespace-separated words in the open sentence so far
  let hasProse = false; // a lower-case word that a Title Case headline would capitalise was seen
  let firstUpper = false; // the open sentence begins like prose (capital or digit)
  let wordStart = 0; // start of the current whitespace-delimited token
  let linkFor = -1; // token start for which `isLinkToken` was computed
  let isLinkToken = false;
  let joinBreakAt = -1; // a stop before this line break already ruled "no boundary"
  let listKind = 0; // the list running on this line ("1. a 2. b"), 0 when none
  let listValue = 0;

  const close = (end: number): void => {
    if (start < 0) return;
    spans.push({ start, end, paragraph });
    start = -1;
  };

  /** A list marker at p: "1.", "1.)", "1)", "a.", "b)"; followed by whitespace. */
  const markerAt = (p: number): ListMarker | null => {
    let q = p;
    let kind: number;
    let value: number;
    const c = code(p);
    if (isDigit(c)) {
      while (q < n && isDigit(code(q)) && q - p < 3) q++;
      if (isDigit(code(q))) return null;
      kind = 1;
      value = Number(text.slice(p, q));
    } else if (c < 128 && isLetter(c) && !isLetter(code(p + 1))) {
      q = p + 1;
      kind = c >= 97 ? 2 : 3;
      value = c;
    } else {
      return null;
    }
    let paren = false;
    if (code(q) === DOT) {
      q++;
      if (code(q) === 0x29) {
        q++;
        paren = true;
      }
    } else if (code(q) === 0x29) {
      q++;
      paren = true;
    } else {
      return null;
    }
    if (q >= n || !isSpace(code(q))) return null;
    // "A. Smith and B. Jones" are initials far more often than list items; "A) … B)" is a list.
    if (kind === 3 && !paren) return null;
    return { kind, value, end: q };
  };

  /** The next item of the running list starts at p ("item 2. The second", "item b. The"). */
  const successorAt = (p: number): boolean => {
    if (listKind === 0) return false;
    const m = markerAt(p);
    return m !== null && m.kind === listKind && m.value === listValue + 1;
  };

  /**
   * Opens a sentence at i; returns where scanning continues: past a bullet or list marker (and
   * then `lastEnd` is set), or i itself.
   */
  const open = (i: number): number => {
    if (blankSince && spans.length > 0) paragraph++;
    blankSince = false;
    start = i;
    words = 1;
    hasProse = isProseWord(i);
    let p = i;
    if (isBullet(code(p))) {
      p++;
      lastEnd = p;
      while (p < n && isSpace(code(p)) && !isBreak(code(p))) p++;
    }
    const m = markerAt(p);
    // A letter starts a list only as "a."/"A." or as the next letter of a running list, so that
    // an initial ("J. K. Rowling") is not taken for one.
    const startsList = m !== null && (m.kind === 1 || m.value === 97 || m.value === 65);
    const continuesList = m !== null && m.kind === listKind && m.value === listValue + 1;
    if (m !== null && (startsList || continuesList)) {
      listKind = m.kind;
      listValue = m.value;
      p = m.end;
      lastEnd = p;
    }
    let q = p;
    while (q < n && q - p < 4 && (isOpener(code(q)) || isSpace(code(q)))) q++;
    firstUpper = isUpper(code(q)) || isDigit(code(q));
    return p;
  };

  /** The token around the current word is a URL or an e-mail address: its dots are not stops. */
  const inLink = (): boolean => {
    if (linkFor !== wordStart) {
      linkFor = wordStart;
      isLinkToken = false;
      let k = wordStart;
      if (text.startsWith('www.', k) || text.startsWith('WWW.', k)) isLinkToken = true;
      for (; k < n && !isLinkToken; k++) {
        const c = text.charCodeAt(k);
        if (isSpace(c)) break;
        if (c === 0x40 || (c === 0x3a && code(k + 1) === 0x2f && code(k + 2) === 0x2f)) isLinkToken = true;
      }
    }
    return isLinkToken;
  };

  /** Reads what follows a stop at q: skips spaces (one line break at most) and opening quotes. */
  const peek = (q: number): Next => {
    const next: Next = { end: false, crossed: -1, upper: false, lower: false, digit: false, camel: false, word: '' };
    let k = q;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (isBreak(c)) {
        if (next.crossed >= 0) break; // a blank line
        next.crossed = k;
        k += c === CR && code(k + 1) === LF ? 2 : 1;
      } else if (isSpace(c)) {
        k++;
      } else {
        break;
      }
    }
    if (k >= n || isBreak(code(k))) {
      next.end = true;
      return next;
    }
    const o = k;
    while (k < n && k - o < 4 && isOpener(code(k))) k++;
    const c = code(k);
    next.upper = isUpper(c);
    next.lower = isLower(c);
    next.digit = isDigit(c);
    next.camel = next.lower && isUpper(code(k + 1));
    if (next.upper || next.lower) {
      const w = k;
      while (k < n && k - w < MAX_WORD && isLetter(code(k))) k++;
      next.word = text.slice(w, k);
    }
    return next;
  };

  /** Continue after q without a boundary; a line break the stop looked across joins the lines. */
  const keep = (q: number, next: Next | null): number => {
    lastEnd = q;
    if (next !== null && next.crossed >= 0) joinBreakAt = next.crossed;
    return q;
  };

  const split = (end: number): number => {
    close(end);
    return end;
  };

  /**
   * Ambiguous abbreviation ("U.S.", "Co.", an initial): a boundary only before a common sentence
   * starter, and never inside a Title Case headline ("Why the U.S. Is Worried").
   */
  const starterFollows = (next: Next): boolean =>
    next.upper && STARTERS.has(next.word) && words >= 3 && hasProse;

  /** The word at i starts in lower case and is not one of Title Case's small words. */
  const isProseWord = (i: number): boolean => {
    if (!isLower(code(i))) return false;
    let k = i;
    while (k < n && k - i < 5 && isLetter(code(k))) k++;
    return k - i === 5 || !TITLE_CASE_SMALL_WORDS.has(text.slice(i, k));
  };

  /** Decides a single period at i followed by whitespace, given the word after it. */
  const judgePeriod = (i: number, next: Next): Verdict => {
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
  };

  /** A period right before a letter ends a sentence only in run-together prose: "world.Today". */
  const gluedStop = (i: number, after: number): boolean => {
    if (!isUpper(code(after)) || !isLower(code(after + 1)) || inLink()) return false;
    if (isDigit(code(i - 1))) return true; // "1,000.That"
    const limit = Math.max(start, i - MAX_WORD);
    let b = i;
    while (b > limit && isLetter(code(b - 1))) b--;
    const word = text.slice(b, i);
    if (word.length < 2 || word === word.toUpperCase()) return false; // "U.S.A", "ASP.NET"
    const lower = word.toLowerCase();
    return !TITLES.has(lower) && !ABBREVIATIONS.has(lower) && !JOINERS.has(lower);
  };

  /** Past closing quotes and brackets from q. */
  const skipClosers = (q: number): number => {
    while (q < n && isCloser(text.charCodeAt(q))) q++;
    return q;
  };

  /** A period or an ellipsis at i. Returns where scanning continues. */
  const onDots = (i: number): number => {
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
    const r = skipClosers(p + 1);
    const spaceAfter = r >= n || isSpace(code(r));

    if (dots === 1) {
      if (!spaceAfter) {
        // "3.5", "www.example.com", "Jr.'s", "U.S.-led": not a stop, except "world.Today".
        if (r === i + 1 && gluedStop(i, i + 1)) return split(i + 1);
        return keep(i + 1, null);
      }
      const next = peek(r);
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
    if (before === 0x5b || before === 0x28) return keep(p + 1, null); // "[...]" marks elided text
    if (!spaceAfter) return keep(p + 1, null); // "what I mean...see"
    const next = peek(r);
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
  };

  /** "?", "!" and runs of them ("?!", "!!"). */
  const onBang = (i: number): number => {
    let p = i;
    for (;;) {
      const a = code(p + 1);
      if (a === 0x21 || a === 0x3f || a === 0x203c || a === 0x2047 || a === 0x2048 || a === 0x2049) p++;
      else break;
    }
    const r = skipClosers(p + 1);
    if (r < n && !isSpace(code(r))) {
      if (r === p + 1 && isUpper(code(r)) && isLower(code(r + 1)) && !inLink()) return split(r);
      return keep(p + 1, null);
    }
    const next = peek(r);
    if (next.end) return keep(r, null);
    if (next.lower && !next.camel) return keep(r, next); // "Yahoo! in", '"Why?" he asked'
    return split(r);
  };

  /** "。", "！", "？": always a boundary, with or without a following space. */
  const onCjkStop = (i: number): number => {
    let p = i;
    while (isCjkStop(code(p + 1))) p++;
    const r = skipClosers(p + 1);
    return split(r);
  };

  /** A line break at i; returns where scanning continues. */
  const onBreak = (i: number): number => {
    const c = code(i);
    const j = c === CR && code(i + 1) === LF ? i + 2 : i + 1;
    let k = j;
    while (k < n && isSpace(code(k)) && !isBreak(code(k))) k++;
    listKind = 0; // lists are read along one line ("1. a 2. b"); a new line starts afresh
    if (k >= n || isBreak(code(k))) {
      // A blank line (or the end of the text): the paragraph ends.
      close(lastEnd);
      blankSince = true;
      return k;
    }
    if (start >= 0 && joinBreakAt !== i && !joinsLines(i, k)) close(lastEnd);
    return k;
  };

  /**
   * A single line break inside a paragraph ends the sentence (headlines, captions, credits sit on
   * lines of their own without a final stop), except in hard-wrapped prose: the next line starts
   * in lower case and the sentence so far reads like prose, or the line ends with a space, a
   * comma or a hyphen. A list of lower-case lines ("features\ncontact manager") stays split.
   */
  const joinsLines = (i: number, k: number): boolean => {
    if (!isLower(code(k))) return false;
    if (lastEnd < i) return true; // "It was a cold \nnight"
    const last = code(lastEnd - 1);
    if (last === 0x2c || last === 0x3b || last === 0x2d || last === 0x2013 || last === 0x2014) return true;
    return firstUpper;
  };

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
    if (start < 0) {
      const p = open(i);
      if (p > i) {
        i = p;
        continue;
      }
    } else if (atWordStart) {
      words++;
      // Once a sentence has shown it is prose, stop looking (keeps the scan cheap).
      if (!hasProse) hasProse = isProseWord(i);
      if (isBullet(c) || successorAt(i)) {
        close(lastEnd);
        const p = open(i);
        if (p > i) {
          i = p;
          continue;
        }
      }
    }
    if (c === DOT || c === ELLIPSIS) {
      i = onDots(i);
    } else if (c === 0x21 || c === 0x3f || (c >= 0x203c && c <= 0x2049 && (c === 0x203c || c >= 0x2047))) {
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
}
