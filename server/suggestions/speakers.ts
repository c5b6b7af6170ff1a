// Who holds a cue's position and what a mediate cue is about, for the rules (./rules.ts): the
// reading of one sentence with what earlier sentences left (the last speaker, the last group, the
// last conflict named), quotes whose speaker is named after them, pronouns, reported speech.
import type { Span } from '../../shared/schemas/common.ts';
import { CLAUSE_BREAK, PARTICIPLE, PLURAL_PRONOUN, PRONOUN, RELATIVE, REPORTED, REPORTING_VERB } from './cues.ts';
import { coordinatedAfter, coordinatedBefore, type Mention } from './mentions.ts';

/** A sentence of the document the rules read: offsets into its text, and whether it is boilerplate. */
export interface SuggesterSentence {
  id: number;
  start: number;
  end: number;
  boilerplate: boolean;
}

/** What earlier sentences leave for later ones. */
export interface Context {
  stanceKeys: ReadonlySet<string>;
  /** The speakers of the last sentence with a claim (for "He said…", "the spokesman said"). */
  speakers: Mention[];
  /** The last person who spoke or was a sentence's subject (for "he", "she", "the spokesman"). */
  person: Mention | null;
  /** The last group of two or more actors (for "They", "Both ministers"). */
  group: Mention[];
  /** The last issue named as a conflict, war, crisis or situation; as a crisis or situation; as a conflict or war; of any kind. */
  conflict: Mention | null;
  crisis: Mention | null;
  war: Mention | null;
  issue: Mention | null;
  /** Every issue the document has named so far, in order. */
  issues: Mention[];
  /** Learned (./learning.ts): gold claims of other documents that made each issue a mediate target. */
  mediateTargets: ReadonlyMap<number, number>;
}

export const CONFLICT_WORDS = /\b(?:conflict|war|crisis|situation|hostilities)\b/iu;
export const CRISIS_WORDS = /\b(?:crisis|situation)\b/iu;
export const WAR_WORDS = /\b(?:conflict|war)\b/iu;
export const distinct = (mentions: readonly Mention[]) => mentions.filter((m, i) => mentions.findIndex((n) => n.coded === m.coded) === i);

/** The last run of two or more coordinated actors in the sentence ("China and Russia", "Xi and Putin"). */
export function lastGroup(text: string, mentions: readonly Mention[]): Mention[] {
  const parties = mentions.filter((m) => m.kind !== 'issue' && !m.place);
  for (let i = parties.length - 1; i > 0; i--) {
    const group = distinct(coordinatedBefore(text, parties, i));
    if (group.length >= 2) return group;
  }
  return [];
}

/**
 * Who speaks in each sentence that is (part of) a quote: the name in the reporting clause after the
 * closing quote ("…,” Geng said; ” the spokesman said" gives the previous speaker, null here). A
 * quote that stays open runs on to the next sentence, whose reporting clause then speaks for both.
 */
