import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { DocumentParams } from '../../shared/schemas/documents.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';
import { getSuggestions } from './service.ts';

export function suggestionsRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/documents/:documentId/suggestions',
    handle(
      {
        params: DocumentParams,
        summary: 'Suggested claims for every sentence of a document (the built-in rules), each ready to save with its origin',
        description:
          'Never derived from anyone’s labels (annotation is blind): only the document’s text, the actor registry and the stance labels. ' +
          'Each suggestion names its source and model; a claim saved from it keeps them as origin, originModel and originScore.',
        access: 'project members',
        response: SuggestionList,
      },
      ({ params }, { user }) => ({ suggestions: getSuggestions(db, user, params.documentId) }),
    ),
  );
  return router;
}
