import { z } from 'zod';
import { Id } from './common.ts';
import { ActorKind, ActorStatus } from './actors.ts';
import { OriginModel } from './annotations.ts';
import { PREDICTION_RECORDS_MAX, PredictionRecord } from './predictions.ts';

// A model backend (issue 16, item 5; what Label Studio calls an ML backend): an HTTP service a
// project's admin names by URL. Parley POSTs it one document — its sentences with their export
// record ids and the project's actor registry and stance labels, never anyone's labels, so blind
// annotation holds — and stores the claims it answers as that model's predictions, exactly as
// POST /api/projects/:projectId/predictions would. Limits are declared here, beside the schema.

export const MODEL_BACKEND_URL_MAX = 2000;
export const MODEL_BACKEND_TIMEOUT_MIN = 1;
export const MODEL_BACKEND_TIMEOUT_MAX = 600;
export const MODEL_BACKEND_TIMEOUT_DEFAULT = 30;
/** The version of the protocol, sent in every request so a backend can refuse one it does not speak. */
export const MODEL_BACKEND_PROTOCOL = 'parley-model-backend/1';

/**
 * Where the backend listens: http or https only. No user name or password in it: every project
 * member can read the project's settings, so the URL must hold no secret.
 */
export const ModelBackendUrl = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MODEL_BACKEND_URL_MAX)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a URL like http://localhost:9090/predict' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must start with http:// or https://' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not hold a user name or password (every member can read it)' });
  });

export const ModelBackendTimeout = z.number().int().min(MODEL_BACKEND_TIMEOUT_MIN).max(MODEL_BACKEND_TIMEOUT_MAX);

/** A project's model backend setting; null on the project when it has none. */
export const ModelBackend = z.strictObject({
  url: ModelBackendUrl,
  /** Seconds Parley waits for the whole answer before giving up (504). */
  timeoutSeconds: ModelBackendTimeout.default(MODEL_BACKEND_TIMEOUT_DEFAULT),
});
export type ModelBackend = z.infer<typeof ModelBackend>;

/** One sentence as the backend receives it; `start` and `end` count code points of the document text, as in the export. */
export const ModelBackendSentence = z.object({
  /** Its export record id: answer with it. */
  id: z.string(),
  index: z.number().int(),
  paragraph: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  /** Datelines, bylines and the like: usually nothing to claim. */
  boilerplate: z.boolean(),
});

/** What Parley POSTs to the backend (Content-Type application/json). */
export const ModelBackendRequest = z.object({
  protocol: z.literal(MODEL_BACKEND_PROTOCOL),
  project: z.object({ id: Id, name: z.string() }),
  document: z.object({ id: Id, title: z.string(), language: z.string().nullable(), textSha256: z.string() }),
  sentences: z.array(ModelBackendSentence),
  actors: z.array(
    z.object({
      id: Id,
      name: z.string(),
      kind: ActorKind,
      code: z.string().nullable(),
      aliases: z.array(z.string()),
      parentId: Id.nullable(),
      status: ActorStatus,
    }),
  ),
  stanceLabels: z.array(z.object({ key: z.string(), name: z.string(), definition: z.string() })),
});
export type ModelBackendRequest = z.infer<typeof ModelBackendRequest>;

/**
 * What the backend must answer (HTTP 2xx, a JSON body): the model's name and version, and claims by
 * record id, in the shape of a predictions import. Sentences it leaves out get no prediction of
 * that model; every record must be a sentence of the document sent.
 */
export const ModelBackendAnswer = z.strictObject({
  model: OriginModel,
  records: z.array(PredictionRecord).max(PREDICTION_RECORDS_MAX),
});
export type ModelBackendAnswer = z.infer<typeof ModelBackendAnswer>;

/** `POST /api/documents/:documentId/predict`: what was stored, for the workspace's message. */
export const PredictResult = z.object({
  documentId: Id,
  model: z.string(),
  /** Sentences and claims of the model stored for this document now. */
  records: z.number().int(),
  claims: z.number().int(),
  /** The model's earlier claims for this document that these replaced. */
  replaced: z.number().int(),
  /** How long the backend took to answer, in milliseconds. */
  elapsedMs: z.number().int(),
});
export type PredictResult = z.infer<typeof PredictResult>;
