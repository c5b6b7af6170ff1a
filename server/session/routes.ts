import { Router, type Response } from 'express';
import type { Db } from '../db/connection.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import { handle, handlePublic } from '../http/validate.ts';
import { SessionResponse, SignInBody, type RequestLimits } from '../../shared/schemas/session.ts';
import { OkBody } from '../../shared/schemas/common.ts';
import { signIn, signOut, type SessionLimits } from './service.ts';
import type { SignInThrottle } from './throttle.ts';

function setSessionCookie(res: Response, token: string, limits: SessionLimits, secure: boolean) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: limits.absoluteMs,
  });
}

/** Sign-in, current user (with the server's request limits, for the client to check before sending), sign-out. */
export function sessionRoutes(db: Db, limits: SessionLimits, throttle: SignInThrottle, requestLimits: RequestLimits): Router {
  const router = Router();

  router.post(
    '/session',
    handlePublic(
      { body: SignInBody, summary: 'Sign in: sets the session cookie; answers the user and the request limits', access: 'anyone', response: SessionResponse },
      async ({ body }, { req, res }) => {
        const { token, user } = await signIn(db, body, limits, { throttle, address: req.ip ?? 'unknown' });
        setSessionCookie(res, token, limits, req.secure);
        return { user, limits: requestLimits };
      },
    ),
  );

  router.get(
    '/session',
    handle(
      { summary: 'The signed-in user and the request limits (uploadBytes: PARLEY_UPLOAD_MB in bytes)', access: 'signed in', response: SessionResponse },
      (_input, { user }) => ({ user, limits: requestLimits }),
    ),
  );

  router.delete(
    '/session',
    handle({ summary: 'Sign out', access: 'signed in', response: OkBody }, (_input, { user, req, res }) => {
      if (req.sessionToken) signOut(db, user, req.sessionToken);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    }),
  );

  return router;
}
