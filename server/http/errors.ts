import type { ErrorCode, Issue } from '../../shared/schemas/common.ts';

export type { Issue } from '../../shared/schemas/common.ts';

const STATUS: Record<ErrorCode, number> = {
  validation_error: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal_error: 500,
  busy: 503,
  bad_gateway: 502,
  gateway_timeout: 504,
};

/** An error the client is meant to see: a stable code, an HTTP status and a message in words. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the error body, e.g. the current version on a conflict. */
    readonly details: { issues?: Issue[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const validationError = (message: string, issues?: Issue[]) => new AppError('validation_error', message, issues ? { issues } : {});
export const unauthenticated = (message = 'Sign in first.') => new AppError('unauthenticated', message);
export const forbidden = (message = 'You do not have permission to do that.') => new AppError('forbidden', message);
export const notFound = (what: string, id?: number | string) => new AppError('not_found', id === undefined ? `${what} not found.` : `${what} ${id} not found.`);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new AppError('conflict', message, details);
