// The built-in suggester learning from a project's adjudicated gold (issue 16, item 6). Learning is
// counting, so every lesson can be read and explained: how often each built-in cue's claims were
// gold's (and with which stance), which words gold marked as the cue of which stance, and which
// issues gold made the target of a mediate claim. Counts add up document by document, so the
// lessons for a document are those of every other gold document (the document's own gold is never
// read for it: annotation stays blind) without reading the project again. Pure (no database).
import type { Span } from '../../shared/schemas/common.ts';
import { scoringKey, type CountAs } from '../../shared/suggestionScore.ts';
import { CUES, type CueEntry } from './cues.ts';
import type { Learned, RuleClaim, SuggesterInput } from './rules.ts';

/** A gold claim as learning reads it: actor ids (null: a span without an actor), stance and cue span. */
export interface GoldFrame {
  speaker: number | null;
  stance: string;
  target: number | null;
  cue: Span | null;
}

/** A document with gold: its text, its sentences and the gold claims of each sentence with gold (not 'skipped'). */
export interface GoldDocument {
  text: string;
  sentences: SuggesterInput['sentences'];
  gold: ReadonlyMap<number, readonly GoldFrame[]>;
}

/** What gold taught, as counts (see the file comment). Plain data: it adds, subtracts and travels as JSON. */
export interface Lessons {
  documents: number;
  sentences: number;
  claims: number;
  /** Per built-in cue pattern: its claims that gold had, had with another stance (by stance), or did not have. */
  cues: Record<string, { right: number; wrong: number; stances: Record<string, number> }>;
  /** Gold cue words (lower case, spaces collapsed) by stance: times marked, and in how many documents. */
  phrases: Record<string, Record<string, { claims: number; documents: number }>>;
  /** Gold claims with stance `mediate` by target actor id. */
  mediateTargets: Record<string, number>;
}

export const noLessons = (): Lessons => ({ documents: 0, sentences: 0, claims: 0, cues: {}, phrases: {}, mediateTargets: {} });

const phraseOf = (text: string) => text.toLowerCase().replace(/\s+/gu, ' ').trim();

/**
 * The lessons of one gold document. `suggested` are the built-in rules' claims for it, computed
 * without learning (a cue is judged as the rules read it, not as an earlier lesson changed it).
 */
export function lessonsOf(doc: GoldDocument, suggested: readonly RuleClaim[], countAs: CountAs): Lessons {
  const lessons = noLessons();
  if (doc.gold.size === 0) return lessons;
  lessons.documents = 1;
  lessons.sentences = doc.gold.size;
  const frame = (c: { speaker: number | null; stance: string; target: number | null }) => ({
    speaker: { actorId: c.speaker, span: null },
    stance: c.stance,
    target: { actorId: c.target, span: null },
  });
  const seenPhrases = new Set<string>();
  for (const claims of doc.gold.values()) {
    lessons.claims += claims.length;
    for (const claim of claims) {
      if (claim.stance === 'mediate' && claim.target !== null) {
        const key = String(countAs(claim.target));
        lessons.mediateTargets[key] = (lessons.mediateTargets[key] ?? 0) + 1;
      }
      if (!claim.cue) continue;
      const phrase = phraseOf(doc.text.slice(claim.cue.start, claim.cue.end));
      if (phrase.length < 3 || phrase.length > 60) continue;
      const byStance = (lessons.phrases[phrase] ??= {});
      const entry = (byStance[claim.stance] ??= { claims: 0, documents: 0 });
      entry.claims++;
      if (!seenPhrases.has(`${phrase}|${claim.stance}`)) entry.documents = 1;
      seenPhrases.add(`${phrase}|${claim.stance}`);
    }
  }
  for (const claim of suggested) {
    const gold = doc.gold.get(claim.sentenceId);
    if (!gold) continue;
    const counts = (lessons.cues[claim.pattern] ??= { right: 0, wrong: 0, stances: {} });
    const sides = { speaker: claim.speaker.actorId, target: claim.target.actorId };
    const keys = new Set(gold.map((g) => scoringKey(frame(g), countAs)));
    if (keys.has(scoringKey(frame({ ...sides, stance: claim.stance }), countAs))) {
      counts.right++;
      continue;
    }
    // Gold has the same speaker and target with another stance: the project reads this cue otherwise.
    const other = gold.find((g) => g.stance !== claim.stance && scoringKey(frame(g), countAs) === scoringKey(frame({ ...sides, stance: g.stance }), countAs));
    if (other) counts.stances[other.stance] = (counts.stances[other.stance] ?? 0) + 1;
    else counts.wrong++;
  }
  return lessons;
}

