import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { AgreementReport } from '../../shared/schemas/review.ts';
import { getAgreement } from './service.ts';

export function agreementRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/agreement',
    handle(
      {
        params: ProjectParams,
        summary: "Krippendorff's α, pairwise κ and triple F1, each annotator against gold, stance confusion, per document",
        access: 'reviewers and admins',
        response: AgreementReport,
      },
      ({ params }, { user }) => getAgreement(db, user, params.projectId),
    ),
  );
  return router;
}
