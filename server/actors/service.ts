import type { Db } from '../db/connection.ts';
import { conflict, notFound, validationError } from '../http/errors.ts';
import { assertAdmin, projectForMember } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import type { Actor, CreateActorBody, UpdateActorBody } from '../../shared/schemas/actors.ts';
import type { User } from '../../shared/schemas/users.ts';
import {
  countClaimsOfActor,
  deleteActor as removeActor,
  findActor,
  findActorByName,
  insertActor,
  listActors,
  updateActor as writeActor,
  type ActorFields,
} from './repo.ts';

export function getActors(db: Db, user: User, projectId: number): Actor[] {
  projectForMember(db, user, projectId);
  return listActors(db, projectId);
}

/** An actor the user may see; unknown ids and actors of projects they are not in look the same. */
function actorForMember(db: Db, user: User, actorId: number): Actor {
  const actor = findActor(db, actorId);
  if (!actor) throw notFound('Actor', actorId);
  projectForMember(db, user, actor.projectId);
  return actor;
}

function checkFields(db: Db, projectId: number, fields: ActorFields, selfId?: number): void {
  const clash = findActorByName(db, projectId, fields.name);
  if (clash && clash.id !== selfId) throw conflict(`An actor named "${fields.name}" already exists in this project.`);
  if (fields.parentId != null) {
    const parent = findActor(db, fields.parentId);
    if (!parent || parent.projectId !== projectId) {
      throw validationError(`Parent actor ${fields.parentId} is not an actor of this project.`, [
        { path: 'parentId', message: 'unknown actor in this project' },
      ]);
    }
    // Walk up from the parent: meeting this actor again would make a cycle.
    for (let ancestor: Actor | undefined = parent; ancestor; ancestor = ancestor.parentId ? findActor(db, ancestor.parentId) : undefined) {
      if (ancestor.id === selfId) {
        throw validationError('An actor cannot be its own ancestor.', [{ path: 'parentId', message: 'makes a cycle' }]);
      }
    }
  }
}

/** Creates an actor; `user` null is the system (demo loader, CLI). */
export function createActor(db: Db, user: User | null, projectId: number, body: CreateActorBody): Actor {
  if (user) {
    projectForMember(db, user, projectId);
    assertAdmin(user, 'add actors to the registry');
  }
  const fields: ActorFields = {
    name: body.name,
    kind: body.kind,
    code: body.code ?? null,
    aliases: [...new Set(body.aliases ?? [])],
    parentId: body.parentId ?? null,
    status: 'accepted',
  };
  return db.transaction(() => {
    checkFields(db, projectId, fields);
    const actor = insertActor(db, projectId, fields);
    recordEvent(db, { userId: user?.id ?? null, projectId, action: 'create', entity: 'actor', entityId: actor.id, after: actor });
    return actor;
  })();
}

/** Edits an actor; `user` null is the system (demo loader, CLI). */
export function updateActor(db: Db, user: User | null, actorId: number, body: UpdateActorBody): Actor {
  return db.transaction(() => {
    const before = user ? actorForMember(db, user, actorId) : findActor(db, actorId);
    if (!before) throw notFound('Actor', actorId);
    if (user) assertAdmin(user, 'edit the actor registry');
    const fields: ActorFields = {
      name: body.name ?? before.name,
      kind: body.kind ?? before.kind,
      code: body.code === undefined ? before.code : body.code,
      aliases: body.aliases ? [...new Set(body.aliases)] : before.aliases,
      parentId: body.parentId === undefined ? before.parentId : body.parentId,
      status: body.status ?? before.status,
    };
    checkFields(db, before.projectId, fields, actorId);
    const after = writeActor(db, actorId, fields);
    recordEvent(db, { userId: user?.id ?? null, projectId: before.projectId, action: 'update', entity: 'actor', entityId: actorId, before, after });
    return after;
  })();
}

export function deleteActor(db: Db, user: User, actorId: number): { ok: true } {
  return db.transaction(() => {
    const before = actorForMember(db, user, actorId);
    assertAdmin(user, 'edit the actor registry');
    const uses = countClaimsOfActor(db, actorId);
    if (uses > 0) {
      throw conflict(`Actor "${before.name}" is used by ${uses} claim(s); merge it into another actor instead of deleting it.`);
    }
    removeActor(db, actorId);
    recordEvent(db, { userId: user.id, projectId: before.projectId, action: 'delete', entity: 'actor', entityId: actorId, before });
    return { ok: true as const };
  })();
}
