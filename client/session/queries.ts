import { queryOptions } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { SessionResponse } from '../../shared/schemas/session.ts';

export const sessionKeys = { all: ['session'] as const };

/** The signed-in user, or null when there is no session (a 401 is an answer here, not an error). */
export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: async ({ signal }) => {
      try {
        return (await api('/session', SessionResponse, { signal })).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });

/** The server's request limits (PARLEY_UPLOAD_MB), sent with the session; they hold while the server runs. */
export const requestLimitsQuery = () =>
  queryOptions({
    queryKey: [...sessionKeys.all, 'limits'] as const,
    queryFn: async ({ signal }) => (await api('/session', SessionResponse, { signal })).limits,
    staleTime: Infinity,
  });
