// Document structure: the headline and the site chrome around an article.
//
// Scraped news text arrives with the page around it: navigation crumbs, the headline repeated,
// date and weather strips, "SEE ALSO" teasers, course adverts and the comment form. None of it is
// removed (the document text is never modified, offsets point into it); these functions only
// suggest which sentences a reviewer will want dimmed and skipped.
import type { SentenceSpan } from './segment.ts';

// Lines longer than this are article prose, never chrome: keeps the anchored patterns below from
// flagging a whole paragraph that merely starts like a teaser ("Read: ...").
const MAX_CHROME_WORDS = 40;
const MAX_CHROME_CHARS = 1000;
// How far into the document the headline may sit (below crumbs, date strips, "3 Min Read").
const TITLE_SEARCH_LINES = 8;
const MAX_TITLE_WORDS = 25;

/** Collapse runs of whitespace (including no-break spaces) so patterns see plain text. */
function normalize(s: string): string {
  return isNormal(s) ? s : s.replace(/\s+/g, ' ').trim();
}

/**
 * What `normalize` would change: whitespace other than a space, two spaces in a row, or a space at
 * either end. Most sentences and lines have none, and one test of this costs no copy (an import
 * runs it about twice per sentence; a regular expression scans faster than a loop here).
 */
const NOT_NORMAL = /[^\S ]| {2}|^ | $/;

function isNormal(s: string): boolean {
  return !NOT_NORMAL.test(s);
}

/** Words of a normalized string: one more than its spaces (counted without splitting it). */
function wordCount(s: string): number {
  if (s === '') return 0;
  let words = 1;
  for (let k = s.indexOf(' '); k !== -1; k = s.indexOf(' ', k + 1)) words++;
  return words;
}

