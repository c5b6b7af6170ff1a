import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { AgreementReport } from '../../shared/schemas/review.ts';
import { SourceQualityReport } from '../../shared/schemas/sourceQuality.ts';
import { getAgreement } from './service.ts';
import { getSourceQuality } from './sources.ts';

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
  router.get(
    '/projects/:projectId/agreement/sources',
    handle(
      {
        params: ProjectParams,
        summary: 'Each suggestion source and model judged like an annotator: precision, recall and F1 against gold, and how annotators used its suggestions',
        description:
          'Quality: the suggestions on the gold sentences (not skipped) of the documents with gold that the source suggested for, a suggestion right when its ' +
          'speaker, stance and target are all gold’s (people counted as their state, as the registry gives it; the suggestion bench’s rule), with the units: ' +
          'documents, gold claims, suggestions. The built-in rules are judged on each document as they are served there (learning from the other documents’ gold). ' +
          'Use: of the claims annotators saved from a source (origin, originModel), those equal to a suggestion it makes now (unchanged) or not (edited), ' +
          'and its suggestions on a sentence an annotator labelled that no claim came from (ignored), with counts and shares.',
        access: 'reviewers and admins',
        response: SourceQualityReport,
      },
      ({ params }, { user }) => getSourceQuality(db, user, params.projectId),
    ),
  );
  return router;
}
