import { queryOptions } from '@tanstack/react-query';
import { Role, UserList, type USER_SORTS } from '../../shared/schemas/users.ts';
import { MemberPage } from '../../shared/schemas/members.ts';
import { allPages } from '../ui/allPages.ts';
import type { ListSpec } from '../ui/listParams.ts';
import { usePagedList } from '../ui/usePagedList.ts';

/** Query keys of the admin pages: users, and each project's members under it. */
export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  /** The accounts table's paged views (its cache holds pages, not a user array). */
  userPages: () => [...adminKeys.all, 'user-pages'] as const,
  members: (projectId: number) => [...adminKeys.all, 'members', projectId] as const,
};

/** The accounts table's view in the users page's URL: `?q=&role=&disabled=&sort=&order=`. */
export const USER_LIST = {
  sorts: ['username', 'role', 'lastSignIn'],
  // Most recent sign-in first.
  orders: { lastSignIn: 'desc' },
  filters: {
    role: (value: string) => Role.safeParse(value).success,
    disabled: (value: string) => value === '0' || value === '1',
  },
} as const satisfies ListSpec<(typeof USER_SORTS)[number], 'role' | 'disabled'>;

export function useUserPages(query: Record<string, string>, filtered: boolean) {
  return usePagedList({ queryKey: adminKeys.userPages(), path: '/users', schema: UserList, itemsKey: 'users', query, filtered });
}

export const adminQueries = {
  /** Every account (the members form offers those not yet in a project). */
  users: () =>
    queryOptions({
      queryKey: adminKeys.users(),
      queryFn: ({ signal }) => allPages('/users', UserList, 'users', { sort: 'username' }, signal),
    }),
  /** Every member of a project (tens, not thousands): pickers and filters list them all. */
  members: (projectId: number) =>
    queryOptions({
      queryKey: adminKeys.members(projectId),
      queryFn: ({ signal }) => allPages(`/projects/${projectId}/members`, MemberPage, 'members', { sort: 'username' }, signal),
    }),
};
