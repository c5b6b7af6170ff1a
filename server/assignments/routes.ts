import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { AssignmentParams, CreateAssignmentBody } from '../../shared/schemas/assignments.ts';
import { assignDocument, getAssignments, getQueue, takeNext, unassignDocument } from './service.ts';

export function assignmentsRoutes(db: Db): Router {
  const router = Router();
  router.get('/projects/:projectId/queue', handle({ params: ProjectParams }, ({ params }, { user }) => getQueue(db, user, params.projectId)));
  router.post(
    '/projects/:projectId/queue/next',
    handle({ params: ProjectParams }, ({ params }, { user }) => ({ document: takeNext(db, user, params.projectId) })),
  );
  router.get(
    '/projects/:projectId/assignments',
    handle({ params: ProjectParams }, ({ params }, { user }) => ({ assignments: getAssignments(db, user, params.projectId) })),
  );
  router.post(
    '/projects/:projectId/assignments',
    handle({ params: ProjectParams, body: CreateAssignmentBody, status: 201 }, ({ params, body }, { user }) => ({
      assignments: assignDocument(db, user, params.projectId, body.documentId, body.userId),
    })),
  );
  router.delete(
    '/projects/:projectId/assignments/:documentId/:userId',
    handle({ params: AssignmentParams }, ({ params }, { user }) => ({
      assignments: unassignDocument(db, user, params.projectId, params.documentId, params.userId),
    })),
  );
  return router;
}
