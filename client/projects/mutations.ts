import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { Project, type CreateProjectBody, type UpdateProjectBody } from '../../shared/schemas/projects.ts';
import { projectKeys } from './queries.ts';

/** Creates a project (admins); it is cached at once so the page it opens needs no second request. */
export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectBody) => api('/projects', Project, { method: 'POST', body }),
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectKeys.list() });
    },
  });
}

/**
 * Changes a project's settings (admins). The body names the version the edit started from, so a
 * concurrent change answers 409 with the current project instead of being overwritten silently.
 */
export function useUpdateProject(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProjectBody) => api(`/projects/${projectId}`, Project, { method: 'PATCH', body }),
    onSuccess: (project) => {
      // The workspace reads stance labels and the codebook from this entry: it sees the change at once.
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectKeys.list() });
    },
  });
}
