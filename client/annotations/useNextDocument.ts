import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { assignmentQueries } from '../assignments/queries.ts';
import { useTakeNext } from '../assignments/mutations.ts';

/**
 * The document to go on with once this one is complete, from the annotator's queue: one they hold
 * and have not finished, else the next one that needs annotators (taken from the pool only when
 * the user asks for it: `POST …/queue/next`).
 */
export function useNextDocument(projectId: number, documentId: number, complete: boolean) {
  // Asked for once the document is complete; a fresh read, since labelling changed what is done.
  const queue = useQuery({ ...assignmentQueries.queue(projectId), enabled: complete, staleTime: 0 });
  const takeNext = useTakeNext(projectId);
  const navigate = useNavigate();
  const held = queue.data?.mine.find((doc) => doc.id !== documentId);
  const available = queue.data?.total ?? 0;
  const openDocument = (id: number) => void navigate(`/projects/${projectId}/documents/${id}`);

  /** Opens the next document; false when there is nothing to go on with (yet). */
  const go = (): boolean => {
    if (!complete || !queue.data) return false;
    if (held) openDocument(held.id);
    else if (available > 0 && !takeNext.isPending) takeNext.mutate(undefined, { onSuccess: ({ document }) => document && openDocument(document.id) });
    else return false;
    return true;
  };

  return {
    complete,
    loading: complete && queue.isPending,
    error: queue.error ?? takeNext.error,
    /** What `go` opens: a held document by title, the pool, or nothing. */
    next: held ? { kind: 'held' as const, title: held.title } : available > 0 ? { kind: 'pool' as const, count: available } : null,
    /** The pool had nothing left when asked. */
    exhausted: takeNext.data?.document === null,
    pending: takeNext.isPending,
    go,
  };
}

export type NextDocument = ReturnType<typeof useNextDocument>;
