import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { UserList } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';

/** Query keys of the admin pages: users, and each project's members under it. */
export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  members: (projectId: number) => [...adminKeys.all, 'members', projectId] as const,
};

export const adminQueries = {
  users: () =>
    queryOptions({
      queryKey: adminKeys.users(),
      queryFn: ({ signal }) => api('/users', UserList, { signal }).then((body) => body.users),
    }),
  members: (projectId: number) =>
    queryOptions({
      queryKey: adminKeys.members(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/members`, MemberList, { signal }).then((body) => body.members),
    }),
};
