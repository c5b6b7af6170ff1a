import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import {
  DocumentParams,
  ImportDocumentsBody,
  ImportFileBody,
  SentenceParams,
  SplitSentenceBody,
  UpdateSentenceBody,
} from '../../shared/schemas/documents.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { getDocument, getDocuments, importDocuments, mergeWithNext, splitSentence, updateSentence } from './service.ts';
import { importFile } from './files.ts';

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
  router.post(
    '/projects/:projectId/imports',
    handle({ params: ProjectParams, body: ImportFileBody, status: 201 }, ({ params, body }, { user }) =>
      importFile(db, user, params.projectId, body),
    ),
  );
  router.patch(
    '/sentences/:sentenceId',
    handle({ params: SentenceParams, body: UpdateSentenceBody }, ({ params, body }, { user }) =>
      updateSentence(db, user, params.sentenceId, body),
    ),
  );
  router.post(
    '/sentences/:sentenceId/merge',
    handle({ params: SentenceParams }, ({ params }, { user }) => mergeWithNext(db, user, params.sentenceId)),
  );
  router.post(
    '/sentences/:sentenceId/split',
    handle({ params: SentenceParams, body: SplitSentenceBody }, ({ params, body }, { user }) =>
      splitSentence(db, user, params.sentenceId, body.at),
    ),
  );
  return router;
}
