import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { DocumentParams } from '../../shared/schemas/documents.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';
import { ImportPredictionsBody, ImportPredictionsResult } from '../../shared/schemas/predictions.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { importPredictions } from './predictions.ts';
import { getSuggestions } from './service.ts';
import { predictDocument } from './modelBackend.ts';
import { ModelBackendAnswer, ModelBackendRequest, PredictResult } from '../../shared/schemas/modelBackend.ts';
import { MODEL_BACKEND_DESCRIPTION } from './modelBackendDoc.ts';

export function suggestionsRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/documents/:documentId/suggestions',
    handle(
      {
        params: DocumentParams,
        summary: 'Suggested claims for every sentence of a document (the built-in rules), each ready to save with its origin',
        description:
          'Never derived from anyone’s labels of this document (annotation is blind): the document’s text, the actor registry, the stance labels and, for the built-in rules, ' +
          'what they learned from the adjudicated gold of the project’s other documents (a suggestion resting on such a lesson says so in its reason). ' +
          'Each suggestion names its source and model; a claim saved from it keeps them as origin, originModel and originScore.',
        access: 'project members',
        response: SuggestionList,
      },
      ({ params }, { user }) => ({ suggestions: getSuggestions(db, user, params.documentId) }),
    ),
  );
  router.post(
    '/projects/:projectId/predictions',
    handle(
      {
        params: ProjectParams,
        body: ImportPredictionsBody,
        summary:
          "Import a model's predicted claims by export record id; they replace the model's earlier predictions and are served as suggestions of source model",
        description:
          'records: [{id: export record id, claims: [{speaker, stance, target, cue?, negated?, hypothetical?, score?}]}], a side being {actorId}, ' +
          '{actor: name, alias or code} or {span} (Unicode code points, as in the export). Any bad record or unknown actor refuses the whole import (400, one issue each).',
        access: 'admins',
        response: ImportPredictionsResult,
      },
      ({ params, body }, { user }) => importPredictions(db, user, params.projectId, body),
    ),
  );
  router.post(
    '/documents/:documentId/predict',
    handle(
      {
        params: DocumentParams,
        summary:
          "Ask the project's model backend for the document's claims; stored as that model's predictions (replacing its earlier ones for the document) and served as suggestions",
        description: MODEL_BACKEND_DESCRIPTION,
        access: 'project members (the backend gets no labels; only admins set its URL)',
        response: PredictResult,
        callback: {
          name: 'modelBackend',
          url: "{the project's modelBackend.url}",
          summary: 'What the model backend receives (one document, the actor registry, the stance labels; never a label) and must answer',
          request: ModelBackendRequest,
          answer: ModelBackendAnswer,
        },
      },
      ({ params }, { user }) => predictDocument(db, user, params.documentId),
    ),
  );
  return router;
}
