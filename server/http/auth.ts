import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { User } from '../../shared/schemas/users.ts';
import type { Db } from '../db/connection.ts';
import { resolveSession, type SessionLimits } from '../session/service.ts';
import { unauthenticated } from './errors.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in user, set by `loadSession` when the cookie names a live session. */
      user?: User;
      /** The raw session token from the cookie, for sign-out. */
      sessionToken?: string;
    }
  }
}

export const SESSION_COOKIE = 'parley_session';

/** Reads the session cookie and sets `req.user`; never rejects (routes decide whether a user is needed). */
export function loadSession(db: Db, limits: SessionLimits): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.cookie;
    const token = header ? parseCookie(header)[SESSION_COOKIE] : undefined;
    if (token) {
      req.sessionToken = token;
      req.user = resolveSession(db, token, limits);
    }
    next();
  };
}

/** The signed-in user, or a 401. */
export function requireUser(req: Request): User {
  if (!req.user) throw unauthenticated();
  return req.user;
}
