import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { ActorList } from '../../shared/schemas/actors.ts';

export const actorKeys = {
  all: ['actors'] as const,
  list: (projectId: number) => [...actorKeys.all, 'list', projectId] as const,
  /** Under `list`: invalidating or updating the list reaches it too. */
  withCounts: (projectId: number) => [...actorKeys.list(projectId), 'counts'] as const,
};

export const actorQueries = {
  list: (projectId: number) =>
    queryOptions({
      queryKey: actorKeys.list(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/actors`, ActorList, { signal }).then((body) => body.actors),
      staleTime: 60_000,
    }),
  /** The registry page's list: with claim counts for reviewers and admins, refetched whenever the page opens. */
  withCounts: (projectId: number) =>
    queryOptions({
      queryKey: actorKeys.withCounts(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/actors?counts=1`, ActorList, { signal }).then((body) => body.actors),
      staleTime: 0,
    }),
};
