import { z } from 'zod';

/** A row id as it travels in JSON bodies and responses. */
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export type Id = z.infer<typeof Id>;

/** A row id in a URL path segment: digits only, so "12abc" or "-1" are rejected, not coerced. */
export const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
  .transform(Number);

/** A character range in a document's text (JavaScript string offsets, end exclusive). */
export const Span = z
  .strictObject({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
  })
  .refine((span) => span.end > span.start, { message: 'end must be greater than start' });
export type Span = z.infer<typeof Span>;

/** A query flag, `0` or `1` in the URL, parsed to a boolean so routes never compare strings. */
export const QueryFlag = z.enum(['0', '1']).transform((value) => value === '1');

/** A date (2024-02-05) or ISO date-time's shape; its groups are the parts isRealDate checks (year, month, day, hour, minute, second, offset hours and minutes). */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * A date (2024-02-05) or ISO date-time in the shape of ISO_DATE that names a real moment: a month
 * of 1-12, a day that month has (2024-02-29, never 2026-02-30), hours 00-23, minutes and seconds
 * 00-59, an offset of at most 23:59. The one rule for a published date, at every import, and for
 * the list's date filters.
 */
export function isRealDate(value: string): boolean {
  const parts = ISO_DATE.exec(value);
  if (!parts) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = parts
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month! - 1] ?? 0;
  return (
    month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59
  );
}

/** A published date or a date filter: ISO_DATE's shape and a real moment (isRealDate). */
export const IsoDate = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .regex(ISO_DATE, 'must be a date like 2024-02-05 or an ISO date-time')
  .refine(isRealDate, { message: 'is not a real date (a month has 28-31 days, a day 24 hours)' });

/** Error codes shared by server and client (STYLE.md §6). */
export const ErrorCode = z.enum([
  'validation_error',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal_error',
  'busy',
  /** A service Parley called for the request (a project's model backend) failed or answered nonsense. */
  'bad_gateway',
  /** … or did not answer in time. */
  'gateway_timeout',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Methods that change state: their bodies must be JSON and their `Origin` this server (server/http/origin.ts). */
export const STATE_CHANGING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** The HTTP methods of Parley's API. */
export type RequestMethod = 'GET' | (typeof STATE_CHANGING_METHODS)[number];

/** One problem of a refused request: where (a dotted field path, e.g. `claims.0.stance`) and what. */
export const Issue = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof Issue>;

/** The body of every error response. */
export const ErrorBody = z.object({
  error: z.looseObject({
    code: ErrorCode,
    message: z.string(),
    issues: z.array(Issue).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const OkBody = z.object({ ok: z.literal(true) });