export function findQuoteSpeakers(text: string, sentences: readonly SuggesterSentence[], mentionsOf: readonly Mention[][]): QuoteSpeaker[] {
  const speakers: QuoteSpeaker[] = sentences.map(() => null);
  let open: number[] = [];
  sentences.forEach((sentence, index) => {
    const body = text.slice(sentence.start, sentence.end);
    const close = body.search(/[”"](?=[\s,.]*[^”"]*$)/u);
    const opens = /^\s*[“"]/u.test(body);
    if (close >= 0 && (opens || open.length > 0 || /[“"]/u.test(body.slice(0, close)))) {
      const after = sentence.start + close + 1;
      const clause = text.slice(after, sentence.end);
      const verb = REPORTING_VERB.exec(
        clause.replace(/^[\s,]*(?:(?:the\s+)?[^,.]{0,60}?\s)?(?=(?:said|says|added|told|stated|noted|stressed|declared|wrote|asserted|remarked)\b)/iu, ''),
      );
      const speaker = verb ? (mentionsOf[index]!.find((m) => m.start >= after && m.start < after + 80 && m.kind !== 'issue') ?? 'earlier') : null;
      for (const i of [...open, index]) speakers[i] = speaker;
      open = [];
    } else if (opens) open.push(index);
    else open = [];
  });
  return speakers;
}

/** Whether a position lies between an opening and a closing quote of the sentence. */
export function insideQuote(text: string, sentence: { start: number }, at: number, quoteSpeaker: QuoteSpeaker): boolean {
  if (!quoteSpeaker) return false;
  const before = text.slice(sentence.start, at);
  const opens = (before.match(/[“]/gu) ?? []).length + ((before.match(/"/gu) ?? []).length % 2);
  const closes = (before.match(/[”]/gu) ?? []).length;
  return opens > closes || (/^\s*[“"]/u.test(text.slice(sentence.start)) && closes === 0);
}

/** Who speaks a quote: the name after it, 'earlier' for "the spokesman said", null for no quote. */
export type QuoteSpeaker = Mention | 'earlier' | null;

export interface Side {
  mentions: Mention[];
  reason: string;
}

/** The text of the cue's clause before it (from the last clause break or the sentence start). */
export function clauseBefore(text: string, start: number, at: number): string {
  const before = text.slice(start, at);
  let cut = 0;
  for (const match of before.matchAll(new RegExp(CLAUSE_BREAK.source, 'giu'))) cut = match.index + match[0].length;
  return before.slice(cut);
}

/** Where the cue's clause ends. */
export function clauseAfter(text: string, from: number, end: number): number {
  const found = text.slice(from, end).search(CLAUSE_BREAK);
  return found < 0 ? end : from + found;
}

/** Parties named after the cue in its clause: the first and those coordinated with it ("Syria and Iraq"). */
export function partiesAfter(text: string, parties: readonly Mention[], cue: Span, end: number, consumed: ReadonlySet<Mention>): Mention[] {
  const candidates = parties.filter((m) => m.start >= cue.end && m.end <= end && !m.place && !consumed.has(m));
  const firstIndex = parties.indexOf(candidates[0]!);
  if (firstIndex < 0) return [];
  return coordinatedAfter(text, parties, firstIndex).filter((m) => m.end <= end);
}

/** Coordinated parties just before the cue ("China and Syria have announced a partnership"). */
export function groupNear(text: string, sentence: { start: number }, parties: readonly Mention[], cue: Span): Mention[] {
  const before = parties.filter((m) => m.end <= cue.start && m.start >= sentence.start && !m.place);
  if (before.length === 0) return [];
  return coordinatedBefore(text, parties, parties.indexOf(before.at(-1)!));
}

/**
 * Who holds the cue's position: a party named before it in the sentence (with those coordinated
 * with it), the speaker of a quote it is inside, or, for "he", "the spokesman" and "they", the
 * speaker or group of an earlier sentence. Never an issue. With `reporting`, whoever reports it
 * ("He said that China and Russia share…") speaks, not the subject of what is reported.
 */
export function findSpeakers(
  text: string,
  sentence: SuggesterSentence,
  parties: readonly Mention[],
  cue: Span,
  context: Context,
  quoteSpeaker: QuoteSpeaker,
  consumed: ReadonlySet<Mention>,
  previous: Side | null,
  reporting: boolean,
): Side | null {
  if (insideQuote(text, sentence, cue.start, quoteSpeaker)) return quoteSide(quoteSpeaker!, context);
  const before = text.slice(sentence.start, cue.start);
  const usable = (m: Mention) => !m.place && !m.aside && !consumed.has(m);
  let reporter: Side | null = null;
  let contentFrom = sentence.start;
  for (const match of before.matchAll(REPORTED)) {
    const subject = text.slice(sentence.start, sentence.start + match.index);
    const named = parties.filter((m) => m.end <= sentence.start + match.index && usable(m));
    if (named.length > 0)
      reporter = { mentions: distinct(coordinatedBefore(text, parties, parties.indexOf(named.at(-1)!))), reason: 'named: reporter before the reporting verb' };
    else reporter = pronounSide(subject, context);
    contentFrom = sentence.start + match.index + match[0].length;
  }
  if (reporting && reporter) return reporter;
  // "…backed Shia militias that have … opposed US presence": the relative clause's subject.
  const lastTarget = [...consumed]
    .filter((m) => m.end <= cue.start)
    .sort((a, b) => a.end - b.end)
    .at(-1);
  const candidates = parties.filter((m) => m.end <= cue.start && m.start >= contentFrom && usable(m));
  // "Xi praised Turkey and criticized Israel": a name just before "and <cue>" is the object of the verb before.
  while (candidates.length > 1 && /^\s*,?\s+and\s+(?:\w+ly\s+)?$/iu.test(text.slice(candidates.at(-1)!.end, cue.start))) candidates.pop();
  const nearest = candidates.at(-1);
  if (lastTarget && (!nearest || nearest.start < lastTarget.start) && RELATIVE.test(text.slice(lastTarget.end, cue.start)) && lastTarget.kind !== 'issue') {
    return { mentions: [lastTarget], reason: 'named before "that/who": the subject of the relative clause' };
  }
  // A plural pronoun after the nearest name ("…, Mikhail Bogdanov, in Qatar, both countries reiterated"): the group it stands for.
  const between = text.slice(nearest ? nearest.end : contentFrom, cue.start);
  const plural = /\b(?:both|the two|they)\b/iu.exec(between);
  if (plural) {
    const group = lastGroup(text, candidates);
    if (group.length >= 2) return { mentions: group, reason: 'named: the group a plural pronoun stands for' };
    if (!nearest) return pronounSide(between.slice(plural.index), context);
  }
  if (nearest) {
    // "…, and the cessation of hostilities": a new item of the same list, by the same speaker.
    if (previous && /,\s*and\s+the\b/iu.test(text.slice(nearest.end, cue.start))) return previous;
    // "…, demonstrating its commitment to …": the participle's subject is the sentence's.
    // Not after "with" ("with the Kremlin describing them as…", "with diplomats … seeking to mediate"): that names its own subject.
    if (PARTICIPLE.test(text.slice(nearest.end, cue.start)) && !/\bwith\b/iu.test(text.slice(Math.max(sentence.start, nearest.start - 80), nearest.start))) {
      const subject = parties.find((m) => m.start >= sentence.start && usable(m));
      if (subject && subject !== nearest)
        return { mentions: distinct(coordinatedAfter(text, parties, parties.indexOf(subject))), reason: 'the sentence’s subject (a participle)' };
    }
    return { mentions: distinct(coordinatedBefore(text, parties, parties.indexOf(nearest))), reason: 'named before the cue' };
  }
  if (reporter) return reporter;
  if (previous) return previous;
  if (quoteSpeaker) return quoteSide(quoteSpeaker, context);
  return pronounSide(clauseStart(before), context);
}

export const clauseStart = (text: string) =>
  text.replace(/^\s*(?:instead|however|meanwhile|also|furthermore|moreover|notably|then|later|[A-Z]\w+ly)\s*,?\s*/iu, '');

/** The earlier speaker or group that a pronoun or "the spokesman" stands for; null without one. */
export function pronounSide(subject: string, context: Context): Side | null {
  const words = clauseStart(subject.trim());
  if (PLURAL_PRONOUN.test(words) && context.group.length >= 2) return { mentions: context.group, reason: 'a plural pronoun: the group named before' };
  const earlier = /^(?:he|she|him|her|the \w+)\b/iu.test(words) ? (context.person ?? context.speakers[0]) : context.speakers[0];
  if ((PRONOUN.test(words) || /[”"]\s*$/u.test(subject)) && earlier) return { mentions: [earlier], reason: 'a pronoun: the previous speaker' };
  return null;
}

/** The speaker of a quote: the name after it, or ("…,” the spokesman said) the previous speaker. */
function quoteSide(speaker: Mention | 'earlier', context: Context): Side | null {
  if (speaker !== 'earlier') return { mentions: [speaker], reason: 'quoted: speaker named after the quote' };
  return pronounSide('he', context);
}

/**
 * The conflict a mediate cue is about: an issue named in its clause (after the cue first), then
 * anywhere in the sentence, or the conflict named last before (codebook: "a bare 'the conflict'
 * takes the issue named last"; "the crisis" the last crisis or situation named).
 */
export function conflictFor(
  text: string,
  sentence: { start: number; end: number },
  mentions: readonly Mention[],
  cue: Span,
  clauseEnd: number,
  context: Context,
): { mention: Mention; reason: string } | null {
  const issues = mentions.filter((m) => m.kind === 'issue');
  const clauseFrom = cue.start - clauseBefore(text, sentence.start, cue.start).length;
  // After the cue in its clause, or just before it ("resolving the Iran nuclear issue through dialogue").
  const inClause =
    issues.find((m) => m.start >= cue.end && m.end <= clauseEnd) ??
    issues.filter((m) => m.start >= clauseFrom && m.end <= cue.start && cue.start - m.end <= 40).at(-1);
  if (inClause) return { mention: inClause, reason: 'the issue named in its clause' };
  // Later in the sentence, but not inside a relative clause about something else (", which includes …").
  const later = issues.find((m) => m.start >= cue.end && !/,\s*(?:which|who|that)\b/iu.test(text.slice(cue.end, m.start)));
  if (later) return { mention: later, reason: 'the issue the sentence names' };
  const earlier = issues.filter((m) => m.end <= cue.start && CONFLICT_WORDS.test(text.slice(m.start, m.end))).at(-1);
  const body = text.slice(sentence.start, sentence.end);
  const named = /\bthe (?:crisis|situation)\b/iu.test(body) ? context.crisis : /\bthe (?:conflict|war)\b/iu.test(body) ? context.war : null;
  if (earlier ?? named) return { mention: (earlier ?? named)!, reason: 'the conflict named last before' };
  const fallback = context.conflict ?? context.issue;
  if (!fallback) return null;
  // Not named at all ("the conflicts in the region"): the issue of this document that the project's
  // gold made a mediate target most often, when it did so clearly more often than the last one named.
  const times = (m: Mention) => context.mediateTargets.get(m.coded) ?? 0;
  const favourite = distinct(context.issues).sort((a, b) => times(b) - times(a))[0];
  if (favourite && favourite.coded !== fallback.coded && times(favourite) >= 2 && times(favourite) > 2 * times(fallback))
    return {
      mention: favourite,
      reason: `learned: the issue this project's gold made a mediate target most often (${times(favourite)} claims of other documents, ${times(fallback)} for the one named last)`,
    };
  return { mention: fallback, reason: 'the conflict named last before' };
}
