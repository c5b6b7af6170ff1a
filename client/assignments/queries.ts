import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AssignmentList, AssignmentState, Queue, type ASSIGNMENT_SORTS } from '../../shared/schemas/assignments.ts';
import type { ListSpec } from '../ui/listParams.ts';
import { usePagedList } from '../ui/usePagedList.ts';

export const assignmentKeys = {
  all: ['assignments'] as const,
  queue: (projectId: number) => [...assignmentKeys.all, 'queue', projectId] as const,
  list: (projectId: number) => [...assignmentKeys.all, 'list', projectId] as const,
};

/** The assignments panel's view in the project page's URL, apart from the documents' (`a_q`, `a_sort`, `a_user`…). */
export const ASSIGNMENT_LIST = {
  prefix: 'a_',
  sorts: ['document', 'user', 'assigned', 'activity'],
  // Most recent first for the two dates.
  orders: { assigned: 'desc', activity: 'desc' },
  filters: {
    userId: (value: string) => /^[1-9]\d{0,15}$/.test(value),
    state: (value: string) => AssignmentState.safeParse(value).success,
  },
} as const satisfies ListSpec<(typeof ASSIGNMENT_SORTS)[number], 'userId' | 'state'>;

export function useAssignmentPages(projectId: number, query: Record<string, string>, filtered: boolean) {
  return usePagedList({
    queryKey: assignmentKeys.list(projectId),
    path: `/projects/${projectId}/assignments`,
    schema: AssignmentList,
    itemsKey: 'assignments',
    query,
    filtered,
  });
}

export const assignmentQueries = {
  /**
   * My queue: the documents I hold, and how many still need annotators (`total`; one row of
   * `available` is enough, the pool itself is taken from with POST …/queue/next).
   */
  queue: (projectId: number) =>
    queryOptions({ queryKey: assignmentKeys.queue(projectId), queryFn: ({ signal }) => api(`/projects/${projectId}/queue?limit=1`, Queue, { signal }) }),
};
