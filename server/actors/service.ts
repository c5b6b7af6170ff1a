import type { Db } from '../db/connection.ts';
import { conflict, forbidden, validationError } from '../http/errors.ts';
import { actorFor, allows, auditUserId, canSeeOthersLabels, may, projectFor, type Principal } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import {
  ALIASES_MAX,
  type Actor,
  type ActorList,
  type ActorListQuery,
  type CreateActorBody,
  type MergeActorBody,
  type MergeActorResult,
  type UpdateActorBody,
} from '../../shared/schemas/actors.ts';
import type { User } from '../../shared/schemas/users.ts';
import { AUTHOR_ACTOR, isAuthorName } from '../../shared/authorActor.ts';
import {
  childIdsOfActor,
  claimIdsOfActor,
  countClaimsOfActor,
  deleteActor as removeActor,
  findActor,
  findActorByNameIgnoringCase,
  insertActor,
  isSelfOrAncestor,
  labelsNamingActor,
  moveClaimReferences,
  reparentChildren,
  updateActor as writeActor,
  updateActorIfUnchanged,
  type ActorFields,
} from './repo.ts';
import { transaction } from '../db/transaction.ts';
import { pageActors } from './listing.ts';
import { findAnnotation } from '../annotations/repo.ts';
import { findGold } from '../review/repo.ts';

/**
 * A page of the project's actor registry; with `counts`, reviewers and admins also get each actor's
 * claim count (it costs index counts of the claims, so only the registry page asks for it).
 */
export function getActors(db: Db, user: User, projectId: number, query: ActorListQuery): ActorList {
  projectFor(db, user, projectId);
  // Annotators label blind: how often others used an actor would hint at their labels.
  if (query.sort === 'usage' && !canSeeOthersLabels(user)) throw forbidden('Sorting actors by usage is for reviewers and admins: annotators label blind.');
  return pageActors(db, projectId, query, query.counts && canSeeOthersLabels(user));
}

/** Aliases without blanks, duplicates (ignoring case) or the actor's own name. */
function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([name.toLocaleLowerCase()]);
  const result: string[] = [];
  for (const alias of aliases) {
    const key = alias.trim().toLocaleLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    result.push(alias.trim());
  }
  return result;
}

function checkFields(db: Db, projectId: number, fields: ActorFields, selfId?: number): void {
  const clash = findActorByNameIgnoringCase(db, projectId, fields.name);
  if (clash && clash.id !== selfId) {
    throw conflict(`An actor named "${clash.name}" already exists in this project.`, { actorId: clash.id });
  }
  if (fields.parentId != null) {
    const parent = findActor(db, fields.parentId);
    if (!parent || parent.projectId !== projectId) {
      throw validationError(`Parent actor ${fields.parentId} is not an actor of this project.`, [
        { path: 'parentId', message: 'unknown actor in this project' },
      ]);
    }
    // This actor as the parent or one of its ancestors would make a cycle.
    if (selfId !== undefined && isSelfOrAncestor(db, parent.id, selfId)) {
      throw validationError('An actor cannot be its own ancestor.', [{ path: 'parentId', message: 'makes a cycle' }]);
    }
  }
}

/**
 * Creates an actor (for a member, or the system: demo loader, CLI). Any project member may add one,
 * so an annotator is never stuck on a missing speaker; the actor of someone who may not edit the
 * registry is `proposed` until an admin accepts, renames or merges it, and is usable in claims at once.
 */
export function createActor(db: Db, who: Principal, projectId: number, body: CreateActorBody): Actor {
  projectFor(db, who, projectId);
  const fields: ActorFields = {
    name: body.name,
    kind: body.kind,
    code: body.code ?? null,
    aliases: cleanAliases(body.name, body.aliases ?? []),
    parentId: body.parentId ?? null,
    // The author/outlet is every document's implicit speaker (DESIGN §2), not a proposal to review.
    status: allows(who, may.editActorRegistry) || (isAuthorName(body.name) && body.kind === AUTHOR_ACTOR.kind) ? 'accepted' : 'proposed',
  };
  return transaction(db, () => {
    checkFields(db, projectId, fields);
    const actor = insertActor(db, projectId, fields);
    recordEvent(db, { userId: auditUserId(who), projectId, action: 'create', entity: 'actor', entityId: actor.id, after: actor });
    return actor;
  });
}

/** Edits an actor (an admin, or the system: demo loader, CLI). */
export function updateActor(db: Db, who: Principal, actorId: number, body: UpdateActorBody): Actor {
  return transaction(db, () => {
    const { actor: before } = actorFor(db, who, actorId, may.editActorRegistry);
    const name = body.name ?? before.name;
    const fields: ActorFields = {
      name,
      kind: body.kind ?? before.kind,
      code: body.code === undefined ? before.code : body.code,
      aliases: cleanAliases(name, body.aliases ?? before.aliases),
      parentId: body.parentId === undefined ? before.parentId : body.parentId,
      status: body.status ?? before.status,
    };
    checkFields(db, before.projectId, fields, actorId);
    // Conditional on the fields read above: nothing was written if another writer changed the actor meanwhile.
    const after = updateActorIfUnchanged(db, before, fields);
    if (!after) throw conflict(`Actor ${actorId} was changed by someone else. Reload and try again.`, { current: findActor(db, actorId) ?? null });
    recordEvent(db, { userId: auditUserId(who), projectId: before.projectId, action: 'update', entity: 'actor', entityId: actorId, before, after });
    return after;
  });
}

