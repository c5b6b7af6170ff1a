import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { SessionResponse, type SignInBody } from '../../shared/schemas/session.ts';
import { OkBody } from '../../shared/schemas/common.ts';
import { sessionKeys } from './queries.ts';

/**
 * Nothing of the previous user may stay in memory for the next one. The session query itself is
 * kept (and then set): removing it would detach the observer that decides what the app shows.
 */
function forgetOtherUsersData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
  queryClient.getMutationCache().clear();
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) => api('/session', SessionResponse, { method: 'POST', body }),
    onSuccess: ({ user }) => {
      forgetOtherUsersData(queryClient);
      queryClient.setQueryData(sessionKeys.all, user);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/session', OkBody, { method: 'DELETE' }),
    onSettled: () => {
      forgetOtherUsersData(queryClient);
      queryClient.setQueryData(sessionKeys.all, null);
    },
  });
}
