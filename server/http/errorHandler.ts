import type { ErrorRequestHandler } from 'express';
import { classifyDriverError } from '../db/driverErrors.ts';
import { z } from 'zod';
import { AppError } from './errors.ts';

/** A field read off a thrown value only when it has the expected type. */
const field = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The fields body-parser, zlib and the router set on their errors, read from whatever was thrown. */
const HttpLikeError = z.object({
  type: field(z.string()),
  status: field(z.number()),
  statusCode: field(z.number()),
  message: field(z.string()),
  code: field(z.string()),
  /** body-parser's limit in bytes, on `entity.too.large`. */
  limit: field(z.number()),
  /** zlib's error number, on a body that does not decompress. */
  errno: field(z.number()),
  /** The text body-parser could not parse, on `entity.parse.failed`. */
  body: field(z.string()),
  /** The Content-Encoding body-parser could not undo, on `encoding.unsupported`. */
  encoding: z.unknown().optional(),
});
type HttpLikeError = z.infer<typeof HttpLikeError>;

function httpLike(error: unknown): HttpLikeError {
  const parsed = HttpLikeError.safeParse(error);
  return parsed.success ? parsed.data : {};
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Maps body-parser's errors (malformed JSON, too large, bad charset) to Parley's codes. */
function fromBodyParser(error: HttpLikeError): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed': {
      // Valid JSON that is not an object or array (`null`, `5`, `"x"`) fails body-parser's strict
      // mode with JSON.parse's message for the text, which says that it "is not valid JSON".
      const start = error.body?.trimStart()[0];
      if (start !== undefined && start !== '{' && start !== '[' && isJson(error.body!)) {
        return new AppError('validation_error', 'The request body must be a JSON object (or array), not a single value.');
      }
      return new AppError('validation_error', `Malformed JSON in request body: ${error.message ?? 'cannot parse'}`);
    }
    case 'entity.too.large':
      return new AppError(
        'payload_too_large',
        typeof error.limit === 'number' ? `Request body is too large: the limit for this request is ${megabytes(error.limit)}.` : 'Request body is too large.',
      );
    case 'encoding.unsupported':
      // A Content-Encoding the parser cannot undo is a malformed request, not a media type: 400.
      return new AppError(
        'validation_error',
        `Unsupported Content-Encoding${typeof error.encoding === 'string' ? ` "${error.encoding.slice(0, 100)}"` : ''}: send the body uncompressed or as gzip, deflate or br.`,
      );
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'Request body must be UTF-8 encoded JSON.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('validation_error', 'The request body was incomplete or inconsistent with its headers.');
    default:
      return fromDecompression(error);
  }
}

/**
 * A body that does not decompress (garbled or truncated gzip, deflate or br): body-parser passes on
 * zlib's error, which has no type, with status 400. Without this it would be a 500.
 */
function fromDecompression(error: HttpLikeError): AppError | undefined {
  // zlib's errors carry an errno (codes differ: Z_DATA_ERROR, Z_BUF_ERROR, ERR__ERROR_FORMAT_PADDING_2, ...).
  if (error.type !== undefined || error.status !== 400 || typeof error.errno !== 'number') return undefined;
  return new AppError(
    'validation_error',
    `The request body could not be decompressed as its Content-Encoding says (${error.message ?? 'corrupt data'}); nothing was changed.`,
  );
}

/** A path parameter that is not valid percent-encoding (`/api/projects/%E0%A4%A`): the router cannot decode it. */
function fromRouter(error: unknown): AppError | undefined {
  if (!(error instanceof URIError)) return undefined;
  return new AppError('validation_error', `Malformed URL: ${error.message}.`);
}

/** How long a client should wait before retrying a write the database was too busy to take. */
const BUSY_RETRY_SECONDS = 1;

/**
 * SQLite constraint failures that slipped past the services' checks become 409/400, in this one
 * place. A write that waited the whole busy timeout for another connection's write lock (a long CLI
 * import in another process, or the checkpoint thread held up by a reader in another process)
 * becomes 503: nothing was written, and the same request will work again later.
 */
function fromSqlite(error: unknown): AppError | undefined {
  switch (classifyDriverError(error)) {
    case 'busy':
      return new AppError(
        'busy',
        'The database is busy with another write (another process, such as an import, holds it); nothing was changed. Try again in a moment.',
        {
          retryAfterSeconds: BUSY_RETRY_SECONDS,
        },
      );
    case 'duplicate':
      return new AppError('conflict', 'That would duplicate something that already exists.');
    case 'dangling_reference':
      return new AppError('conflict', 'That refers to something that does not exist, or is still in use.');
    case 'rule_broken':
      return new AppError('validation_error', 'The request breaks a rule of the data model.');
    case undefined:
      return undefined;
  }
}

/** The one error handler: every error leaves as `{ error: { code, message, issues? } }`. */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const known = error instanceof AppError ? error : (fromBodyParser(httpLike(error)) ?? fromRouter(error) ?? fromSqlite(error));
    if (known) {
      // Lock contention is the operator's business: it means another process keeps the database busy.
      if (known.code === 'busy') log('Database busy (503)', error);
      // A 429 or 503 says when to come back, in the header clients and proxies understand as well as in the body.
      if (typeof known.details.retryAfterSeconds === 'number') {
        res.set('Retry-After', String(known.details.retryAfterSeconds));
      }
      res.status(known.status).json({ error: { code: known.code, message: known.message, ...known.details } });
      return;
    }
    log('Unhandled error', error);
    res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on the server; it has been logged.' } });
  };
}
