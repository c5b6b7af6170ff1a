// The checks a claim needs beyond its schema, shared by annotations and gold labels.
import type { Db } from '../db/connection.ts';
import { validationError, type Issue } from '../http/errors.ts';
import { namedActorsInProject } from '../actors/repo.ts';
import { findDocumentText } from '../documents/repo.ts';
import type { ClaimInput } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { ClaimToWrite } from './repo.ts';
import type { NamedActor } from '../../shared/suggestions.ts';

/** True when offset `at` falls between the two halves of a surrogate pair (inside one character). */
export function splitsCharacter(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const low = text.charCodeAt(at);
  const high = text.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}

/** The document a label's spans point into: its length, and whether an offset cuts a character in two. */
export interface SpanTarget {
  textLength: number;
  splitsCharacterAt: (at: number) => boolean;
  /**
   * An offset as messages show it, in the unit the caller's spans came in: code points for
   * predictions and export records (converted to UTF-16 before the check); UTF-16 when absent.
   */
  shownAt?: (utf16: number) => number;
}

/**
 * The span target of a sentence's document. Only a document with astral characters can have an
 * offset inside one; its text is read once, when a span is checked. Other documents are never read:
 * a 2,000-sentence article is ~300 KB, and reading it on every save was most of a save's cost.
 */
export function spanTarget(db: Db, sentence: { documentId: number; textLength: number; hasAstral: boolean }): SpanTarget {
  if (!sentence.hasAstral) return { textLength: sentence.textLength, splitsCharacterAt: () => false };
  let text: string | undefined;
  return {
    textLength: sentence.textLength,
    splitsCharacterAt: (at) => splitsCharacter((text ??= findDocumentText(db, sentence.documentId)), at),
  };
}

// The actors saves name, kept per project while its registry is unchanged: an annotator names the
// same few actors sentence after sentence, and on PostgreSQL each lookup is a round trip. An id that
// is not the project's is kept too (as null): adding an actor moves the registry's version.
const ACTORS_KEPT = 2000;
const keptActors = new WeakMap<Db, Map<number, { version: string; actors: Map<number, NamedActor | null> }>>();

/**
 * The given ids that are actors of the project, with their names. `registryVersion`: the project's
 * actors_version as read in this transaction (migration 0009's triggers move it with every actor
 * added, edited, merged or deleted); without it every id is looked up.
 */
function actorsOfProject(db: Db, projectId: number, ids: readonly number[], registryVersion?: number): Map<number, NamedActor> {
  if (registryVersion === undefined) return namedActorsInProject(db, projectId, ids);
  let projects = keptActors.get(db);
  if (!projects) keptActors.set(db, (projects = new Map()));
  // With the connection's rollbacks: a rolled-back actor write gives its version number back.
  const version = `${registryVersion}:${db.rollbacks}`;
  let kept = projects.get(projectId);
  if (kept?.version !== version || kept.actors.size > ACTORS_KEPT) projects.set(projectId, (kept = { version, actors: new Map() }));
  const missing = ids.filter((id) => !kept.actors.has(id));
  if (missing.length > 0) {
    const found = namedActorsInProject(db, projectId, missing);
    for (const id of missing) kept.actors.set(id, found.get(id) ?? null);
  }
  const known = new Map<number, NamedActor>();
  for (const id of ids) {
    const actor = kept.actors.get(id);
    if (actor) known.set(id, actor);
  }
  return known;
}

/**
 * Stances of this project, actors of this project, spans inside the document and on character
 * boundaries, claim ids that belong to the label being edited and appear once. Throws one
 * validation error listing every problem; returns the actors the claims name (linking needs their names).
 */
export function checkClaims(
  db: Db,
  project: Pick<Project, 'id' | 'stanceLabels'> & { actorsVersion?: number },
  document: SpanTarget,
  claims: readonly ClaimInput[],
  ownClaimIds: ReadonlySet<number>,
): ReadonlyMap<number, NamedActor> {
  const textLength = document.textLength;
  const issues: Issue[] = [];
  const stanceKeys = new Set(project.stanceLabels.map((label) => label.key));
  const actorIds = claims.flatMap((claim) => [claim.speaker.actorId, claim.target.actorId]).filter((id) => id != null);
  const known = actorsOfProject(db, project.id, [...new Set(actorIds)], project.actorsVersion);

  const shown = document.shownAt ?? ((at: number) => at);
  const checkSpan = (span: Span | null | undefined, path: string) => {
    if (!span) return;
    const named = `span ${shown(span.start)}–${shown(span.end)}`;
    if (span.end > textLength) {
      issues.push({ path, message: `${named} lies outside the document (length ${shown(textLength)})` });
    } else if (document.splitsCharacterAt(span.start) || document.splitsCharacterAt(span.end)) {
      // Exports count code points: half an emoji has no place in `text[start:end]`.
      issues.push({ path, message: `${named} cuts a character (an emoji or other astral character) in two` });
    }
  };

  const seenIds = new Set<number>();
  claims.forEach((claim, index) => {
    const at = `claims.${index}`;
    if (claim.id !== undefined && !ownClaimIds.has(claim.id)) {
      issues.push({ path: `${at}.id`, message: `claim ${claim.id} is not a claim of this label` });
    } else if (claim.id !== undefined && seenIds.has(claim.id)) {
      issues.push({ path: `${at}.id`, message: `claim ${claim.id} appears twice` });
    }
    if (claim.id !== undefined) seenIds.add(claim.id);
    if (!stanceKeys.has(claim.stance)) {
      issues.push({ path: `${at}.stance`, message: `"${claim.stance}" is not a stance of this project (${[...stanceKeys].join(', ')})` });
    }
    for (const role of ['speaker', 'target'] as const) {
      const actorId = claim[role].actorId;
      if (actorId != null && !known.has(actorId)) {
        issues.push({ path: `${at}.${role}.actorId`, message: `actor ${actorId} is not an actor of this project` });
      }
      checkSpan(claim[role].span, `${at}.${role}.span`);
    }
    checkSpan(claim.cue, `${at}.cue`);
    // A model and score describe a suggestion: a manual claim has neither.
    if (!claim.origin?.startsWith('suggestion:')) {
      if (claim.originModel != null) issues.push({ path: `${at}.originModel`, message: 'a model needs an origin "suggestion:<source>"' });
      if (claim.originScore != null) issues.push({ path: `${at}.originScore`, message: 'a score needs an origin "suggestion:<source>"' });
    }
  });

  const first = issues[0];
  if (first) throw validationError(`Invalid claim: ${first.path}: ${first.message}`, issues);
  return known;
}

/** A validated claim input as the row writer takes it. */
export function toClaimToWrite(claim: ClaimInput): ClaimToWrite {
  return {
    ...(claim.id === undefined ? {} : { id: claim.id }),
    stance: claim.stance,
    speakerActorId: claim.speaker.actorId ?? null,
    speakerSpan: claim.speaker.span ?? null,
    targetActorId: claim.target.actorId ?? null,
    targetSpan: claim.target.span ?? null,
    cue: claim.cue ?? null,
    negated: claim.negated ?? false,
    hypothetical: claim.hypothetical ?? false,
    origin: claim.origin ?? 'manual',
    originModel: claim.originModel ?? null,
    originScore: claim.originScore ?? null,
  };
}
