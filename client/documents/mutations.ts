import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { DocumentDetail, ImportFileResult, Sentence, type ImportFileBody } from '../../shared/schemas/documents.ts';
import { documentKeys } from './queries.ts';

/** Uploads one file (or one chunk of a JSONL file) to import; the document list refreshes after. */
export function useImportFile(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportFileBody) => api(`/projects/${projectId}/imports`, ImportFileResult, { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: documentKeys.list(projectId) }),
  });
}

/** Sentence corrections by reviewers and admins: boilerplate flag, merge with next, split. */
export function useCorrectSentences(documentId: number) {
  const queryClient = useQueryClient();
  const setDocument = (doc: DocumentDetail) => queryClient.setQueryData(documentKeys.detail(documentId), doc);
  return {
    toggleBoilerplate: useMutation({
      mutationFn: ({ sentenceId, boilerplate }: { sentenceId: number; boilerplate: boolean }) =>
        api(`/sentences/${sentenceId}`, Sentence, { method: 'PATCH', body: { boilerplate } }),
      onSuccess: (sentence) =>
        queryClient.setQueryData<DocumentDetail>(
          documentKeys.detail(documentId),
          (doc) => doc && { ...doc, sentences: doc.sentences.map((s) => (s.id === sentence.id ? sentence : s)) },
        ),
    }),
    merge: useMutation({
      mutationFn: (sentenceId: number) => api(`/sentences/${sentenceId}/merge`, DocumentDetail, { method: 'POST', body: {} }),
      onSuccess: setDocument,
    }),
    split: useMutation({
      mutationFn: ({ sentenceId, at }: { sentenceId: number; at: number }) =>
        api(`/sentences/${sentenceId}/split`, DocumentDetail, { method: 'POST', body: { at } }),
      onSuccess: setDocument,
    }),
  };
}
