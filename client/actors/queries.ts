import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { ActorList } from '../../shared/schemas/actors.ts';

export const actorKeys = {
  all: ['actors'] as const,
  list: (projectId: number) => [...actorKeys.all, 'list', projectId] as const,
};

export const actorQueries = {
  list: (projectId: number) =>
    queryOptions({
      queryKey: actorKeys.list(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/actors`, ActorList, { signal }).then((body) => body.actors),
      staleTime: 60_000,
    }),
};
