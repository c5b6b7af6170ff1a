import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { DocumentParams, SentenceParams } from '../../shared/schemas/documents.ts';
import { DisagreementList, DisagreementsQuery, Gold, GoldList, SaveGoldBody, UnanimousBody, UnanimousResult } from '../../shared/schemas/review.ts';
import type { LabelWriter } from '../labelWrites.ts';
import { acceptUnanimous, getDisagreements, getDocumentGold } from './service.ts';

export function reviewRoutes(db: Db, writes: LabelWriter): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/disagreements',
    handle(
      {
        params: ProjectParams,
        query: DisagreementsQuery,
        summary:
          'A page of the sentences whose annotators differ (most disputed first, or in reading order); filters by document, field and title; resolved=1 keeps those with gold',
        access: 'reviewers and admins',
        response: DisagreementList,
      },
      ({ params, query }, { user }) => getDisagreements(db, user, params.projectId, query),
    ),
  );
  router.get(
    '/documents/:documentId/gold',
    handle({ params: DocumentParams, summary: 'Gold labels of a document', access: 'reviewers and admins', response: GoldList }, ({ params }, { user }) => ({
      gold: getDocumentGold(db, user, params.documentId),
    })),
  );
  router.put(
    '/sentences/:sentenceId/gold',
    handle(
      {
        params: SentenceParams,
        body: SaveGoldBody,
        summary: 'Save the gold label of a sentence; 409 (with error.current) when baseVersion is stale',
        access: 'reviewers and admins',
        response: Gold,
      },
      ({ params, body }, { user }) => writes.run('saveGold', user, params.sentenceId, body),
    ),
  );
  router.post(
    '/projects/:projectId/gold/unanimous',
    handle(
      {
        params: ProjectParams,
        body: UnanimousBody,
        summary: 'apply: false counts the sentences without gold whose (≥ 2) annotators agree exactly (not skips); apply: true accepts them as gold',
        access: 'reviewers and admins',
        response: UnanimousResult,
      },
      ({ params, body }, { user }) => acceptUnanimous(db, user, params.projectId, body.apply, body.documentId),
    ),
  );
  return router;
}
