import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { SessionResponse, type SignInBody } from '../../shared/schemas/session.ts';
import { OkBody } from '../../shared/schemas/common.ts';
import { sessionKeys } from './queries.ts';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) => api('/session', SessionResponse, { method: 'POST', body }),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.all, user);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/session', OkBody, { method: 'DELETE' }),
    onSettled: () => {
      // Nothing of the previous user may stay in memory for the next one.
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.all, null);
    },
  });
}