// Phrases that are chrome on their own, matched against a whole trimmed line or sentence.
const CHROME_PATTERNS: readonly RegExp[] = [
  // The comment form.
  /^leave a (reply|comment)\b/i,
  /^(add|post|view|show) (a |all )?comments?( \(\d+\))?$/i,
  /^\d* ?comments?$/i,
  /^no (posts|comments|related posts) (to display|yet|found)\b/i,
  /^please enter (your|a valid) [\w ]+(here)?[.!]?$/i,
  /^you have entered an incorrect email address/i,
  /^your email address will not be published/i,
  /^required fields are marked/i,
  /^this site uses akismet/i,
  /^learn how your comment data is processed/i,
  /^save my name,? email,? and website/i,
  /^(cancel reply|reply|log ?in to reply)$/i,
  // Sharing, reading time, teasers and link lists.
  /^share (this|the) (article|story|post|page)\b/i,
  /^share( this)?:?$/i,
  /^(share|follow us) on (facebook|twitter|x|whatsapp|linkedin|telegram|email)\b/i,
  /^follow us\b/i,
  /^\d+ ?min(ute)?s? read$/i,
  /^(see also|also read|read also|read|read more|related|recommended|watch|listen|more|trending|must read)\s*:/i,
  /^(read more|related|related (articles?|posts|stories|news|content)|more (stories|news|articles) ?(from .*)?|most (popular|read)( articles| posts| stories)?|popular (posts|articles)|you (may|might) (also )?like|recommended( for you)?|trending( now)?|latest (news|posts|articles)|editor'?s picks)[.:]?$/i,
  /^check out (our )?other (content|tags|articles|posts|stories)\b/i,
  /^(find|see|read|get) more\b.* here[.!]?$/i,
  /^(click|tap) here\b/i,
  /^(tags|filed under|categories|category|topics)\s*:/i,
  // Newsletters, cookies, ads, copyright.
  /^subscribe( now)?( to (our|the) [\w ]*newsletter)?[.!]?$/i,
  /^(sign up|subscribe) (for|to) (our|the) [\w ]*newsletter\b/i,
  /\b(we|this (web)?site) uses? cookies\b/i,
  /^(accept|reject|manage)( all)? cookies$/i,
  /^(advertisement|advertisements|sponsored( content)?|ad|ads)$/i,
  /^(©|\(c\) ?\d{4}|copyright ©?\s*\d{4})/i,
  /\ball rights reserved\.?$/i,
];

// The anchored patterns above as one regular expression, `^(?:a|b|…)`: it matches exactly when one
// of them does (each starts with ^ and none uses a backreference), and one match attempt at the
// start replaces some thirty.
const CHROME_AT_START = new RegExp(
  `^(?:${CHROME_PATTERNS.filter((re) => re.source.startsWith('^'))
    .map((re) => re.source.slice(1))
    .join('|')})`,
  'i',
);
const CHROME_ANYWHERE = CHROME_PATTERNS.filter((re) => !re.source.startsWith('^'));

// Course and syndicate adverts that news sites run between paragraphs, e.g. "Tekedia Mini-MBA
// (Feb 5 – May 4, 2024) has started; registration continues here." A call to action ending in
// "here" that opens with its imperative, or a course word next to a registration word; only on
// short lines (see isChromeText).
const ADVERT_CTA = /^(join|register|enrol|enroll|subscribe|sign up|apply|download|buy|get)\b.*\bhere[.!]?$/i;
const ADVERT_COURSE = /\b(mini-mba|mba|masterclass|course|webinar|bootcamp|cohort|programme|academy)\b/i;
const ADVERT_REGISTRATION = /\b(registrations?|enrol(l)?ment|enrol(l)?|sign-?ups?)\b/i;

// A date, time or temperature strip: "Tuesday, June 24, 2025 | 31°C", "-3.1 C".
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const WEEKDAY = '(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?';
const DATE_PART = new RegExp(
  [
    `^(${WEEKDAY},? )?${MONTH} \\d{1,2}(st|nd|rd|th)?,? \\d{4}$`, // Sunday, December 3, 2023
    `^(${WEEKDAY},? )?\\d{1,2}(st|nd|rd|th)? ${MONTH},? \\d{4}$`, // Sunday 3 December 2023
    `^\\d{4}-\\d{2}-\\d{2}([t ][\\d:.]+z?)?$`, // 2023-12-03
    `^\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}$`, // 03/12/2023
    `^\\d{1,2}:\\d{2}( ?[ap]\\.?m\\.?)?( [a-z]{2,5})?$`, // 10:45 am GMT
    `^-?\\d+([.,]\\d+)? ?°? ?[cf]$`, // 31°C, -3.1 C
    `^${WEEKDAY}$`,
  ].join('|'),
  'i',
);

const DATE_SEPARATOR = / ?[|·•–—] ?/;
/** Whether a line holds a DATE_SEPARATOR: one of its characters, spaces or not. */
const HAS_DATE_SEPARATOR = /[|·•–—]/;

function isDateOrWeatherLine(line: string): boolean {
  const body = line.replace(/^(published|updated|posted|last updated)( on)?:? /i, '');
  // Most lines have no separator: then the one part is the body itself, with no split to make.
  if (!HAS_DATE_SEPARATOR.test(body)) {
    const part = body.trim();
    return part !== '' && DATE_PART.test(part);
  }
  const parts = body
    .split(DATE_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length > 0 && parts.every((p) => DATE_PART.test(p));
}

// "Home Latest Insights | News <headline>", "Home » Section » <headline>".
function isNavigationCrumb(line: string): boolean {
  return /^home\b/i.test(line) && /[|»›>/]/.test(line) && !/[.!?]$/.test(line);
}

// Thumbnail captions of image file names left behind by the scraper: "<headline>_4.1".
function isImageFileLabel(line: string): boolean {
  return line.includes('_') && /\S_\d+(\.\d+)?$/.test(line);
}

/** Whether a line or sentence, on its own, reads as site chrome rather than article text. */
export function isChromeText(raw: string): boolean {
  // A cheap bound before normalising: chrome is short, and long paragraphs are common.
  if (raw.length > MAX_CHROME_CHARS) return false;
  const s = normalize(raw);
  if (s === '') return false;
  const words = wordCount(s);
  if (words > MAX_CHROME_WORDS) return false;
  if (CHROME_AT_START.test(s) || CHROME_ANYWHERE.some((re) => re.test(s))) return true;
  if (isDateOrWeatherLine(s) || isNavigationCrumb(s) || isImageFileLabel(s)) return true;
  if (words <= 25 && (ADVERT_CTA.test(s) || (ADVERT_COURSE.test(s) && ADVERT_REGISTRATION.test(s)))) return true;
  return false;
}

// Abbreviations a headline may end with ("... Talks With U.S.").
const FINAL_ABBREVIATION = /(\b(?:[A-Z]\.){2,}|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Dr|No|vs)\.)$/;
const MINOR_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'but',
  'or',
  'nor',
  'for',
  'so',
  'yet',
  'as',
  'at',
  'by',
  'in',
  'of',
  'off',
  'on',
  'per',
  'to',
  'up',
  'via',
  'with',
  'from',
  'into',
  'over',
  'amid',
  'vs',
  'is',
  'are',
]);

