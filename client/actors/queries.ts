import { queryOptions } from '@tanstack/react-query';
import { ActorKind, ActorList, ActorStatus, type ACTOR_SORTS } from '../../shared/schemas/actors.ts';
import { allPages } from '../ui/allPages.ts';
import type { ListSpec } from '../ui/listParams.ts';
import { usePagedList } from '../ui/usePagedList.ts';

export const actorKeys = {
  all: ['actors'] as const,
  list: (projectId: number) => [...actorKeys.all, 'list', projectId] as const,
  /** The registry page's paged views (not under `list`: their cache holds pages, not an actor array). */
  pages: (projectId: number) => [...actorKeys.all, 'pages', projectId] as const,
};

export const actorQueries = {
  list: (projectId: number) =>
    queryOptions({
      queryKey: actorKeys.list(projectId),
      // The whole registry: pickers match names and aliases as you type, and claims name actors by
      // id, so the workspace and review hold every actor (hundreds or thousands, not the corpus).
      queryFn: ({ signal }) => allPages(`/projects/${projectId}/actors`, ActorList, 'actors', { sort: 'name' }, signal),
      staleTime: 60_000,
    }),
};

/** The registry page's view in its URL: `?q=&kind=&status=&sort=&order=`. */
export const ACTOR_LIST = {
  sorts: ['name', 'kind', 'usage'],
  // Most used first.
  orders: { usage: 'desc' },
  filters: {
    kind: (value: string) => ActorKind.safeParse(value).success,
    status: (value: string) => ActorStatus.safeParse(value).success,
  },
} as const satisfies ListSpec<(typeof ACTOR_SORTS)[number], 'kind' | 'status'>;

/** A page of the registry with claim counts (for reviewers and admins; the server leaves them out for annotators). */
export function useActorPages(projectId: number, query: Record<string, string>, filtered: boolean, knownTotal?: number) {
  return usePagedList({
    queryKey: actorKeys.pages(projectId),
    path: `/projects/${projectId}/actors`,
    schema: ActorList,
    itemsKey: 'actors',
    query: { ...query, counts: '1' },
    baseQuery: { counts: '1' },
    filtered,
    knownTotal,
  });
}
