// A project's model backend (issue 16, item 5): POSTs one document's sentences, the actor registry and
// the stance labels to the URL an admin set, and stores the claims it answers as that model's
// predictions through storePredictions (the code a predictions import uses), replacing the model's
// earlier predictions for that document. The call is async, so the server answers others while it
// waits; the database work is one synchronous transaction after the answer is in. Whatever the
// backend does wrong (no answer in time, refused, non-2xx, not JSON, not the schema, unknown
// actors or records) becomes a 502/504 saying so, with nothing stored.
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/connection.ts';
import { readTransaction, transaction } from '../db/transaction.ts';
import { AppError, conflict } from '../http/errors.ts';
import { toIssues } from '../http/validate.ts';
import { listActors } from '../actors/repo.ts';
import { findDocument } from '../documents/repo.ts';
import { sentenceRecordId } from '../export/records.ts';
import { offsetConverter } from '../text/offsets.ts';
import { documentFor, type Principal } from '../policy.ts';
import {
  MODEL_BACKEND_PROTOCOL,
  ModelBackendAnswer,
  type ModelBackend,
  type ModelBackendRequest,
  type PredictResult,
} from '../../shared/schemas/modelBackend.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { storePredictions } from './predictions.ts';

/** An answer larger than this is refused unread: a document of 20,000 sentences answers well under it. */
const ANSWER_MAX_BYTES = 32 * 1024 * 1024;
/** How much of a bad answer a message quotes. */
const QUOTE_MAX = 200;

/** What the backend receives for a document: its sentences (code points, export record ids), the registry and the stance labels; never a label. */
export function backendRequest(db: Db, project: Project, documentId: number): ModelBackendRequest {
  const doc = findDocument(db, documentId)!;
  const convert = offsetConverter(doc.text);
  return {
    protocol: MODEL_BACKEND_PROTOCOL,
    project: { id: project.id, name: project.name },
    document: { id: doc.id, title: doc.title, language: doc.language, textSha256: doc.textSha256 },
    sentences: doc.sentences.map((s) => ({
      id: sentenceRecordId(doc.textSha256, s.index),
      index: s.index,
      paragraph: s.paragraph,
      start: convert.toCodePoint(s.start),
      end: convert.toCodePoint(s.end),
      text: doc.text.slice(s.start, s.end),
      boilerplate: s.boilerplate,
    })),
    actors: listActors(db, project.id).map(({ id, name, kind, code, aliases, parentId, status }) => ({ id, name, kind, code, aliases, parentId, status })),
    stanceLabels: project.stanceLabels.map(({ key, name, definition }) => ({ key, name, definition })),
  };
}

const quote = (text: string) => JSON.stringify(text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);

/** Why a fetch failed, in words: undici puts the system error (ECONNREFUSED …) in `cause`. */
function unreachable(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused: is it running?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no such host';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed before it answered';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

const isTimeout = (error: unknown) => error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');

async function readCapped(response: Response, fail: (what: string) => AppError): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > ANSWER_MAX_BYTES) {
      await reader.cancel();
      throw fail(`answered more than ${ANSWER_MAX_BYTES / 1024 / 1024} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** POSTs the request and returns the backend's answer, checked against the schema; every failure is a 502 or 504 in words. */
export async function callBackend(backend: ModelBackend, request: ModelBackendRequest): Promise<ModelBackendAnswer> {
  const where = `The model backend at ${backend.url}`;
  const fail = (what: string, details: Record<string, unknown> = {}) => new AppError('bad_gateway', `${where} ${what}; nothing was stored.`, details);
  const timedOut = () => new AppError('gateway_timeout', `${where} did not answer within ${backend.timeoutSeconds} s; nothing was stored.`);
  let body: string;
  let response: Response;
  try {
    response = await fetch(backend.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'Parley model backend client' },
      body: JSON.stringify(request),
      // A redirect is not followed: the admin names the final URL, and the document goes nowhere else.
      redirect: 'manual',
      signal: AbortSignal.timeout(backend.timeoutSeconds * 1000),
    });
    body = await readCapped(response, fail);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isTimeout(error)) throw timedOut();
    throw fail(`could not be reached (${unreachable(error)})`);
  }
  if (response.status < 200 || response.status > 299) {
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed: set the URL it points to)' : '';
    throw fail(
      `answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${redirect}${body.trim() ? `: ${quote(body.trim())}` : ''}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw fail(`answered something that is not JSON (${response.headers.get('content-type') ?? 'no content type'}): ${quote(body.trim())}`);
  }
  const answer = ModelBackendAnswer.safeParse(json);
  if (!answer.success) {
    const issues = toIssues(answer.error);
    throw fail(`answered JSON that is not a model backend answer ({model, records}): ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  }
  return answer.data;
}

/** Calls in flight, per database and document: a second click while the first waits gets the same answer, not a second call. */
const inFlight = new WeakMap<Db, Map<number, Promise<PredictResult>>>();

/**
 * Asks the project's model backend for a document's claims and stores them as that model's
 * predictions. Any member who may open the document may ask: the backend receives only its text
 * and the registry (annotation stays blind) and only an admin chooses where it goes.
 */
export async function predictDocument(db: Db, who: Principal, documentId: number): Promise<PredictResult> {
  const { project } = documentFor(db, who, documentId);
  const backend = project.modelBackend;
  if (!backend) throw conflict(`Project "${project.name}" has no model backend: an admin sets its URL on the project's Settings page.`);
  let calls = inFlight.get(db);
  if (!calls) inFlight.set(db, (calls = new Map()));
  const running = calls.get(documentId);
  if (running) return running;
  const call = (async () => {
    const started = performance.now();
    // One snapshot: the sentences and the registry as they were together.
    const answer = await callBackend(
      backend,
      readTransaction(db, () => backendRequest(db, project, documentId)),
    );
    const elapsedMs = Math.round(performance.now() - started);
    try {
      const stored = transaction(db, () => {
        const current = documentFor(db, who, documentId).project;
        return storePredictions(db, who, current, answer.model, answer.records, documentId);
      });
      return { documentId, ...stored, elapsedMs };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_error') throw error;
      const first = error.details.issues?.[0];
      throw new AppError(
        'bad_gateway',
        `The model backend at ${backend.url} answered claims Parley cannot store (${answer.model}): ${first ? `${first.path}: ${first.message}` : error.message}; nothing was stored.`,
        { issues: error.details.issues ?? [] },
      );
    }
  })();
  calls.set(documentId, call);
  try {
    return await call;
  } finally {
    calls.delete(documentId);
  }
}