/** Whether a single line reads as a headline: short, no closing period, Title Case when long. */
function readsAsHeadline(line: string): boolean {
  const words = line.split(' ');
  if (line.length < 3 || line.length > 200 || words.length > MAX_TITLE_WORDS) return false;
  // \p{Lo}: scripts without capitals (Chinese, Japanese, Arabic, Hebrew) start a headline with any letter.
  if (!/^[\p{Lu}\p{Lo}\p{N}"'“‘(「《]/u.test(line)) return false;
  if (/[,;:，、；：]$/u.test(line)) return false;
  if (/[。！？؟]$/u.test(line)) return false;
  if (line.endsWith('.') && !FINAL_ABBREVIATION.test(line)) return false;
  // Two sentences on one line are prose, not a headline.
  if (/[a-z]{2}[.!?] \p{Lu}/u.test(line)) return false;
  // Long sentence-case lines are usually the lede; headlines that long are Title Case.
  if (words.length <= 12) return true;
  const significant = words.filter((w) => !MINOR_WORDS.has(w.toLowerCase()));
  const capitalised = significant.filter((w) => /^[\p{Lu}\p{Lo}\p{N}"'“‘(]/u.test(w));
  return capitalised.length >= 0.7 * significant.length;
}

/** The article's headline: the first line near the top that reads as one, past any chrome; null if none. */
export function detectTitle(text: string): string | null {
  // The first TITLE_SEARCH_LINES non-blank lines, read one by one: a long document is not split whole.
  let seen = 0;
  for (let from = 0; from <= text.length && seen < TITLE_SEARCH_LINES;) {
    const nl = text.indexOf('\n', from);
    const to = nl === -1 ? text.length : nl;
    const line = normalize(text.slice(from, to > from && text.charCodeAt(to - 1) === 0x0d ? to - 1 : to));
    from = nl === -1 ? text.length + 1 : nl + 1;
    if (line === '') continue;
    seen++;
    if (isChromeText(line)) continue;
    // The first line that is not chrome decides: either it is the headline or there is none
    // (a document that opens with its lede has no headline line to find further down).
    return readsAsHeadline(line) ? line : null;
  }
  return null;
}

/** Where each line of `text` starts, in order. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line holding offset `at` (binary search: documents may have many lines). */
function lineIndexAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line `i` of `text`, without its line break. */
function lineOf(text: string, starts: readonly number[], i: number): string {
  return text.slice(starts[i] ?? 0, (starts[i + 1] ?? text.length + 1) - 1);
}

/**
 * One boilerplate suggestion per sentence: site chrome, and repeats of the headline after its first
 * line. No closure is made per call: under tsx (the CLI, the server) each named one costs a
 * defineProperty of its name, per article.
 */
export function flagBoilerplate(text: string, sentences: readonly SentenceSpan[]): boolean[] {
  const starts = lineStarts(text);

  // The line where the headline first stands on its own is the article's; later lines that are the
  // headline again, or the headline with a section name glued on ("WorldChina and Russia ..."),
  // are the page's repeats of it.
  const title = detectTitle(text);
  let titleLine = -1;
  if (title !== null) {
    for (let i = 0; i < starts.length && titleLine === -1; i++) {
      if (normalize(lineOf(text, starts, i)) === title) titleLine = i;
    }
  }

  // Judged once per line: a long paragraph line holds many sentences.
  const lineVerdicts = new Map<number, boolean>();
  const flags = new Array<boolean>(sentences.length);
  for (let k = 0; k < sentences.length; k++) {
    const sentence = sentences[k]!;
    if (isChromeText(text.slice(sentence.start, sentence.end))) {
      flags[k] = true;
      continue;
    }
    // The segmenter ends sentences at line breaks, so a chrome line ("Your email address will not be
    // published. Required fields are marked *") flags every sentence in it.
    const i = lineIndexAt(starts, sentence.start);
    let verdict = lineVerdicts.get(i);
    if (verdict === undefined) {
      const line = lineOf(text, starts, i);
      verdict = isChromeText(line) || (title !== null && i !== titleLine && isHeadlineRepeat(normalize(line), title));
      lineVerdicts.set(i, verdict);
    }
    flags[k] = verdict;
  }
  return flags;
}

/** Whether a normalized line other than the headline's own is the headline again (perhaps with a section name glued on). */
function isHeadlineRepeat(line: string, title: string): boolean {
  return line.length <= title.length + 40 && line.includes(title);
}
