// Links the speakers and targets of saved claims to the actor registry (shared/actorLinks.ts), for
// annotations and gold alike, whatever the client sent: a span that names an actor gets it, an
// actor gets the span where the sentence names it. Refs with both sides cost nothing; the reads
// happen only for a ref that lacks one, and each at most once per save.
import type { Db } from '../db/connection.ts';
import { listActors } from '../actors/repo.ts';
import { findDocumentText } from '../documents/repo.ts';
import { CONTEXT, linkClaim, needsLink, type LinkSource } from '../../shared/actorLinks.ts';
import { compileActorMatcher, type ActorMention, type NamedActor } from '../../shared/suggestions.ts';
import type { ClaimInput } from '../../shared/schemas/annotations.ts';
import { actorsVersion, sentenceBounds } from './linkRepo.ts';

/**
 * The sentence whose claims are saved, as the save path already has it; where it lies and the
 * registry's version, when the caller read them with it (else they are read when needed).
 */
export interface LinkedSentence {
  id: number;
  documentId: number;
  projectId: number;
  start?: number;
  end?: number;
  actorsVersion?: number;
}

// A document's text never changes once imported (every offset points into it), so the texts linking
// reads are kept, a few per database: reading a 300 KB article takes ~0.5 ms, slicing it microseconds,
// and an annotator saves sentence after sentence of one document.
const TEXTS_KEPT = 8;
const keptTexts = new WeakMap<Db, Map<number, string>>();

function documentText(db: Db, documentId: number): string {
  let texts = keptTexts.get(db);
  if (!texts) keptTexts.set(db, (texts = new Map()));
  let text = texts.get(documentId);
  if (text === undefined) {
    text = findDocumentText(db, documentId);
    if (texts.size >= TEXTS_KEPT) texts.delete(texts.keys().next().value!);
  } else texts.delete(documentId); // re-inserted below: most recently used last
  texts.set(documentId, text);
  return text;
}

// The registry's matcher, kept per project while its actors are unchanged: compiling it means
// reading every actor and building one regular expression, and saves come sentence after sentence.
const keptMatchers = new WeakMap<Db, Map<number, { version: string; match: (text: string) => ActorMention[] }>>();

/** `registryVersion`: the project's actors_version, when the caller has read it in this transaction. */
export function registryMatcher(db: Db, projectId: number, registryVersion?: number): (text: string) => ActorMention[] {
  let matchers = keptMatchers.get(db);
  if (!matchers) keptMatchers.set(db, (matchers = new Map()));
  // The registry's version, and the connection's rollbacks: a rolled-back actor write gives its number back.
  const version = `${registryVersion ?? actorsVersion(db, projectId)}:${db.rollbacks}`;
  let kept = matchers.get(projectId);
  if (kept?.version !== version) {
    kept = { version, match: compileActorMatcher(listActors(db, projectId)) };
    matchers.set(projectId, kept);
  }
  return kept.match;
}

/** A source reading the database lazily, each part once; the claims' actors come from their check. */
function databaseSource(db: Db, sentence: LinkedSentence, named: ReadonlyMap<number, NamedActor>): LinkSource {
  let text: string | undefined;
  const documentTextOnce = () => (text ??= documentText(db, sentence.documentId));
  let bounds: { start: number; text: string } | undefined;
  let matcher: ((text: string) => ActorMention[]) | undefined;
  return {
    around: (span) => {
      const start = Math.max(0, span.start - CONTEXT);
      return { start, text: documentTextOnce().slice(start, span.end + CONTEXT) };
    },
    sentence: () => {
      if (!bounds) {
        const span =
          sentence.start !== undefined && sentence.end !== undefined ? { start: sentence.start, end: sentence.end } : sentenceBounds(db, sentence.id);
        bounds = { start: span.start, text: documentTextOnce().slice(span.start, span.end) };
      }
      return bounds;
    },
    mentions: (part) => (matcher ??= registryMatcher(db, sentence.projectId, sentence.actorsVersion))(part),
    actor: (id) => named.get(id),
  };
}

/**
 * The claims with every one-sided speaker or target linked; the same array when none needs it.
 * Call after `checkClaims` (spans inside the document, actors of the project), inside the save's
 * transaction, with the actors it returned.
 */
export function linkClaims(db: Db, sentence: LinkedSentence, claims: readonly ClaimInput[], named: ReadonlyMap<number, NamedActor>): readonly ClaimInput[] {
  if (!claims.some((claim) => needsLink(claim.speaker) || needsLink(claim.target))) return claims;
  const source = databaseSource(db, sentence, named);
  return claims.map((claim) => linkClaim(claim, source));
}
