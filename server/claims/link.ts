// Links the speakers and targets of saved claims to the actor registry (shared/actorLinks.ts), for
// annotations and gold alike, whatever the client sent: a span that names an actor gets it, an
// actor gets the span where the sentence names it. Refs with both sides cost nothing; the reads
// happen only for a ref that lacks one, and each at most once per save.
import type { Db } from '../db/connection.ts';
import { findActor, listActors } from '../actors/repo.ts';
import { findDocumentText } from '../documents/repo.ts';
import { linkClaim, needsLink, type LinkSource } from '../../shared/actorLinks.ts';
import { compileActorMatcher, type ActorMention, type NamedActor } from '../../shared/suggestions.ts';
import type { ClaimInput } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import { bmpTextSlice, sentenceBounds } from './linkRepo.ts';

/** The sentence whose claims are saved, as the save path already has it. */
export interface LinkedSentence {
  id: number;
  documentId: number;
  projectId: number;
  hasAstral: boolean;
}

/** A source reading the database lazily, each part once. */
function databaseSource(db: Db, sentence: LinkedSentence): LinkSource {
  let fullText: string | undefined;
  // A document with astral characters is sliced in JavaScript (SQLite counts code points, offsets UTF-16 units).
  const slice = (span: Span) =>
    sentence.hasAstral ? (fullText ??= findDocumentText(db, sentence.documentId)).slice(span.start, span.end) : bmpTextSlice(db, sentence.documentId, span);
  let bounds: { start: number; text: string } | undefined;
  let matcher: ((text: string) => ActorMention[]) | undefined;
  const actors = new Map<number, NamedActor | undefined>();
  return {
    spanText: slice,
    sentence: () => {
      if (!bounds) {
        const span = sentenceBounds(db, sentence.id);
        bounds = { start: span.start, text: slice(span) };
      }
      return bounds;
    },
    mentions: (text) => (matcher ??= compileActorMatcher(listActors(db, sentence.projectId)))(text),
    actor: (id) => {
      if (!actors.has(id)) actors.set(id, findActor(db, id));
      return actors.get(id);
    },
  };
}

/**
 * The claims with every one-sided speaker or target linked; the same array when none needs it.
 * Call after `checkClaims` (spans inside the document, actors of the project), inside the save's transaction.
 */
export function linkClaims(db: Db, sentence: LinkedSentence, claims: readonly ClaimInput[]): readonly ClaimInput[] {
  if (!claims.some((claim) => needsLink(claim.speaker) || needsLink(claim.target))) return claims;
  const source = databaseSource(db, sentence);
  return claims.map((claim) => linkClaim(claim, source));
}
