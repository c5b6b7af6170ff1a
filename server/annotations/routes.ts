import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { AnnotationsQuery, SaveAnnotationBody } from '../../shared/schemas/annotations.ts';
import { DocumentParams, SentenceParams } from '../../shared/schemas/documents.ts';
import { getDocumentAnnotations, saveAnnotation } from './service.ts';

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
  return router;
}
