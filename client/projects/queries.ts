import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { Project, ProjectList } from '../../shared/schemas/projects.ts';

export const projectKeys = {
  all: ['projects'] as const,
  list: () => [...projectKeys.all, 'list'] as const,
  detail: (projectId: number) => [...projectKeys.all, 'detail', projectId] as const,
};

export const projectQueries = {
  list: () =>
    queryOptions({
      queryKey: projectKeys.list(),
      queryFn: ({ signal }) => api('/projects', ProjectList, { signal }).then((body) => body.projects),
    }),
  detail: (projectId: number) =>
    queryOptions({
      queryKey: projectKeys.detail(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}`, Project, { signal }),
    }),
};
