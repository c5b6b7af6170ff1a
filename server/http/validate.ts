import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { User } from '../../shared/schemas/users.ts';
import { validationError, type Issue } from './errors.ts';
import { requireUser } from './auth.ts';
import { assertWellFormed } from './wellFormed.ts';

interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

/**
 * What a route declares about itself besides its input: the API reference (`GET /api/openapi.json`)
 * is generated from these and the request schemas, so a route is described where it is declared.
 */
export interface RouteDoc {
  /** One line: what the route does. */
  summary: string;
  /** Who may call it, in words ("reviewers and admins"); the service enforces it. */
  access: string;
  /** More detail, when the summary cannot say it. */
  description?: string;
  /** The shape of a successful JSON answer, from shared/schemas. */
  response: z.ZodType;
  /** Routes that can stream JSONL instead: the shape of one line. */
  lines?: z.ZodType;
  /** The status of a successful answer (200 when absent). */
  status?: number;
  /** A request the route makes to another service (an OpenAPI callback), e.g. a project's model backend. */
  callback?: { name: string; url: string; summary: string; request: z.ZodType; answer: z.ZodType };
}

/** A route's request schemas and its documentation, as `handle()` received them. */
export type RouteSpec = RequestSchemas & RouteDoc & { public: boolean };

// Keyed by any object so that routeSpecOf can look up whatever a router layer holds.
const specs = new WeakMap<object, RouteSpec>();

/** The spec of a handler made by `handle()` or `handlePublic()`; undefined for any other middleware. */
export function routeSpecOf(handler: unknown): RouteSpec | undefined {
  return typeof handler === 'function' ? specs.get(handler) : undefined;
}

type Parsed<S extends RequestSchemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

export interface HandlerContext {
  user: User;
  req: Request;
  res: Response;
}

/** Turns zod issues into `{ path, message }` pairs a person can read ("claims.0.stance: …"); `whole` names the part itself (an unknown key). */
export function toIssues(error: z.ZodError, whole = '(body)'): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || whole,
    message: issue.message,
  }));
}

function parsePart<T extends z.ZodType>(schema: T, value: unknown, part: 'path' | 'query' | 'body'): z.output<T> {
  // Before the schema: a lone surrogate or a NUL anywhere is refused with its path (issue 12, item 5).
  // In a query too: PostgreSQL cannot hold a NUL, and a search for one reached it as the engine's error.
  assertWellFormed(value, part);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error, `(${part})`);
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  throw validationError(`Invalid request ${part}: ${summary}`, issues);
}

function parseInput<S extends RequestSchemas>(schemas: S, req: Request): Parsed<S> {
  const input: Record<string, unknown> = {};
  if (schemas.params) input.params = parsePart(schemas.params, req.params, 'path');
  if (schemas.query) input.query = parsePart(schemas.query, req.query, 'query');
  if (schemas.body) input.body = parsePart(schemas.body, req.body, 'body');
  return input as Parsed<S>;
}

/**
 * The one validation step (STYLE.md §1): parses params, query and body with the shared zod
 * schemas, then calls the handler with typed input and the signed-in user, and sends its result
 * as JSON. Express 5 forwards a thrown error or rejected promise to the error handler.
 */
export function handle<S extends RequestSchemas>(schemas: S & RouteDoc, handler: (input: Parsed<S>, context: HandlerContext) => unknown): RequestHandler {
  const route: RequestHandler = async (req, res) => {
    const user = requireUser(req);
    const result = await handler(parseInput(schemas, req), { user, req, res });
    if (!res.headersSent) res.status(schemas.status ?? 200).json(result);
  };
  specs.set(route, { ...schemas, public: false });
  return route;
}

/** Like `handle`, for the few routes open without a session (health, sign-in). */
export function handlePublic<S extends RequestSchemas>(
  schemas: S & RouteDoc,
  handler: (input: Parsed<S>, context: { req: Request; res: Response }) => unknown,
): RequestHandler {
  const route: RequestHandler = async (req, res) => {
    const result = await handler(parseInput(schemas, req), { req, res });
    if (!res.headersSent) res.status(schemas.status ?? 200).json(result);
  };
  specs.set(route, { ...schemas, public: true });
  return route;
}
