import type { Router } from 'express';
import { z } from 'zod';
import { ErrorBody } from '../../shared/schemas/common.ts';
import { HttpMethod, JsonSchema, type ApiOperation, type ApiParameter, type OpenApiDocument } from '../../shared/schemas/openapi.ts';
import { TOOL_VERSION } from '../export/records.ts';
import { SESSION_COOKIE } from './auth.ts';
import { routeSpecOf, type RouteSpec } from './validate.ts';

// The API described once (issue 13, item 9): the document is generated from the routes the router
// holds and the zod schemas their handle() calls declare, so it cannot list a route that does not
// exist, and a route declared without its description does not compile.

type Layer = {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: unknown }[] };
  handle?: { stack?: Layer[] };
};

/** One declared route with its spec. */
export interface DeclaredRoute {
  method: HttpMethod;
  /** The Express path below the router, e.g. `/projects/:projectId`. */
  path: string;
  spec: RouteSpec;
}

/** Every route of the router (nested routers included) whose handler was made by handle() or handlePublic(). */
export function declaredRoutes(router: Router): DeclaredRoute[] {
  const found: DeclaredRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const spec = layer.route.stack.map((inner) => routeSpecOf(inner.handle)).find((candidate) => candidate !== undefined);
        if (!spec) continue; // e.g. the import route's own body parser; its handler is declared elsewhere
        for (const method of Object.keys(layer.route.methods)) {
          found.push({ method: HttpMethod.parse(method), path: layer.route.path, spec });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return found;
}

/** A zod schema as JSON Schema 2020-12, without `$schema` (the document's dialect is OpenAPI 3.1's). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

/** `/projects/:projectId` → `/projects/{projectId}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): ApiParameter[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = z.record(z.string(), JsonSchema).catch({}).parse(object.properties);
  const required = new Set(z.array(z.string()).catch([]).parse(object.required));
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const operationId = (method: string, path: string) =>
  method +
  path
    .split(/[/{}.\-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

/** A route's outbound request as an OpenAPI callback: what the service receives and must answer. */
function callbackOf(callback: NonNullable<RouteSpec['callback']>): NonNullable<ApiOperation['callbacks']> {
  return {
    [callback.name]: {
      [callback.url]: {
        post: {
          summary: callback.summary,
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(callback.request, 'output') } } },
          responses: {
            '200': { description: 'The answer (any 2xx status)', content: { 'application/json': { schema: jsonSchema(callback.answer, 'input') } } },
          },
        },
      },
    },
  };
}

function operation(route: DeclaredRoute, prefix: string, errorSchema: JsonSchema): ApiOperation {
  const { spec } = route;
  const success: ApiOperation['responses'][string] = {
    description: spec.lines ? 'JSON as below, or (streamed) one JSON object per line' : 'Success',
    content: {
      'application/json': { schema: jsonSchema(spec.response, 'output') },
      ...(spec.lines ? { 'application/x-ndjson': { schema: jsonSchema(spec.lines, 'output') } } : {}),
    },
  };
  const errors = { content: { 'application/json': { schema: errorSchema } } };
  return {
    operationId: operationId(route.method, `${prefix}${route.path}`),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    'x-access': spec.access,
    security: spec.public ? [] : [{ session: [] }],
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
    ...(spec.callback ? { callbacks: callbackOf(spec.callback) } : {}),
    responses: {
      [String(spec.status ?? 200)]: success,
      '4XX': {
        description: 'Refused: {error: {code, message, issues?}} with a stable code (validation_error, unauthenticated, forbidden, not_found, conflict, …)',
        ...errors,
      },
      '5XX': {
        description:
          'internal_error, or busy (503 with Retry-After) when the database stayed locked' +
          (spec.callback ? '; bad_gateway (502) or gateway_timeout (504) when the service called failed, answered nonsense or not in time' : ''),
        ...errors,
      },
    },
  };
}

/** The OpenAPI 3.1 document of every declared route of `router`, mounted at `prefix` (e.g. `/api`). */
export function openApiDocument(router: Router, prefix: string): OpenApiDocument {
  const errorSchema = jsonSchema(ErrorBody, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const route of declaredRoutes(router)) {
    const path = `${prefix}${openApiPath(route.path)}`;
    const item = (paths[path] ??= {});
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${path} is declared twice.`);
    item[route.method] = operation(route, prefix, errorSchema);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version: TOOL_VERSION.replace(/^parley /, ''),
      description:
        'JSON over HTTP with a session cookie (POST /api/session). Request bodies must be JSON (Content-Type: application/json); ' +
        'state-changing requests from another origin are refused. Errors are {error: {code, message}}; a validation error lists issues.',
    },
    paths,
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
  };
}
