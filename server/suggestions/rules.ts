// The built-in suggester: rules over the registry's mentions and the cue lexicon (./cues.ts), read
// sentence by sentence with what earlier sentences said (the last speaker, the last group, the last
// conflict named). Explainable on purpose: every proposal carries the rule that made it. Pure (no
// database): the service gives it the document, the registry and the matcher (server/claims/link.ts).
import type { ActorKind } from '../../shared/schemas/actors.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { ActorMention, NamedActor } from '../../shared/suggestions.ts';
import {
  ASIDE,
  CLAUSE_BREAK,
  CUES,
  HYPOTHETICAL,
  INSIDE_TARGET,
  NEGATION,
  PARTICIPLE,
  PLURAL_PRONOUN,
  PRONOUN,
  RELATIVE,
  REPORTED,
  REPORTING_VERB,
  WITHHELD,
  type CueEntry,
} from './cues.ts';
import { coordinatedBefore, coordinatedAfter, joins, type Mention } from './mentions.ts';

export const RULES_MODEL = 'parley-rules/1';

export interface SuggesterActor extends NamedActor {
  kind: ActorKind;
  parentId: number | null;
}

export interface SuggesterInput {
  text: string;
  sentences: readonly { id: number; start: number; end: number; boilerplate: boolean }[];
  actors: readonly SuggesterActor[];
  /** The registry's matcher (offsets into the text given). */
  mentions: (text: string) => ActorMention[];
  stanceKeys: readonly string[];
}

export interface RuleClaim {
  sentenceId: number;
  speaker: { actorId: number; span: Span };
  stance: string;
  target: { actorId: number; span: Span };
  cue: Span;
  negated: boolean;
  hypothetical: boolean;
  reason: string;
}

interface Cue extends Span {
  entry: CueEntry;
}

