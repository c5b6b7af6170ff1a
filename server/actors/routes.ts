import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import {
  Actor,
  ActorList,
  ActorListQuery,
  ActorParams,
  CreateActorBody,
  MergeActorBody,
  MergeActorResult,
  UpdateActorBody,
} from '../../shared/schemas/actors.ts';
import { OkBody } from '../../shared/schemas/common.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { createActor, deleteActor, getActors, mergeActor, updateActor } from './service.ts';

export function actorsRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/actors',
    handle(
      {
        params: ProjectParams,
        query: ActorListQuery,
        summary:
          "A page of the project's actor registry (search by name, alias or code prefix; sorts name, kind, usage; filters kind, status); counts=1 adds each actor's claimCount for reviewers and admins",
        access: 'project members',
        response: ActorList,
      },
      ({ params, query }, { user }) => getActors(db, user, params.projectId, query),
    ),
  );
  router.post(
    '/projects/:projectId/actors',
    handle(
      {
        params: ProjectParams,
        body: CreateActorBody,
        status: 201,
        summary: "Add an actor: an admin's is accepted, anyone else's proposed (usable at once); 409 when the name exists",
        access: 'project members',
        response: Actor,
      },
      ({ params, body }, { user }) => createActor(db, user, params.projectId, body),
    ),
  );
  router.patch(
    '/actors/:actorId',
    handle(
      {
        params: ActorParams,
        body: UpdateActorBody,
        summary: 'Edit an actor in place; status "accepted" accepts a proposal',
        access: 'admins',
        response: Actor,
      },
      ({ params, body }, { user }) => updateActor(db, user, params.actorId, body),
    ),
  );
  router.delete(
    '/actors/:actorId',
    handle(
      { params: ActorParams, summary: 'Delete an actor (409 while claims use it: merge it instead)', access: 'admins', response: OkBody },
      ({ params }, { user }) => deleteActor(db, user, params.actorId),
    ),
  );
  router.post(
    '/actors/:actorId/merge',
    handle(
      {
        params: ActorParams,
        body: MergeActorBody,
        summary: 'Merge a duplicate into another actor of the project: its claims, children, name and aliases move to intoId',
        access: 'admins',
        response: MergeActorResult,
      },
      ({ params, body }, { user }) => mergeActor(db, user, params.actorId, body),
    ),
  );
  return router;
}
