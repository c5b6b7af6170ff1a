// The checks a claim needs beyond its schema, shared by annotations and gold labels.
import type { Db } from '../db/connection.ts';
import { validationError, type Issue } from '../http/errors.ts';
import { actorIdsInProject } from '../actors/repo.ts';
import type { ClaimInput } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { ClaimToWrite } from './repo.ts';

/**
 * Stances of this project, actors of this project, spans inside the document, and claim ids that
 * belong to the label being edited. Throws one validation error listing every problem.
 */
export function checkClaims(
  db: Db,
  project: Pick<Project, 'id' | 'stanceLabels'>,
  textLength: number,
  claims: readonly ClaimInput[],
  ownClaimIds: ReadonlySet<number>,
): void {
  const issues: Issue[] = [];
  const stanceKeys = new Set(project.stanceLabels.map((label) => label.key));
  const actorIds = claims.flatMap((claim) => [claim.speaker.actorId, claim.target.actorId]).filter((id) => id != null);
  const known = actorIdsInProject(db, project.id, [...new Set(actorIds)]);

  const checkSpan = (span: Span | null | undefined, path: string) => {
    if (span && span.end > textLength) {
      issues.push({ path, message: `span ${span.start}–${span.end} lies outside the document (length ${textLength})` });
    }
  };

  claims.forEach((claim, index) => {
    const at = `claims.${index}`;
    if (claim.id !== undefined && !ownClaimIds.has(claim.id)) {
      issues.push({ path: `${at}.id`, message: `claim ${claim.id} is not a claim of this label` });
    }
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
  });

  const first = issues[0];
  if (first) throw validationError(`Invalid claim: ${first.path}: ${first.message}`, issues);
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
  };
}
