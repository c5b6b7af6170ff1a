import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { Annotation, AnnotationList, AnnotationsQuery, DeleteAnnotationQuery, SaveAnnotationBody } from '../../shared/schemas/annotations.ts';
import { OkBody } from '../../shared/schemas/common.ts';
import { History } from '../../shared/schemas/events.ts';
import { DocumentParams, SentenceParams } from '../../shared/schemas/documents.ts';
import type { LabelWriter } from '../labelWrites.ts';
import { getDocumentAnnotations, getSentenceHistory } from './service.ts';

export function annotationsRoutes(db: Db, writes: LabelWriter): Router {
  const router = Router();
  router.get(
    '/documents/:documentId/annotations',
    handle(
      {
        params: DocumentParams,
        query: AnnotationsQuery,
        summary: "A document's annotations with their claims: annotator=me (an annotator's only choice) or a user id",
        access: "annotators: their own only; reviewers and admins: anyone's",
        response: AnnotationList,
      },
      ({ params, query }, { user }) => ({
        annotations: getDocumentAnnotations(db, user, params.documentId, query.annotator),
      }),
    ),
  );
  router.put(
    '/sentences/:sentenceId/annotation',
    handle(
      {
        params: SentenceParams,
        body: SaveAnnotationBody,
        summary: 'Save my label of a sentence; 409 (with error.current) when baseVersion is stale',
        description:
          'baseVersion is the version the edit started from (0 for a first label). Without it (or with null) the save is unconditional and replaces whatever is stored.',
        access: 'project members',
        response: Annotation,
      },
      ({ params, body }, { user }) => writes.run('saveAnnotation', user, params.sentenceId, body),
    ),
  );
  router.get(
    '/sentences/:sentenceId/history',
    handle(
      {
        params: SentenceParams,
        summary: 'The audit trail of a sentence: every label, correction and gold change, with who, when, before and after',
        access: 'reviewers and admins',
        response: History,
      },
      ({ params }, { user }) => ({ events: getSentenceHistory(db, user, params.sentenceId) }),
    ),
  );
  router.delete(
    '/sentences/:sentenceId/annotation',
    handle(
      {
        params: SentenceParams,
        query: DeleteAnnotationQuery,
        summary: 'Take my label of a sentence back (undo of a first label); 409 when baseVersion is stale',
        access: 'project members',
        response: OkBody,
      },
      ({ params, query }, { user }) => writes.run('deleteAnnotation', user, params.sentenceId, query.baseVersion),
    ),
  );
  return router;
}
