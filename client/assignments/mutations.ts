import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AssignmentList, BulkAssignmentResult, TakeNextResult, type BulkAssignmentBody, type CreateAssignmentBody } from '../../shared/schemas/assignments.ts';
import { documentKeys } from '../documents/queries.ts';
import { assignmentKeys } from './queries.ts';

function useRefresh(projectId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: assignmentKeys.all });
    void queryClient.invalidateQueries({ queryKey: documentKeys.list(projectId) });
  };
}

/** Takes the least-covered document I have not done from the pool. */
export function useTakeNext(projectId: number) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: () => api(`/projects/${projectId}/queue/next`, TakeNextResult, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
}

export function useAssign(projectId: number) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (body: CreateAssignmentBody) => api(`/projects/${projectId}/assignments`, AssignmentList, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** Gives the next N documents of a member's queue to them. */
export function useAssignNext(projectId: number) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (body: BulkAssignmentBody) => api(`/projects/${projectId}/assignments/next`, BulkAssignmentResult, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUnassign(projectId: number) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: ({ documentId, userId }: { documentId: number; userId: number }) =>
      api(`/projects/${projectId}/assignments/${documentId}/${userId}`, AssignmentList, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
