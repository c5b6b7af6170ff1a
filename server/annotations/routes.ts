import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { AnnotationsQuery, DeleteAnnotationQuery, SaveAnnotationBody } from '../../shared/schemas/annotations.ts';
import { DocumentParams, SentenceParams } from '../../shared/schemas/documents.ts';
import { deleteAnnotation, getDocumentAnnotations, getSentenceHistory, saveAnnotation } from './service.ts';

export function annotationsRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/documents/:documentId/annotations',
    handle({ params: DocumentParams, query: AnnotationsQuery }, ({ params, query }, { user }) => ({
      annotations: getDocumentAnnotations(db, user, params.documentId, query.annotator),
    })),
  );
  router.put(
    '/sentences/:sentenceId/annotation',
    handle({ params: SentenceParams, body: SaveAnnotationBody }, ({ params, body }, { user }) =>
      saveAnnotation(db, user, params.sentenceId, body),
    ),
  );
  router.get(
    '/sentences/:sentenceId/history',
    handle({ params: SentenceParams }, ({ params }, { user }) => ({ events: getSentenceHistory(db, user, params.sentenceId) })),
  );
  router.delete(
    '/sentences/:sentenceId/annotation',
    handle({ params: SentenceParams, query: DeleteAnnotationQuery }, ({ params, query }, { user }) =>
      deleteAnnotation(db, user, params.sentenceId, query.baseVersion),
    ),
  );
  return router;
}
