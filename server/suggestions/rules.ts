// The built-in suggester: rules over the registry's mentions and the cue lexicon (./cues.ts), read
// sentence by sentence with what earlier sentences said (the last speaker, the last group, the last
// conflict named). Explainable on purpose: every proposal carries the rule that made it. Pure (no
// database): the service gives it the document, the registry and the matcher (server/claims/link.ts).
import type { ActorKind } from '../../shared/schemas/actors.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { ActorMention, NamedActor } from '../../shared/suggestions.ts';
import { ASIDE, CUES, HYPOTHETICAL, INSIDE_TARGET, NEGATION, WITHHELD, type CueEntry } from './cues.ts';
import {
  clauseAfter,
  clauseBefore,
  CONFLICT_WORDS,
  conflictFor,
  CRISIS_WORDS,
  distinct,
  findQuoteSpeakers,
  findSpeakers,
  groupNear,
  lastGroup,
  partiesAfter,
  WAR_WORDS,
  type Context,
  type QuoteSpeaker,
  type Side,
  type SuggesterSentence,
} from './speakers.ts';
import { joins, type Mention } from './mentions.ts';

export const RULES_MODEL = 'parley-rules/1';

export interface SuggesterActor extends NamedActor {
  kind: ActorKind;
  parentId: number | null;
}

export interface SuggesterInput {
  text: string;
  sentences: readonly SuggesterSentence[];
  actors: readonly SuggesterActor[];
  /** The registry's matcher (offsets into the text given). */
  mentions: (text: string) => ActorMention[];
  stanceKeys: readonly string[];
  /** What the project's gold of other documents taught (./learning.ts); none: the built-in rules alone. */
  learned?: Learned;
}

/** Lessons from other documents' gold, as the rules apply them (counts, each with its reason). */
export interface Learned {
  /** The cue list to read instead of the built-in one: entries dropped, re-stanced or added, each saying why. */
  cues?: readonly CueEntry[];
  /** Gold claims of other documents that made each issue (by actor id) the target of a mediate claim. */
  mediateTargets?: ReadonlyMap<number, number>;
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
  /** The cue entry's pattern, by which learning judges a cue (./learning.ts). */
  pattern: string;
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

/**
 * Every cue match of the document, by start (one pass of each pattern over the whole text: many
 * small passes, one per sentence, cost ten times as much on a long document).
 */
function documentCues(text: string, stanceKeys: ReadonlySet<string>, cues: readonly CueEntry[]): Cue[] {
  const found: Cue[] = [];
  for (const entry of cues) {
    if (!stanceKeys.has(entry.stance)) continue;
    for (const match of text.matchAll(cueRegExp(entry.pattern))) found.push({ entry, start: match.index, end: match.index + match[0].length });
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The cues of a sentence, longest first where two overlap; none inside a name ("United" of "United States"). */
function sentenceCues(all: readonly Cue[], sentence: Span, mentions: readonly Span[]): Cue[] {
  const kept: Cue[] = [];
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  // The first cue at or after the sentence's start (the list is sorted by start).
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.start < sentence.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < all.length && all[i]!.start < sentence.end; i++) {
    const cue = all[i]!;
    if (cue.end <= sentence.end && !kept.some((k) => overlaps(cue, k)) && !mentions.some((m) => overlaps(cue, m))) kept.push(cue);
  }
  return kept;
}

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
  const allCues = documentCues(input.text, stanceKeys, input.learned?.cues ?? CUES);
  const context: Context = {
    stanceKeys,
    speakers: [],
    person: null,
    group: [],
    conflict: null,
    crisis: null,
    war: null,
    issue: null,
    issues: [],
    mediateTargets: input.learned?.mediateTargets ?? new Map(),
  };
  const claims: RuleClaim[] = [];
  sentences.forEach((sentence, index) => {
    const mentions = mentionsOf[index]!;
    const cues = sentenceCues(allCues, sentence, mentions);
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
    const person = [...context.speakers, ...mentions].find((m) => m.kind === 'person' && !m.place && (context.speakers.includes(m) || mentions.includes(m)));
    if (person) context.person = person;
    const group = lastGroup(input.text, mentions);
    const claimActors = distinct(
      own
        .flatMap((c) => [c.speaker, c.target])
        .map((ref) => findMention(mentions, context, ref.span))
        .filter((m): m is Mention => !!m && m.kind !== 'issue'),
    );
    if (group.length >= 2) context.group = group;
    else if (claimActors.length >= 2) context.group = claimActors;
    for (const m of mentions) {
      if (m.kind !== 'issue') continue;
      const words = input.text.slice(m.start, m.end);
      context.issue = m;
      context.issues.push(m);
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

/** The mention a claim's side points at: in its sentence, or (a pronoun's) an earlier speaker or group. */
function findMention(mentions: readonly Mention[], context: Context, span: Span): Mention | undefined {
  return [...mentions, ...context.speakers, ...context.group].find((m) => m.start === span.start && m.end === span.end);
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

function suggestSentence(
  text: string,
  sentence: SuggesterSentence,
  mentions: Mention[],
  cues: Cue[],
  context: Context,
  quoteSpeaker: QuoteSpeaker,
): RuleClaim[] {
  const claims: RuleClaim[] = [];
  const consumed = new Set<Mention>();
  const parties = mentions.filter((m) => m.kind !== 'issue');
  let previous: Side | null = null;
  let phraseEnd = -1;
  const make = (speaker: Mention, stance: string, target: Mention, cue: Cue, reason: string, negated = false): void => {
    if (speaker.coded === target.coded || speaker.kind === 'issue') return;
    const window = clauseBefore(text, sentence.start, cue.start);
    const learned = cue.entry.learned ? `; ${cue.entry.learned}` : '';
    claims.push({
      sentenceId: sentence.id,
      speaker: { actorId: speaker.coded, span: { start: speaker.start, end: speaker.end } },
      stance,
      target: { actorId: target.coded, span: { start: target.start, end: target.end } },
      cue: { start: cue.start, end: cue.end },
      negated: negated || NEGATION.test(window.slice(-40)),
      hypothetical: HYPOTHETICAL.test(window.slice(-80)),
      reason: reason + learned,
      pattern: cue.entry.pattern,
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
