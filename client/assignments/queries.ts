import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AssignmentList, Queue } from '../../shared/schemas/assignments.ts';

export const assignmentKeys = {
  all: ['assignments'] as const,
  queue: (projectId: number) => [...assignmentKeys.all, 'queue', projectId] as const,
  list: (projectId: number) => [...assignmentKeys.all, 'list', projectId] as const,
};

export const assignmentQueries = {
  queue: (projectId: number) =>
    queryOptions({ queryKey: assignmentKeys.queue(projectId), queryFn: ({ signal }) => api(`/projects/${projectId}/queue`, Queue, { signal }) }),
  list: (projectId: number) =>
    queryOptions({
      queryKey: assignmentKeys.list(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/assignments`, AssignmentList, { signal }).then((body) => body.assignments),
    }),
};
