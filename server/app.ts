import express, { Router, type RequestHandler } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db/connection.ts';
import { loadSession } from './http/auth.ts';
import { errorHandler } from './http/errorHandler.ts';
import { AppError, notFound, unauthenticated } from './http/errors.ts';
import { DEFAULT_SESSION_LIMITS, purgeEndedSessions, SESSION_PURGE_INTERVAL_MS, type SessionLimits } from './session/service.ts';
import { sessionRoutes } from './session/routes.ts';
import { uploadBytesOf, type RequestLimits } from '../shared/schemas/session.ts';
import { projectsRoutes } from './projects/routes.ts';
import { actorsRoutes } from './actors/routes.ts';
import { documentsRoutes } from './documents/routes.ts';
import { annotationsRoutes } from './annotations/routes.ts';
import { inlineLabelWriter, type LabelWriter } from './labelWrites.ts';
import { usersRoutes } from './users/routes.ts';
import { sameOrigin } from './http/origin.ts';
import { requireUtf8 } from './http/wellFormed.ts';
import { DEFAULT_THROTTLE_LIMITS, SignInThrottle, type ThrottleLimits } from './session/throttle.ts';
import { assignmentsRoutes } from './assignments/routes.ts';
import { HOLD_RELEASE_INTERVAL_MS, releaseExpiredHolds } from './assignments/service.ts';
import { agreementRoutes } from './agreement/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { exportRoutes } from './export/routes.ts';
import { suggestionsRoutes } from './suggestions/routes.ts';
import { handle, handlePublic } from './http/validate.ts';
import { openApiDocument } from './http/openapi.ts';
import { OkBody, STATE_CHANGING_METHODS } from '../shared/schemas/common.ts';
import { OpenApiDocument } from '../shared/schemas/openapi.ts';

export interface AppOptions {
  db: Db;
  /** The built client (client/dist); when absent only the API is served. */
  clientDir?: string;
  sessionLimits?: SessionLimits;
  /** How often sessions past their limits are deleted (they are refused on use anyway). */
  sessionPurgeIntervalMs?: number;
  /** Failed sign-ins tolerated per username and per address; counted in memory per app. */
  signInThrottle?: ThrottleLimits;
  /** Body limit of file imports (POST /api/projects/:projectId/imports), in MB (PARLEY_UPLOAD_MB). */
  uploadLimitMb?: number;
  /** Express's trust proxy setting (PARLEY_TRUST_PROXY): behind a reverse proxy, the client address comes from X-Forwarded-For. */
  trustProxy?: boolean | number | string;
  log?: (message: string, error: unknown) => void;
  /** Where label saves run (labelWrites.ts): on `db` itself unless given (a PostgreSQL process's write threads). */
  labelWriter?: LabelWriter;
}

/** JSON bodies up to 5 MB: a large article import fits, a runaway client does not. */
export const JSON_LIMIT = '5mb';

/** File imports may be larger than other bodies; PARLEY_UPLOAD_MB overrides this default. */
export const DEFAULT_UPLOAD_LIMIT_MB = 10;

// State-changing requests must be JSON: an HTML form (which cannot send JSON) cannot forge them.
const STATE_CHANGING: ReadonlySet<string> = new Set(STATE_CHANGING_METHODS);
const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined;
  if (STATE_CHANGING.has(req.method) && hasBody && !req.is('application/json')) {
    return next(new AppError('unsupported_media_type', 'Request body must be JSON (Content-Type: application/json).'));
  }
  next();
};

