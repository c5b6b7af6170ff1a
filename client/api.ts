import type { z } from 'zod';
import { ErrorBody, type ErrorCode, type RequestMethod } from '../shared/schemas/common.ts';

/** An error response from the API, with the server's stable code and its message in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error' | 'bad_response',
    message: string,
    /** The whole error object, e.g. `current` on a 409. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Throws the API's error for a failed response, in words. */
async function failure(response: Response): Promise<never> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, ...rest } = parsed.data.error;
    throw new ApiError(response.status, code, message, rest);
  }
  throw new ApiError(response.status, 'bad_response', `The server answered ${response.status} ${response.statusText}.`);
}

interface RequestOptions {
  method?: RequestMethod;
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the API and parses the response with the shared schema: the client trusts no shape it has not checked. */
export async function api<T extends z.ZodType>(path: string, schema: T, options: RequestOptions = {}): Promise<z.output<T>> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers: options.body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Cannot reach the Parley server. Check your connection; changes will be retried.');
  }
  if (!response.ok) return failure(response);
  // A page left while the body arrives aborts the read: that is no malformed answer.
  const json: unknown = await response.json().catch((error: unknown) => {
    if (options.signal?.aborted) throw error;
    return undefined;
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error('Unexpected response shape', path, parsed.error);
    throw new ApiError(response.status, 'bad_response', 'The server sent a response this page does not understand. Reload the page.');
  }
  return parsed.data;
}

/** A message for any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** A GET whose answer is text (JSONL exports), with the same error handling as `api`. */
export async function apiText(path: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { credentials: 'same-origin', signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Cannot reach the Parley server.');
  }
  if (!response.ok) return failure(response);
  return response.text();
}
