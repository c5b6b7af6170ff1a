import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import {
  AssignmentList,
  AssignmentParams,
  AssignmentsQuery,
  BulkAssignmentBody,
  BulkAssignmentResult,
  CreateAssignmentBody,
  Queue,
  QueueQuery,
  TakeNextResult,
} from '../../shared/schemas/assignments.ts';
import { assignDocument, assignNextDocuments, getAssignments, getQueue, takeNext, unassignDocument } from './service.ts';

export function assignmentsRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/queue',
    handle(
      {
        params: ProjectParams,
        query: QueueQuery,
        summary:
          'My queue: documents I hold (unfinished), a page of the documents that need annotators (least-covered first, never one I did), how many I finished',
        access: 'project members',
        response: Queue,
      },
      ({ params, query }, { user }) => getQueue(db, user, params.projectId, query),
    ),
  );
  router.post(
    '/projects/:projectId/queue/next',
    handle(
      {
        params: ProjectParams,
        summary: 'Take the next available document ({document: null} when none is left)',
        access: 'project members',
        response: TakeNextResult,
      },
      ({ params }, { user }) => ({ document: takeNext(db, user, params.projectId) }),
    ),
  );
  router.get(
    '/projects/:projectId/assignments',
    handle(
      {
        params: ProjectParams,
        query: AssignmentsQuery,
        summary: 'A page of who holds which document, with their progress; filters by holder, document, title and held/expired',
        access: 'reviewers and admins',
        response: AssignmentList,
      },
      ({ params, query }, { user }) => getAssignments(db, user, params.projectId, query),
    ),
  );
  router.post(
    '/projects/:projectId/assignments',
    handle(
      {
        params: ProjectParams,
        body: CreateAssignmentBody,
        status: 201,
        summary: 'Give a document to a project member (409 when it already has the overlap of annotators, unless beyondOverlap: true)',
        access: 'admins',
        response: AssignmentList,
      },
      ({ params, body }, { user }) => assignDocument(db, user, params.projectId, body.documentId, body.userId, body.beyondOverlap),
    ),
  );
  router.post(
    '/projects/:projectId/assignments/next',
    handle(
      {
        params: ProjectParams,
        body: BulkAssignmentBody,
        summary: "Give the next count documents of a member's queue (still needing annotators, least-covered first) to them",
        access: 'admins',
        response: BulkAssignmentResult,
      },
      ({ params, body }, { user }) => assignNextDocuments(db, user, params.projectId, body.userId, body.count),
    ),
  );
  router.delete(
    '/projects/:projectId/assignments/:documentId/:userId',
    handle({ params: AssignmentParams, summary: "Release a member's hold of a document", access: 'admins', response: AssignmentList }, ({ params }, { user }) =>
      unassignDocument(db, user, params.projectId, params.documentId, params.userId),
    ),
  );
  return router;
}
