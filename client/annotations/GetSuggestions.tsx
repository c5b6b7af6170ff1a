import { useIsMutating, useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api.ts';
import { PredictResult } from '../../shared/schemas/modelBackend.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { suggestionQuery } from './useSuggestions.ts';
import './model-backend.css';

const predictKey = (documentId: number) => ['predict', documentId] as const;

/** What the last call said, in words: what the model proposed, or what the backend did wrong. */
function outcome(state: { status: string; data?: PredictResult; error: unknown } | undefined): { ok: string } | { error: string } | null {
  if (!state) return null;
  if (state.status === 'success' && state.data) {
    const { model, claims, records } = state.data;
    if (claims === 0) return { ok: `${model} proposed no claim for this document.` };
    return {
      ok: `${model} proposed ${claims} claim${claims === 1 ? '' : 's'} in ${records} sentence${records === 1 ? '' : 's'}; they are shown as suggestions from ${model}.`,
    };
  }
  if (state.status === 'error') return { error: `No new suggestions: ${errorMessage(state.error)}` };
  return null;
}

/**
 * "Get suggestions": asks the project's model backend for this document's claims (POST
 * /documents/:id/predict), then reloads the suggestions. The panel is remounted per sentence, so the
 * call and its outcome are read from the mutation cache by key: moving on does not lose them.
 */
export function GetSuggestions({ project, documentId }: { project: Project; documentId: number }) {
  const queryClient = useQueryClient();
  const predict = useMutation({
    mutationKey: predictKey(documentId),
    mutationFn: () => api(`/documents/${documentId}/predict`, PredictResult, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: suggestionQuery(documentId).queryKey }),
  });
  const pending = useIsMutating({ mutationKey: predictKey(documentId) }) > 0;
  const last = useMutationState({ filters: { mutationKey: predictKey(documentId) }, select: (m) => m.state }).at(-1);
  if (!project.modelBackend) return null;
  const said = outcome(last as Parameters<typeof outcome>[0]);
  return (
    <div className="model-backend">
      <button type="button" onClick={() => predict.mutate()} disabled={pending} title={`Ask the model backend at ${project.modelBackend.url}`}>
        {pending ? 'Getting suggestions…' : 'Get suggestions'}
      </button>
      <span role="status" className="muted small">
        {pending ? 'Waiting for the model backend…' : said && 'ok' in said ? said.ok : ''}
      </span>
      {!pending && said && 'error' in said && (
        <p role="alert" className="error">
          {said.error}
        </p>
      )}
    </div>
  );
}
