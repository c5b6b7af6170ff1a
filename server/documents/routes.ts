import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { DocumentParams, ImportDocumentsBody } from '../../shared/schemas/documents.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { getDocument, getDocuments, importDocuments } from './service.ts';

export function documentsRoutes(db: Db): Router {
  const router = Router();
  router.post(
    '/projects/:projectId/documents',
    handle({ params: ProjectParams, body: ImportDocumentsBody, status: 201 }, ({ params, body }, { user }) =>
      importDocuments(db, user, params.projectId, body.documents),
    ),
  );
  router.get(
    '/projects/:projectId/documents',
    handle({ params: ProjectParams }, ({ params }, { user }) => ({ documents: getDocuments(db, user, params.projectId) })),
  );
  router.get(
    '/documents/:documentId',
    handle({ params: DocumentParams }, ({ params }, { user }) => getDocument(db, user, params.documentId)),
  );
  return router;
}
