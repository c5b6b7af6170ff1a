import { z } from 'zod';

// The part of an OpenAPI 3.1 document that Parley's generator writes (server/http/openapi.ts) and
// its reference page reads (client/api/ApiReferencePage.tsx).

/** A JSON Schema (2020-12), as generated from a zod schema. */
export const JsonSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchema>;

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export const HttpMethod = z.enum(HTTP_METHODS);
export type HttpMethod = z.infer<typeof HttpMethod>;

export const ApiParameter = z.object({
  name: z.string(),
  in: z.enum(['path', 'query']),
  required: z.boolean(),
  description: z.string().optional(),
  schema: JsonSchema,
});
export type ApiParameter = z.infer<typeof ApiParameter>;

export const ApiMediaType = z.object({ schema: JsonSchema });

export const ApiResponse = z.object({
  description: z.string(),
  content: z.record(z.string(), ApiMediaType).optional(),
});
export type ApiResponse = z.infer<typeof ApiResponse>;

export const ApiOperation = z.object({
  operationId: z.string(),
  summary: z.string(),
  description: z.string().optional(),
  /** Who may call the route, in words; the server's policy enforces it. */
  'x-access': z.string(),
  /** `[]` for the routes open without a session, otherwise the session cookie. */
  security: z.array(z.record(z.string(), z.array(z.string()))),
  parameters: z.array(ApiParameter),
  requestBody: z.object({ required: z.boolean(), content: z.record(z.string(), ApiMediaType) }).optional(),
  responses: z.record(z.string(), ApiResponse),
  /** Requests the server makes while handling this one (OpenAPI callbacks): name → URL expression → method → operation. */
  callbacks: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))).optional(),
});
export type ApiOperation = z.infer<typeof ApiOperation>;

export const OpenApiDocument = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  paths: z.record(z.string(), z.partialRecord(HttpMethod, ApiOperation)),
  components: z.object({
    securitySchemes: z.record(z.string(), z.object({ type: z.literal('apiKey'), in: z.literal('cookie'), name: z.string() })),
  }),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;
