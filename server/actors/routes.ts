import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ActorParams, CreateActorBody, UpdateActorBody } from '../../shared/schemas/actors.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { createActor, deleteActor, getActors, updateActor } from './service.ts';

export function actorsRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/actors',
    handle({ params: ProjectParams }, ({ params }, { user }) => ({ actors: getActors(db, user, params.projectId) })),
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
  return router;
}
