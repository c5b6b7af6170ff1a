import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { User, type CreateUserBody, type UpdateUserBody } from '../../shared/schemas/users.ts';
import { MemberList, type Member } from '../../shared/schemas/members.ts';
import { sessionKeys } from '../session/queries.ts';
import { adminKeys } from './queries.ts';

/** Creates an account; the users list refreshes after. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api('/users', User, { method: 'POST', body }),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: adminKeys.users() }), queryClient.invalidateQueries({ queryKey: adminKeys.userPages() })]),
  });
}

/** Changes a role, a password or the disabled flag. Members lists show roles, so they refresh too. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, change }: { userId: number; change: UpdateUserBody }) => api(`/users/${userId}`, User, { method: 'PATCH', body: change }),
    onSuccess: (user) => {
      // An admin who changed their own role sees the app as that role from now on; one who
      // disabled their own account (another admin remains) has just been signed out.
      queryClient.setQueryData<User | null>(sessionKeys.all, (me) => (me && me.id === user.id ? (user.disabled ? null : user) : me));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
}

/** Adds a user to a project or removes them; the server answers with the new member list. */
export function useMembership(projectId: number) {
  const queryClient = useQueryClient();
  const setMembers = (body: { members: Member[] }) => queryClient.setQueryData(adminKeys.members(projectId), body.members);
  return {
    add: useMutation({
      mutationFn: (userId: number) => api(`/projects/${projectId}/members`, MemberList, { method: 'POST', body: { userId } }),
      onSuccess: setMembers,
    }),
    remove: useMutation({
      mutationFn: (userId: number) => api(`/projects/${projectId}/members/${userId}`, MemberList, { method: 'DELETE' }),
      onSuccess: setMembers,
    }),
  };
}
