import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../api.ts';
import { Actor, MergeActorResult, type ActorList, type CreateActorBody, type UpdateActorBody } from '../../shared/schemas/actors.ts';
import { annotationKeys } from '../annotations/queries.ts';
import { actorKeys } from './queries.ts';

const byName = (a: Actor, b: Actor) => a.name.localeCompare(b.name);

/**
 * The registry page's loaded pages with each page's actors changed in place (an edit shows at once,
 * where the row is; its position under the sort is the server's at the next read). The count query
 * under the same key holds a number and is left alone.
 */
function mapPages(data: InfiniteData<ActorList> | undefined, change: (actors: Actor[]) => Actor[]): InfiniteData<ActorList> | undefined {
  if (!data || typeof data !== 'object' || !('pages' in data)) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, actors: change(page.actors) })) };
}

/**
 * Creates an actor (a non-admin's is proposed); it is in every cached list of the project before
 * the promise resolves, so a picker can use it at once. (The counted list gets it with 0 claims.)
 */
export function useCreateActor(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActorBody) => api(`/projects/${projectId}/actors`, Actor, { method: 'POST', body }),
    onSuccess: (actor) => {
      queryClient.setQueriesData<Actor[]>({ queryKey: actorKeys.list(projectId) }, (list) => {
        if (!list) return list;
        const counted = list.some((old) => old.claimCount !== undefined);
        return [...list, counted ? { ...actor, claimCount: 0 } : actor].sort(byName);
      });
      // Not awaited: the picker uses the new actor now; the refetch only brings others' changes.
      void queryClient.invalidateQueries({ queryKey: actorKeys.list(projectId) });
      void queryClient.invalidateQueries({ queryKey: actorKeys.pages(projectId) });
    },
  });
}

/** Edits an actor's fields or accepts it (admins). */
export function useUpdateActor(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ actorId, body }: { actorId: number; body: UpdateActorBody }) => api(`/actors/${actorId}`, Actor, { method: 'PATCH', body }),
    onSuccess: (actor) => {
      // Keep the claim count the list carried: PATCH answers with the actor alone.
      queryClient.setQueriesData<Actor[]>({ queryKey: actorKeys.list(projectId) }, (list) =>
        list?.map((old) => (old.id === actor.id ? { ...actor, claimCount: old.claimCount } : old)).sort(byName),
      );
      queryClient.setQueriesData<InfiniteData<ActorList>>({ queryKey: actorKeys.pages(projectId) }, (data) =>
        mapPages(data, (actors) => actors.map((old) => (old.id === actor.id ? { ...actor, claimCount: old.claimCount } : old))),
      );
    },
  });
}

/** Deletes an unused actor (admins); the server refuses with 409 while claims use it. */
export function useDeleteActor(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (actorId: number) => api(`/actors/${actorId}`, z.object({ ok: z.literal(true) }), { method: 'DELETE' }),
    onSuccess: (_result, actorId) => {
      queryClient.setQueriesData<Actor[]>({ queryKey: actorKeys.list(projectId) }, (list) => list && list.filter((actor) => actor.id !== actorId));
      queryClient.setQueriesData<InfiniteData<ActorList>>({ queryKey: actorKeys.pages(projectId) }, (data) =>
        mapPages(data, (actors) => actors.filter((actor) => actor.id !== actorId)),
      );
    },
  });
}

/** Merges a duplicate into another actor (admins); claims that named it now name the other one. */
export function useMergeActor(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ actorId, intoId }: { actorId: number; intoId: number }) =>
      api(`/actors/${actorId}/merge`, MergeActorResult, { method: 'POST', body: { intoId } }),
    onSuccess: () =>
      // Claim counts and parents changed, and open annotations now name the remaining actor.
      Promise.all([
        queryClient.invalidateQueries({ queryKey: actorKeys.list(projectId) }),
        queryClient.invalidateQueries({ queryKey: actorKeys.pages(projectId) }),
        queryClient.invalidateQueries({ queryKey: annotationKeys.all }),
      ]),
  });
}
