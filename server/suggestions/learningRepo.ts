// What the built-in suggester learns for one document (./learning.ts) from the gold of the project's
// *other* documents: never the document's own (annotation stays blind). Each gold document's lessons
// are counted once and kept per process, keyed by what they were counted from (its gold, its
// sentences' boilerplate flags, the registry, the stance keys); the lessons for a document are the
// sum of every other document's. `key` names exactly what was read, so a suggestion cache keyed by
// it serves nothing stale: new gold anywhere else in the project changes the key, in every process.
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { tuples } from '../db/statements.ts';
import { findDocument } from '../documents/repo.ts';
import { countAsState } from '../../shared/suggestionScore.ts';
import type { ActorMention } from '../../shared/suggestions.ts';
import { addInto, addLessons, applyLessons, lessonsOf, noLessons, type GoldFrame, type Lessons } from './learning.ts';
import { suggestDocument, type Learned, type SuggesterActor } from './rules.ts';

interface GoldFingerprint {
  documentId: number;
  fingerprint: string;
}

/** Every gold document of the project with what its lessons depend on (one grouped read), the most recently adjudicated first. */
function goldFingerprints(db: Db, projectId: number): GoldFingerprint[] {
  const rows = tuples<[number], [number, number, number, number, string, number, number]>(
    db,
    `SELECT d.id, COUNT(*), CAST(SUM(g.version) AS BIGINT), MAX(g.id), MAX(g.updated_at),
            (SELECT COUNT(*) FROM sentences x WHERE x.document_id = d.id AND x.boilerplate = 1),
            (SELECT CAST(COALESCE(SUM(x.id), 0) AS BIGINT) FROM sentences x WHERE x.document_id = d.id AND x.boilerplate = 1)
     FROM documents d JOIN sentences s ON s.document_id = d.id JOIN gold g ON g.sentence_id = s.id
     WHERE d.project_id = ? GROUP BY d.id ORDER BY MAX(g.updated_at) DESC, d.id DESC`,
  ).all(projectId);
  return rows.map(([documentId, ...rest]) => ({ documentId, fingerprint: rest.join(':') }));
}

/** A document's gold claims by sentence (sentences labelled 'skipped' or boilerplate left out). */
function goldFrames(db: Db, documentId: number): Map<number, GoldFrame[]> {
  const rows = tuples<[number], [number, string | null, number | null, number | null, number | null, number | null]>(
    db,
    `SELECT g.sentence_id, c.stance, c.speaker_actor_id, c.target_actor_id, c.cue_start, c.cue_end
     FROM sentences s JOIN gold g ON g.sentence_id = s.id LEFT JOIN gold_claims c ON c.gold_id = g.id
     WHERE s.document_id = ? AND s.boilerplate = 0 AND g.status <> 'skipped' ORDER BY g.id, c.position`,
  ).all(documentId);
  const frames = new Map<number, GoldFrame[]>();
  for (const [sentenceId, stance, speaker, target, cueStart, cueEnd] of rows) {
    const list = frames.get(sentenceId) ?? [];
    frames.set(sentenceId, list);
    if (stance !== null) list.push({ speaker, stance, target, cue: cueStart === null || cueEnd === null ? null : { start: cueStart, end: cueEnd } });
  }
  return frames;
}

/**
 * How many gold documents learning reads: the most recently adjudicated. Counting a document's
 * lessons runs the rules over it once per process (about 10–40 ms for a news article on a busy machine); the cap
 * bounds the first ask after a start in a project with thousands of gold documents.
 */
export const LEARNED_DOCUMENTS = 100;
/** Gold documents whose lessons a process keeps. */
const KEPT_DOCUMENTS = 2000;
const keptLessons = new WeakMap<Db, Map<number, { key: string; lessons: Lessons }>>();
/** The sum over every gold document of a project, by project: a document's lessons are it minus the document's own. */
const keptTotals = new WeakMap<Db, Map<number, { key: string; total: Lessons }>>();

export interface Learning {
  /** What the lessons were read from: every other gold document's fingerprint (a hash). */
  key: string;
  /** The lessons, counted on first use (a cache hit on `key` never needs them). */
  learned: () => Learned;
}

/** What the rules read besides a document: the registry's actors and matcher, its version, the stance keys. */
export interface LearningContext {
  actors: () => readonly SuggesterActor[];
  mentions: () => (text: string) => ActorMention[];
  stanceKeys: readonly string[];
  registry: string;
}

const hashOf = (documents: readonly GoldFingerprint[], context: LearningContext) => {
  const hash = createHash('sha256').update(context.registry).update('|').update(context.stanceKeys.join(','));
  for (const doc of documents) hash.update(`${doc.documentId}=${doc.fingerprint};`);
  return `${documents.length}:${hash.digest('base64')}`;
};

/** One gold document's lessons, counted once per fingerprint (and registry and stance keys) and kept. */
function lessonsOfDocument(db: Db, doc: GoldFingerprint, context: LearningContext): Lessons {
  let kept = keptLessons.get(db);
  if (!kept) keptLessons.set(db, (kept = new Map()));
  const key = `${doc.fingerprint}|${context.registry}|${context.stanceKeys.join(',')}`;
  const entry = kept.get(doc.documentId);
  if (entry?.key === key) return entry.lessons;
  const detail = findDocument(db, doc.documentId);
  const lessons = detail
    ? lessonsOf(
        { text: detail.text, sentences: detail.sentences, gold: goldFrames(db, doc.documentId) },
        suggestDocument({
          text: detail.text,
          sentences: detail.sentences,
          actors: context.actors(),
          mentions: context.mentions(),
          stanceKeys: context.stanceKeys,
        }),
        countAsState(context.actors()),
      )
    : noLessons();
  kept.set(doc.documentId, { key, lessons });
  if (kept.size > KEPT_DOCUMENTS) kept.delete(kept.keys().next().value!);
  return lessons;
}

/**
 * The lessons for `documentId` from the project's other gold documents. Call inside one read
 * transaction with whatever caches by `key`, so the key and the lessons are of one snapshot.
 * `fingerprints` (goldFingerprints) may be passed by a caller asking for many documents at once.
 */
export function learningFor(db: Db, projectId: number, documentId: number, context: LearningContext, fingerprints?: readonly GoldFingerprint[]): Learning {
  const all = (fingerprints ?? goldFingerprints(db, projectId)).slice(0, LEARNED_DOCUMENTS);
  const others = all.filter((doc) => doc.documentId !== documentId);
  return {
    key: `gold:${hashOf(others, context)}`,
    learned: () => {
      if (others.length === 0) return {};
      let totals = keptTotals.get(db);
      if (!totals) keptTotals.set(db, (totals = new Map()));
      const totalKey = hashOf(all, context);
      let kept = totals.get(projectId);
      if (kept?.key !== totalKey) {
        const total = noLessons();
        for (const doc of all) addInto(total, lessonsOfDocument(db, doc, context));
        totals.set(projectId, (kept = { key: totalKey, total }));
      }
      const own = all.find((doc) => doc.documentId === documentId);
      // Never the document's own gold: the project's sum without it.
      return applyLessons(own ? addLessons(kept.total, lessonsOfDocument(db, own, context), -1) : kept.total, context.stanceKeys);
    },
  };
}

/** For a caller asking for many documents' suggestions at once (the Agreement page's figures per source). */
export { goldFingerprints, type GoldFingerprint };
