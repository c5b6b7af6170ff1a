import type { RequestHandler } from 'express';
import { forbidden } from './errors.ts';
import { STATE_CHANGING_METHODS } from '../../shared/schemas/common.ts';

const STATE_CHANGING: ReadonlySet<string> = new Set(STATE_CHANGING_METHODS);

/**
 * Refuses state-changing requests whose `Origin` names another site (a second layer under the
 * SameSite=Lax cookie and the JSON content type against cross-site request forgery). Requests
 * without `Origin` (curl, the CLI, old browsers on same-origin requests) pass: the header is
 * checked when sent. `req.host` honours X-Forwarded-Host only when trust proxy is set.
 */
export const sameOrigin: RequestHandler = (req, _res, next) => {
  const origin = req.headers.origin;
  if (!STATE_CHANGING.has(req.method) || origin === undefined) return next();
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, file: pages) and garbage are not our origin either.
    originHost = undefined;
  }
  const host = req.host;
  if (!originHost || !host || originHost.toLowerCase() !== host.toLowerCase()) {
    return next(forbidden('cross-origin request refused'));
  }
  next();
};
