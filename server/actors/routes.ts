import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ActorListQuery, ActorParams, CreateActorBody, MergeActorBody, UpdateActorBody } from '../../shared/schemas/actors.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { createActor, deleteActor, getActors, mergeActor, updateActor } from './service.ts';

export function actorsRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/actors',
    handle({ params: ProjectParams, query: ActorListQuery }, ({ params, query }, { user }) => ({
      actors: getActors(db, user, params.projectId, { counts: query.counts === '1' }),
    })),
  );
  router.post(
    '/projects/:projectId/actors',
    handle({ params: ProjectParams, body: CreateActorBody, status: 201 }, ({ params, body }, { user }) =>
      createActor(db, user, params.projectId, body),
    ),
  );
  router.patch(
    '/actors/:actorId',
    handle({ params: ActorParams, body: UpdateActorBody }, ({ params, body }, { user }) => updateActor(db, user, params.actorId, body)),
  );
  router.delete(
    '/actors/:actorId',
    handle({ params: ActorParams }, ({ params }, { user }) => deleteActor(db, user, params.actorId)),
  );
  router.post(
    '/actors/:actorId/merge',
    handle({ params: ActorParams, body: MergeActorBody }, ({ params, body }, { user }) => mergeActor(db, user, params.actorId, body)),
  );
  return router;
}
