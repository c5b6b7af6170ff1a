// Suggestions of a document, as GET /api/documents/:documentId/suggestions serves them. Blind
// annotation holds by construction: nothing here reads a label of the document itself; the rules
// read its text and sentences, the actor registry, the stance labels and what they learned from the
// adjudicated gold of the project's *other* documents (./learningRepo.ts).
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { actorsVersion } from '../claims/linkRepo.ts';
import { listActors } from '../actors/repo.ts';
import { registryMatcher } from '../claims/link.ts';
import { findDocument } from '../documents/repo.ts';
import { documentFor, type Principal } from '../policy.ts';
import type { DocumentDetail } from '../../shared/schemas/documents.ts';
import type { Suggestion } from '../../shared/schemas/suggestions.ts';
import type { ActorMention } from '../../shared/suggestions.ts';
import { RULES_MODEL, suggestDocument, type Learned, type SuggesterActor } from './rules.ts';
import { predictionSuggestions } from './predictions.ts';
import { learningFor, type GoldFingerprint } from './learningRepo.ts';
import { readTransaction } from '../db/transaction.ts';

export const RULES_SOURCE = 'rules';

/** The built-in rules' suggestions for a document, each a claim input ready to save. */
export function ruleSuggestions(
  doc: Pick<DocumentDetail, 'text' | 'sentences'>,
  actors: readonly SuggesterActor[],
  mentions: (text: string) => ActorMention[],
  stanceKeys: readonly string[],
  learned?: Learned,
): Suggestion[] {
  return suggestDocument({ text: doc.text, sentences: doc.sentences, actors, mentions, stanceKeys, learned }).map((claim) => ({
    sentenceId: claim.sentenceId,
    source: RULES_SOURCE,
    model: RULES_MODEL,
    reason: claim.reason,
    claim: {
      speaker: claim.speaker,
      stance: claim.stance,
      target: claim.target,
      cue: claim.cue,
      negated: claim.negated,
      hypothetical: claim.hypothetical,
      origin: `suggestion:${RULES_SOURCE}`,
      originModel: RULES_MODEL,
    },
  }));
}

/** Documents whose rule suggestions a process keeps (most recently asked for). */
const KEPT_DOCUMENTS = 1000;
const keptRules = new WeakMap<Db, Map<number, { key: string; suggestions: Suggestion[] }>>();

/**
 * The rules read only the text, the sentences, the actor registry and the stance keys, so their
 * answer is kept per document until one of those moves: a long document (2,650 sentences take
 * about half a second) is computed once, not at every open. Per process; another process keeps its own.
 */
function keptRuleSuggestions(
  db: Db,
  doc: Pick<DocumentDetail, 'id' | 'textSha256' | 'sentences'>,
  projectId: number,
  stanceKeys: readonly string[],
  learned: string,
  compute: () => Suggestion[],
): Suggestion[] {
  let kept = keptRules.get(db);
  if (!kept) keptRules.set(db, (kept = new Map()));
  const sentences = createHash('sha256');
  for (const s of doc.sentences) sentences.update(`${s.id}:${s.start}:${s.end}:${s.boilerplate ? 1 : 0},`);
  const key = [doc.textSha256, actorsVersion(db, projectId), db.rollbacks, stanceKeys.join(','), sentences.digest('base64'), learned].join('|');
  const hit = kept.get(doc.id);
  kept.delete(doc.id);
  const suggestions = hit?.key === key ? hit.suggestions : compute();
  kept.set(doc.id, { key, suggestions });
  if (kept.size > KEPT_DOCUMENTS) kept.delete(kept.keys().next().value!);
  return suggestions;
}

/**
 * The built-in rules' suggestions for a document, with what they learned from the gold of the
 * project's other documents (the cache keys on that too: new gold elsewhere is read at the next ask).
 */
export function builtInSuggestions(
  db: Db,
  projectId: number,
  stanceKeys: readonly string[],
  doc: Pick<DocumentDetail, 'id' | 'textSha256' | 'sentences' | 'text'>,
  /** The project's gold fingerprints, read once by a caller asking for many documents (server/agreement/sources.ts). */
  gold?: readonly GoldFingerprint[],
): Suggestion[] {
  // One snapshot: the learning's key and its lessons are of the same gold.
  return readTransaction(db, () => {
    let actors: SuggesterActor[] | undefined;
    let matcher: ((text: string) => ActorMention[]) | undefined;
    const registry = {
      actors: () => (actors ??= listActors(db, projectId)),
      mentions: () => (matcher ??= registryMatcher(db, projectId)),
    };
    const learning = learningFor(db, projectId, doc.id, { ...registry, stanceKeys, registry: `${actorsVersion(db, projectId)}:${db.rollbacks}` }, gold);
    return keptRuleSuggestions(db, doc, projectId, stanceKeys, learning.key, () =>
      ruleSuggestions(doc, registry.actors(), registry.mentions(), stanceKeys, learning.learned()),
    );
  });
}

/**
 * Suggestions for every sentence of a document the caller may annotate (any member of its
 * project): the built-in rules' first, then imported models' predictions, sentence by sentence.
 */
export function getSuggestions(db: Db, who: Principal, documentId: number): Suggestion[] {
  const { project } = documentFor(db, who, documentId);
  const doc = findDocument(db, documentId)!;
  const stanceKeys = project.stanceLabels.map((label) => label.key);
  const rules = builtInSuggestions(db, project.id, stanceKeys, doc);
  const models = predictionSuggestions(db, documentId);
  if (models.length === 0) return rules;
  const order = new Map(doc.sentences.map((sentence, index) => [sentence.id, index]));
  // A stable sort: within a sentence the rules' come first, as listed.
  return [...rules, ...models].sort((a, b) => order.get(a.sentenceId)! - order.get(b.sentenceId)!);
}