/** Builds the Express app. No global state: tests build one per database. */
export function createApp({
  db,
  clientDir,
  sessionLimits = DEFAULT_SESSION_LIMITS,
  sessionPurgeIntervalMs = SESSION_PURGE_INTERVAL_MS,
  signInThrottle = DEFAULT_THROTTLE_LIMITS,
  uploadLimitMb = DEFAULT_UPLOAD_LIMIT_MB,
  trustProxy = false,
  log = console.error,
  labelWriter = inlineLabelWriter(db),
}: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  // API responses are built fresh for every request; a weak ETag would hash every body (2–3 ms for a
  // 2,000-sentence document) to spare bandwidth on loopback or LAN. Static files keep their own ETags.
  app.set('etag', false);
  app.set('trust proxy', trustProxy);
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );

  // Ended sessions are refused when used, but one never used again would stay in the table forever.
  // The timer does not keep the process alive and stops once the database is closed.
  const purge = setInterval(() => {
    if (!db.open) return clearInterval(purge);
    try {
      purgeEndedSessions(db, sessionLimits);
    } catch (error) {
      log('Purging ended sessions failed', error);
    }
  }, sessionPurgeIntervalMs);
  purge.unref();
  // Reading a queue never writes: it leaves expired holds out, and this timer (or the next write) releases them.
  const release = setInterval(() => {
    if (!db.open) return clearInterval(release);
    try {
      releaseExpiredHolds(db);
    } catch (error) {
      log('Releasing expired holds failed', error);
    }
  }, HOLD_RELEASE_INTERVAL_MS);
  release.unref();

  // One figure for the body parser and for the client, which refuses a larger file before sending it.
  const requestLimits: RequestLimits = { uploadBytes: uploadBytesOf(uploadLimitMb) };
  const api = Router();
  api.get(
    '/health',
    handlePublic({ summary: 'Whether the server answers', access: 'anyone', response: OkBody }, () => ({ ok: true })),
  );
  api.use(sameOrigin);
  api.use(requireJson);
  // The session is known before any body is read: only a signed-in user gets the larger import limit.
  api.use(loadSession(db, sessionLimits));
  // The import route parses its own, larger body first; the general parser then skips a parsed body.
  api.post(
    '/projects/:projectId/imports',
    (req, _res, next) => next(req.user ? undefined : unauthenticated()),
    express.json({ limit: requestLimits.uploadBytes, strict: true, verify: requireUtf8 }),
  );
  api.use(express.json({ limit: JSON_LIMIT, strict: true, verify: requireUtf8 }));
  api.use(sessionRoutes(db, sessionLimits, new SignInThrottle(signInThrottle, db), requestLimits));
  api.use(usersRoutes(db));
  api.use(projectsRoutes(db));
  api.use(actorsRoutes(db));
  api.use(documentsRoutes(db));
  api.use(annotationsRoutes(db, labelWriter));
  api.use(assignmentsRoutes(db));
  api.use(agreementRoutes(db));
  api.use(reviewRoutes(db, labelWriter));
  api.use(exportRoutes(db));
  api.use(suggestionsRoutes(db));
  // Generated from the routes above (and itself) on first request, once the router is complete.
  let reference: OpenApiDocument | undefined;
  api.get(
    '/openapi.json',
    handle(
      { summary: 'This API described as OpenAPI 3.1, generated from the routes and their zod schemas', access: 'signed in', response: OpenApiDocument },
      () => (reference ??= openApiDocument(api, '/api')),
    ),
  );
  api.use((req, _res, next) => next(notFound(`No API route ${req.method} ${req.path}`)));
  api.use(errorHandler(log));
  app.use('/api', api);

  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    // The build emits no source maps (vite.config.ts); one left in the folder by another build is not
    // served either, nor answered with the app shell below.
    // The static handler decodes the path first (`.ma%70` is `.map`), so the check reads it decoded too.
    app.use((req, _res, next) => next(isSourceMapPath(req.path) ? notFound(`No file ${req.path}`) : undefined));
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Deep links (/projects/1/documents/2) are client routes: serve the app shell for them.
    app.get('/{*splat}', (_req, res) => {
      res.sendFile(join(clientDir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } });
    });
  }
  app.use(errorHandler(log));
  return app;
}

/** A request for a source map, however its path is spelled (percent-encoded, any case). */
function isSourceMapPath(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not valid percent-encoding: the static handler refuses it as well.
  }
  return decoded.toLowerCase().endsWith('.map');
}