export function deleteActor(db: Db, user: User, actorId: number): { ok: true } {
  return transaction(db, () => {
    const { actor: before } = actorFor(db, user, actorId, may.editActorRegistry);
    const uses = countClaimsOfActor(db, actorId);
    if (uses > 0) {
      throw conflict(`Actor "${before.name}" is used by ${uses} claim(s); merge it into another actor instead of deleting it.`);
    }
    removeActor(db, actorId);
    recordEvent(db, { userId: user.id, projectId: before.projectId, action: 'delete', entity: 'actor', entityId: actorId, before });
    return { ok: true as const };
  });
}

/**
 * Merges a duplicate into another actor of the same project, in one transaction: every claim
 * (annotators' and gold) that named the duplicate as speaker or target names the remaining actor instead, its children get the
 * remaining actor as parent, its name, aliases (and code, as an alias when both have one) become
 * aliases of the remaining actor, and the duplicate is deleted. No claim is lost. Besides the
 * merge's own event, every changed label (annotation or gold) gets an `actor_merge` event with
 * its sentence id, before and after, so the sentence's history shows it.
 */
export function mergeActor(db: Db, user: User, actorId: number, body: MergeActorBody): MergeActorResult {
  return transaction(db, () => {
    const { actor: merged } = actorFor(db, user, actorId, may.mergeActors);
    if (body.intoId === actorId) {
      throw validationError('An actor cannot be merged into itself.', [{ path: 'intoId', message: 'is the actor being merged' }]);
    }
    const into = findActor(db, body.intoId);
    if (!into || into.projectId !== merged.projectId) {
      throw validationError(`Actor ${body.intoId} is not an actor of this project.`, [{ path: 'intoId', message: 'unknown actor in this project' }]);
    }
    // Its children would be re-parented under one of their own descendants: a cycle.
    if (isSelfOrAncestor(db, into.id, merged.id)) {
      throw validationError(`"${into.name}" is part of "${merged.name}"; merge "${into.name}" into "${merged.name}" instead.`, [
        { path: 'intoId', message: 'is a descendant of the actor being merged' },
      ]);
    }
    const extra = [merged.name, ...merged.aliases];
    let code = into.code;
    if (merged.code && merged.code !== into.code) {
      if (into.code) extra.push(merged.code);
      else code = merged.code;
    }
    const aliases = cleanAliases(into.name, [...into.aliases, ...extra]);
    if (aliases.length > ALIASES_MAX) {
      throw validationError(`"${into.name}" would have ${aliases.length} aliases, more than ${ALIASES_MAX}; remove some first.`, [
        { path: 'intoId', message: 'too many aliases after the merge' },
      ]);
    }

    const moved = claimIdsOfActor(db, merged.id);
    const childIds = childIdsOfActor(db, merged.id);
    // Every label the merge changes is read before and after, so each sentence's history shows it.
    const labels = labelsNamingActor(db, merged.id);
    const annotationsBefore = labels.annotations.map(({ sentenceId, annotatorId }) => findAnnotation(db, sentenceId, annotatorId)!.annotation);
    const goldBefore = labels.goldSentenceIds.map((sentenceId) => findGold(db, sentenceId)!.gold);
    moveClaimReferences(db, merged.id, into.id);
    reparentChildren(db, merged.id, into.id);
    removeActor(db, merged.id);
    const after = writeActor(db, into.id, { ...into, code, aliases });
    recordEvent(db, {
      userId: user.id,
      projectId: merged.projectId,
      action: 'merge',
      entity: 'actor',
      entityId: merged.id,
      // The ids of the claims and children that moved make the merge reversible by hand from the log.
      before: { merged, into, claimIds: moved.claims, goldClaimIds: moved.goldClaims, childIds },
      after: { into: after },
    });
    const labelEvent = { userId: user.id, projectId: merged.projectId, action: 'actor_merge' } as const;
    for (const before of annotationsBefore) {
      const changed = findAnnotation(db, before.sentenceId, before.annotatorId)!.annotation;
      recordEvent(db, { ...labelEvent, entity: 'annotation', entityId: before.sentenceId, before, after: changed });
    }
    for (const before of goldBefore) {
      recordEvent(db, { ...labelEvent, entity: 'gold', entityId: before.sentenceId, before, after: findGold(db, before.sentenceId)!.gold });
    }
    return { actor: after, mergedId: merged.id, movedClaims: moved.claims.length + moved.goldClaims.length, reparented: childIds.length };
  });
}