/** Adds `sign` times `b` into `into` (in place: a project's sum is built document by document) and returns it. */
export function addInto(into: Lessons, b: Lessons, sign: 1 | -1 = 1): Lessons {
  into.documents += sign * b.documents;
  into.sentences += sign * b.sentences;
  into.claims += sign * b.claims;
  for (const [pattern, c] of Object.entries(b.cues)) {
    const to = (into.cues[pattern] ??= { right: 0, wrong: 0, stances: {} });
    to.right += sign * c.right;
    to.wrong += sign * c.wrong;
    for (const [stance, n] of Object.entries(c.stances)) to.stances[stance] = (to.stances[stance] ?? 0) + sign * n;
  }
  for (const [phrase, byStance] of Object.entries(b.phrases))
    for (const [stance, c] of Object.entries(byStance)) {
      const to = ((into.phrases[phrase] ??= {})[stance] ??= { claims: 0, documents: 0 });
      to.claims += sign * c.claims;
      to.documents += sign * c.documents;
    }
  for (const [actor, n] of Object.entries(b.mediateTargets)) into.mediateTargets[actor] = (into.mediateTargets[actor] ?? 0) + sign * n;
  return into;
}

/** `a` plus `sign` times `b`, `a` left as it was (sign -1: the lessons of the project without one document's). */
export function addLessons(a: Lessons, b: Lessons, sign: 1 | -1 = 1): Lessons {
  return addInto(structuredClone(a), b, sign);
}

// How much evidence a lesson needs before it changes a suggestion: a cue is dropped or re-stanced
// only on claims of at least two other documents' worth of gold, never on one sentence.
const MIN_EVIDENCE = 3;
const MIN_PHRASE_CLAIMS = 2;
const MIN_PHRASE_DOCUMENTS = 2;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const builtInRead = new Map<string, boolean>();
/** Whether a built-in entry of the stance already reads the phrase (remembered: the answer never changes). */
function builtInReads(phrase: string, stance: string): boolean {
  const key = `${stance}|${phrase}`;
  let reads = builtInRead.get(key);
  if (reads === undefined) {
    reads = CUES.some(
      (entry) => entry.stance === stance && new RegExp(`(?<![\\p{L}\\p{N}-])(?:${entry.pattern.replace(/ /g, '\\s+')})(?![\\p{L}\\p{N}-])`, 'iu').test(phrase),
    );
    if (builtInRead.size < 10_000) builtInRead.set(key, reads);
  }
  return reads;
}

/** The lessons as the rules apply them (rules.ts `Learned`); nothing learned without gold. */
export function applyLessons(lessons: Lessons, stanceKeys: readonly string[]): Learned {
  if (lessons.documents <= 0) return {};
  const keys = new Set(stanceKeys);
  const cues: CueEntry[] = [];
  for (const entry of CUES) {
    const c = lessons.cues[entry.pattern];
    if (!c) {
      cues.push(entry);
      continue;
    }
    const judged = c.right + c.wrong + Object.values(c.stances).reduce((n, m) => n + m, 0);
    const [otherStance, otherCount] = Object.entries(c.stances).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (keys.has(otherStance) && otherCount >= MIN_EVIDENCE && otherCount > 2 * c.right) {
      cues.push({
        ...entry,
        stance: otherStance,
        learned: `learned: this project's gold read this cue as ${otherStance} (${otherCount} of ${judged} claims of other documents)`,
      });
    } else if (c.wrong >= MIN_EVIDENCE && c.wrong > 3 * c.right) {
      // Gold of other documents almost never had this cue's claims: the project does not code it.
      continue;
    } else cues.push(entry);
  }
  for (const [phrase, byStance] of Object.entries(lessons.phrases)) {
    const total = Object.values(byStance).reduce((n, c) => n + c.claims, 0);
    for (const [stance, c] of Object.entries(byStance)) {
      if (!keys.has(stance) || c.claims < MIN_PHRASE_CLAIMS || c.documents < MIN_PHRASE_DOCUMENTS || c.claims * 4 < total * 3) continue;
      if (builtInReads(phrase, stance)) continue;
      cues.push({
        stance,
        kind: 'transitive',
        pattern: escapeRegExp(phrase),
        learned: `learned: gold marked "${phrase}" as a ${stance} cue in ${c.claims} claims of ${c.documents} other documents`,
      });
    }
  }
  return { cues, mediateTargets: new Map(Object.entries(lessons.mediateTargets).map(([id, n]) => [Number(id), n])) };
}
