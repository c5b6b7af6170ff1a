import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { DocumentParams, SentenceParams } from '../../shared/schemas/documents.ts';
import { DisagreementsQuery, SaveGoldBody, UnanimousBody } from '../../shared/schemas/review.ts';
import { acceptUnanimous, getDisagreements, getDocumentGold, saveGold } from './service.ts';

export function reviewRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/disagreements',
    handle({ params: ProjectParams, query: DisagreementsQuery }, ({ params, query }, { user }) =>
      getDisagreements(db, user, params.projectId, {
        ...(query.documentId === undefined ? {} : { documentId: query.documentId }),
        ...(query.field === undefined ? {} : { field: query.field }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
        resolved: query.resolved === '1',
      }),
    ),
  );
  router.get(
    '/documents/:documentId/gold',
    handle({ params: DocumentParams }, ({ params }, { user }) => ({ gold: getDocumentGold(db, user, params.documentId) })),
  );
  router.put(
    '/sentences/:sentenceId/gold',
    handle({ params: SentenceParams, body: SaveGoldBody }, ({ params, body }, { user }) => saveGold(db, user, params.sentenceId, body)),
  );
  router.post(
    '/projects/:projectId/gold/unanimous',
    handle({ params: ProjectParams, body: UnanimousBody }, ({ params, body }, { user }) =>
      acceptUnanimous(db, user, params.projectId, body.apply, body.documentId),
    ),
  );
  return router;
}
