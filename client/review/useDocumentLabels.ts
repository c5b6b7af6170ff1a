import { useQuery } from '@tanstack/react-query';
import { documentQueries } from '../documents/queries.ts';
import { reviewQueries } from './queries.ts';

/** What adjudicating a sentence of this document needs: its text, everyone's labels and the gold (nothing while no document is chosen). */
export function useDocumentLabels(documentId: number | undefined) {
  const enabled = documentId !== undefined;
  const doc = useQuery({ ...documentQueries.detail(documentId ?? 0), enabled });
  const annotations = useQuery({ ...reviewQueries.annotations(documentId ?? 0), enabled });
  const gold = useQuery({ ...reviewQueries.gold(documentId ?? 0), enabled });
  return { doc, annotations, gold };
}