const compiled = new Map<string, RegExp>();
function cueRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${pattern.replace(/ /g, '\\s+')})(?![\\p{L}\\p{N}-])`, 'giu')));
  return re;
}

/** The cues of a sentence (document offsets), longest first where two overlap; none inside a name ("United" of "United States"). */
function findCues(text: string, offset: number, stanceKeys: ReadonlySet<string>, mentions: readonly Span[]): Cue[] {
  const found: Cue[] = [];
  for (const entry of CUES) {
    if (!stanceKeys.has(entry.stance)) continue;
    for (const match of text.matchAll(cueRegExp(entry.pattern))) {
      found.push({ entry, start: match.index + offset, end: match.index + match[0].length + offset });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Cue[] = [];
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  for (const cue of found) if (!kept.some((k) => overlaps(cue, k)) && !mentions.some((m) => overlaps(cue, m))) kept.push(cue);
  return kept;
}

/** What earlier sentences leave for later ones. */
interface Context {
  stanceKeys: ReadonlySet<string>;
  /** The speakers of the last sentence with a claim (for "He said…", "the spokesman said"). */
  speakers: Mention[];
  /** The last group of two or more actors (for "They", "Both ministers"). */
  group: Mention[];
  /** The last issue named as a conflict, war, crisis or situation; as a crisis or situation; as a conflict or war; of any kind. */
  conflict: Mention | null;
  crisis: Mention | null;
  war: Mention | null;
  issue: Mention | null;
}

const CONFLICT_WORDS = /\b(?:conflict|war|crisis|situation|hostilities)\b/iu;
const CRISIS_WORDS = /\b(?:crisis|situation)\b/iu;
const WAR_WORDS = /\b(?:conflict|war)\b/iu;
const distinct = (mentions: readonly Mention[]) => mentions.filter((m, i) => mentions.findIndex((n) => n.coded === m.coded) === i);

/** Suggested claims for every sentence of a document that is not boilerplate. */
export function suggestDocument(input: SuggesterInput): RuleClaim[] {
  const byId = new Map(input.actors.map((actor) => [actor.id, actor]));
  // People are coded as the state they speak for when the registry gives them one (codebook rule 3).
  const codeAs = (id: number) => {
    const actor = byId.get(id);
    const parent = actor?.parentId == null ? undefined : byId.get(actor.parentId);
    return actor?.kind === 'person' && parent ? parent.id : id;
  };
  const stanceKeys = new Set(input.stanceKeys);
  const sentences = input.sentences.filter((s) => !s.boilerplate);
  const mentionsOf = sentences.map((s) => readMentions(input, s, byId, codeAs));
  const quoteSpeakers = findQuoteSpeakers(input.text, sentences, mentionsOf);
  const context: Context = { stanceKeys, speakers: [], group: [], conflict: null, crisis: null, war: null, issue: null };
  const claims: RuleClaim[] = [];
  sentences.forEach((sentence, index) => {
    const mentions = mentionsOf[index]!;
    const cues = findCues(input.text.slice(sentence.start, sentence.end), sentence.start, stanceKeys, mentions);
    const found = suggestSentence(input.text, sentence, mentions, cues, context, quoteSpeakers[index] ?? null);
    const own = dedupe(found);
    claims.push(...own);
    // Carry forward what later sentences may refer to.
    if (own.length > 0) {
      const speakers = distinct(
        own.map((c) => mentions.find((m) => m.start === c.speaker.span.start) ?? speakerMention(c, context)).filter((m) => m !== undefined),
      );
      if (speakers.length > 0) context.speakers = speakers;
    } else {
      const subject = mentions.find((m) => m.kind !== 'issue' && !m.place);
      if (subject) context.speakers = [subject];
    }
    const group = lastGroup(input.text, mentions);
    const claimActors = distinct(
      own
        .flatMap((c) => [c.speaker, c.target])
        .map((ref) => findMention(mentionsOf, context, ref.span))
        .filter((m): m is Mention => !!m && m.kind !== 'issue'),
    );
    if (group.length >= 2) context.group = group;
    else if (claimActors.length >= 2) context.group = claimActors;
    for (const m of mentions) {
      if (m.kind !== 'issue') continue;
      const words = input.text.slice(m.start, m.end);
      context.issue = m;
      if (CONFLICT_WORDS.test(words)) context.conflict = m;
      if (CRISIS_WORDS.test(words)) context.crisis = m;
      if (WAR_WORDS.test(words)) context.war = m;
    }
  });
  return claims;
}

function speakerMention(claim: RuleClaim, context: Context): Mention | undefined {
  return context.speakers.find((m) => m.start === claim.speaker.span.start);
}

function findMention(all: readonly Mention[][], context: Context, span: Span): Mention | undefined {
  for (const list of all) {
    const found = list.find((m) => m.start === span.start && m.end === span.end);
    if (found) return found;
  }
  return [...context.speakers, ...context.group].find((m) => m.start === span.start);
}

function readMentions(
  input: SuggesterInput,
  sentence: { start: number; end: number },
  byId: Map<number, SuggesterActor>,
  codeAs: (id: number) => number,
): Mention[] {
  const text = input.text;
  const found: Mention[] = input
    .mentions(text.slice(sentence.start, sentence.end))
    .map((m) => ({ ...m, start: m.start + sentence.start, end: m.end + sentence.start }))
    .filter((m) => byId.has(m.actorId))
    .map((m) => {
      const before = text.slice(Math.max(sentence.start, m.start - 30), m.start);
      return {
        ...m,
        coded: codeAs(m.actorId),
        kind: byId.get(m.actorId)!.kind,
        // "in Qatar", "near Baghdad": a place, not a party.
        place: /\b(?:in|at|near|from|into|across|throughout)\s+(?:the\s+)?$/iu.test(before),
        aside: ASIDE.test(before),
      };
    })
    // "U.S.-led", "Russian-drafted": a modifier, not a reference to the actor.
    .filter((m) => !/^-\p{Ll}/u.test(text.slice(m.end, m.end + 2)));
  // "in Iraq and Syria": what is coordinated with a place is a place too.
  found.forEach((m, i) => {
    const previous = found[i - 1];
    if (previous?.place && joins(text, previous, m)) m.place = true;
  });
  return found;
}

/** The last run of two or more coordinated actors in the sentence ("China and Russia", "Xi and Putin"). */
function lastGroup(text: string, mentions: readonly Mention[]): Mention[] {
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
function findQuoteSpeakers(text: string, sentences: SuggesterInput['sentences'], mentionsOf: readonly Mention[][]): (Mention | null)[] {
  const speakers: (Mention | null)[] = sentences.map(() => null);
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
      const speaker = verb ? (mentionsOf[index]!.find((m) => m.start >= after && m.start < after + 80 && m.kind !== 'issue') ?? null) : null;
      for (const i of [...open, index]) speakers[i] = speaker;
      open = [];
    } else if (opens) open.push(index);
    else open = [];
  });
  return speakers;
}

/** Whether a position lies between an opening and a closing quote of the sentence. */
function insideQuote(text: string, sentence: { start: number }, at: number, quoteSpeaker: Mention | null): boolean {
  if (!quoteSpeaker) return false;
  const before = text.slice(sentence.start, at);
  const opens = (before.match(/[“]/gu) ?? []).length + ((before.match(/"/gu) ?? []).length % 2);
  const closes = (before.match(/[”]/gu) ?? []).length;
  return opens > closes || (/^\s*[“"]/u.test(text.slice(sentence.start)) && closes === 0);
}

interface Side {
  mentions: Mention[];
  reason: string;
}

function suggestSentence(
  text: string,
  sentence: SuggesterInput['sentences'][number],
  mentions: Mention[],
  cues: Cue[],
  context: Context,
  quoteSpeaker: Mention | null,
): RuleClaim[] {
  const claims: RuleClaim[] = [];
  const consumed = new Set<Mention>();
  const parties = mentions.filter((m) => m.kind !== 'issue');
  let previous: Side | null = null;
  let phraseEnd = -1;
  const make = (speaker: Mention, stance: string, target: Mention, cue: Cue, reason: string, negated = false): void => {
    if (speaker.coded === target.coded || speaker.kind === 'issue') return;
    const window = clauseBefore(text, sentence.start, cue.start);
    claims.push({
      sentenceId: sentence.id,
      speaker: { actorId: speaker.coded, span: { start: speaker.start, end: speaker.end } },
      stance,
      target: { actorId: target.coded, span: { start: target.start, end: target.end } },
      cue: { start: cue.start, end: cue.end },
      negated: negated || NEGATION.test(window.slice(-40)),
      hypothetical: HYPOTHETICAL.test(window.slice(-80)),
      reason,
    });
  };

  cues.forEach((cue, index) => {
    const next = cues[index + 1]?.start ?? sentence.end;
    // A stance inside another claim's target phrase is not a claim of its own (codebook rule 7).
    if (cue.start < phraseEnd) return;
    if (cue.entry.kind === 'reverse') {
      const last = claims.at(-1);
      const speaker = last && mentions.find((m) => m.start === last.target.span.start);
      const target = last && [...mentions, ...context.speakers].find((m) => m.start === last.speaker.span.start);
      if (last && speaker && target && speaker.kind !== 'issue') make(speaker, last.stance, target, cue, '"vice versa": the claim before, reversed');
      return;
    }
    const clauseEnd = Math.min(next, clauseAfter(text, cue.end, sentence.end));
    if (cue.entry.kind === 'predicate') {
      const target = mentions.filter((m) => m.end <= cue.start && cue.start - m.end <= 40 && !m.place).at(-1);
      const speakers = target && findSpeakers(text, sentence, parties, { ...cue, start: target.start }, context, quoteSpeaker, consumed, previous, true);
      if (target && speakers)
        for (const speaker of speakers.mentions) make(speaker, cue.entry.stance, target, cue, `${speakers.reason}; target the party it evaluates`);
      return;
    }
    const speakers = findSpeakers(text, sentence, parties, cue, context, quoteSpeaker, consumed, previous, cue.entry.kind === 'mutual');
    if (!speakers) return;
    previous = speakers;
    if (cue.entry.kind === 'mediate') {
      const conflict = conflictFor(text, sentence, mentions, cue, clauseEnd, context);
      if (conflict) for (const speaker of speakers.mentions) make(speaker, 'mediate', conflict.mention, cue, `${speakers.reason}; target ${conflict.reason}`);
      return;
    }
    if (cue.entry.kind === 'mutual') {
      let members = distinct([...speakers.mentions, ...(speakers.reason.startsWith('named') ? [] : groupNear(text, sentence, parties, cue))]);
      // "“The parties maintain close contact,” Geng said": the group named before.
      if (members.length < 2 && /\b(?:the parties|both sides|the two sides|they|we)\b/iu.test(clauseBefore(text, sentence.start, cue.start)))
        members = distinct([...members, ...context.group]);
      const after = partiesAfter(text, parties, cue, clauseEnd, consumed).filter(
        (m) => /^\s*(?:between|with|among)\b/iu.test(text.slice(cue.end, m.start)) || joins(text, { end: cue.end }, m),
      );
      const all = distinct([...members, ...after]);
      for (const speaker of speakers.mentions)
        for (const other of all) make(speaker, cue.entry.stance, other, cue, `${speakers.reason}; a relation both sides hold`);
      return;
    }
    // The passive: "are welcomed by China": the party after "by" holds it towards the subject.
    const agent = /^\s+by\s+(?:the\s+)?$/iu;
    const by = parties.find((m) => m.start >= cue.end && agent.test(text.slice(cue.end, m.start)));
    if (by) {
      for (const target of speakers.mentions) make(by, cue.entry.stance, target, cue, `passive: the party after "by"; target ${speakers.reason}`);
      return;
    }
    const targets = partiesAfter(text, mentions, cue, clauseEnd, consumed).filter((m) => !speakers.mentions.some((s) => s.coded === m.coded));
    const first = targets[0];
    if (!first || first.start - cue.end > 60) return;
    for (const target of targets) {
      consumed.add(target);
      if (INSIDE_TARGET.test(text.slice(target.end, target.end + 40))) phraseEnd = clauseAfter(text, target.end, sentence.end);
      const withheld = WITHHELD.test(text.slice(cue.end, target.start));
      for (const speaker of speakers.mentions)
        make(speaker, cue.entry.stance, target, cue, `${speakers.reason}; target after the cue${withheld ? ', withheld ("without naming")' : ''}`, withheld);
    }
    // Cooperating with a partner on a conflict also mediates it (codebook §2, support).
    if (cue.entry.cooperation && context.stanceKeys.has('mediate')) {
      const conflict = mentions.find((m) => m.kind === 'issue' && m.start >= cue.end && m.start < sentence.end);
      if (conflict) for (const speaker of speakers.mentions) make(speaker, 'mediate', conflict, cue, `${speakers.reason}; cooperation on a conflict`);
    }
  });
  return claims;
}

/** The text of the cue's clause before it (from the last clause break or the sentence start). */
function clauseBefore(text: string, start: number, at: number): string {
  const before = text.slice(start, at);
  let cut = 0;
  for (const match of before.matchAll(new RegExp(CLAUSE_BREAK.source, 'giu'))) cut = match.index + match[0].length;
  return before.slice(cut);
}

/** Where the cue's clause ends. */
function clauseAfter(text: string, from: number, end: number): number {
  const found = text.slice(from, end).search(CLAUSE_BREAK);
  return found < 0 ? end : from + found;
}

/** Parties named after the cue in its clause: the first and those coordinated with it ("Syria and Iraq"). */
function partiesAfter(text: string, parties: readonly Mention[], cue: Span, end: number, consumed: ReadonlySet<Mention>): Mention[] {
  const candidates = parties.filter((m) => m.start >= cue.end && m.end <= end && !m.place && !consumed.has(m));
  const firstIndex = parties.indexOf(candidates[0]!);
  if (firstIndex < 0) return [];
  return coordinatedAfter(text, parties, firstIndex).filter((m) => m.end <= end);
}

/** Coordinated parties just before the cue ("China and Syria have announced a partnership"). */
function groupNear(text: string, sentence: { start: number }, parties: readonly Mention[], cue: Span): Mention[] {
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
function findSpeakers(
  text: string,
  sentence: SuggesterInput['sentences'][number],
  parties: readonly Mention[],
  cue: Span,
  context: Context,
  quoteSpeaker: Mention | null,
  consumed: ReadonlySet<Mention>,
  previous: Side | null,
  reporting: boolean,
): Side | null {
  if (insideQuote(text, sentence, cue.start, quoteSpeaker)) return { mentions: [quoteSpeaker!], reason: 'quoted: speaker named after the quote' };
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
  if (quoteSpeaker) return { mentions: [quoteSpeaker], reason: 'reported speech: speaker named after the quote' };
  return pronounSide(clauseStart(before), context);
}

const clauseStart = (text: string) => text.replace(/^\s*(?:instead|however|meanwhile|also|furthermore|moreover|notably|then|later|[A-Z]\w+ly)\s*,?\s*/iu, '');

/** The earlier speaker or group that a pronoun or "the spokesman" stands for; null without one. */
function pronounSide(subject: string, context: Context): Side | null {
  const words = clauseStart(subject.trim());
  if (PLURAL_PRONOUN.test(words) && context.group.length >= 2) return { mentions: context.group, reason: 'a plural pronoun: the group named before' };
  if ((PRONOUN.test(words) || /[”"]\s*$/u.test(subject)) && context.speakers.length > 0)
    return { mentions: context.speakers.slice(0, 1), reason: 'a pronoun: the previous sentence’s speaker' };
  return null;
}

/**
 * The conflict a mediate cue is about: an issue named in its clause (after the cue first), then
 * anywhere in the sentence, or the conflict named last before (codebook: "a bare 'the conflict'
 * takes the issue named last"; "the crisis" the last crisis or situation named).
 */
function conflictFor(
  text: string,
  sentence: { start: number; end: number },
  mentions: readonly Mention[],
  cue: Cue,
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
  const conflict = earlier ?? named ?? context.conflict ?? context.issue;
  return conflict ? { mention: conflict, reason: 'the conflict named last before' } : null;
}

/** One proposal per (speaker, stance, target, negated) in a sentence: repeated cues add nothing. */
function dedupe(claims: readonly RuleClaim[]): RuleClaim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    const key = `${c.speaker.actorId}|${c.stance}|${c.target.actorId}|${c.negated}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
