import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutationState, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { documentQueries } from '../documents/queries.ts';
import { actorQueries } from '../actors/queries.ts';
import { sessionQuery } from '../session/queries.ts';
import { annotationQueries } from './queries.ts';
import { saveKey, useSaveAnnotation, type SaveInput } from './mutations.ts';
import { SentenceList } from './SentenceList.tsx';
import { ClaimPanel } from './ClaimPanel.tsx';
import type { Annotation } from '../../shared/schemas/annotations.ts';

/** Keys typed into a field are text, never shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function WorkspacePage() {
  const projectId = Number(useParams().projectId);
  const documentId = Number(useParams().documentId);
  const [searchParams, setSearchParams] = useSearchParams();
  const user = useQuery(sessionQuery()).data;
  const project = useQuery(projectQueries.detail(projectId));
  const doc = useQuery(documentQueries.detail(documentId));
  const actors = useQuery(actorQueries.list(projectId));
  const annotations = useQuery(annotationQueries.mine(documentId));

  const sentences = doc.data?.sentences ?? [];
  const requested = Number(searchParams.get('sentence'));
  const requestedIndex = sentences.findIndex((s) => s.id === requested);
  const [currentIndex, setCurrentIndex] = useState(0);
  const index = Math.min(currentIndex, Math.max(sentences.length - 1, 0));

  // A deep link (?sentence=id) decides where the workspace opens.
  useEffect(() => {
    if (requestedIndex >= 0) setCurrentIndex(requestedIndex);
  }, [requestedIndex]);

  const annotationsBySentence = useMemo(
    () => new Map<number, Annotation>((annotations.data ?? []).map((a) => [a.sentenceId, a])),
    [annotations.data],
  );

  const save = useSaveAnnotation(documentId, user?.id ?? 0);
  const saves = useMutationState({
    filters: { mutationKey: saveKey(documentId) },
    select: (mutation) => ({ status: mutation.state.status, error: mutation.state.error, variables: mutation.state.variables as SaveInput }),
  });
  const pending = saves.some((m) => m.status === 'pending');
  const last = saves.at(-1);

  const listRef = useRef<HTMLOListElement>(null);
  const focusList = useCallback(() => listRef.current?.focus(), []);
  const moveTo = (next: number) => {
    const clamped = Math.max(0, Math.min(sentences.length - 1, next));
    setCurrentIndex(clamped);
    const sentence = sentences[clamped];
    if (sentence) setSearchParams({ sentence: String(sentence.id) }, { replace: true });
  };

  if (doc.isError || project.isError) {
    return (
      <main className="page">
        <p role="alert" className="error">
          {errorMessage(doc.error ?? project.error)}
        </p>
        <Link to={`/projects/${projectId}`}>Back to the project</Link>
      </main>
    );
  }
  if (!doc.data || !project.data || !actors.data || !annotations.data || !user) {
    return <main className="page" aria-busy="true">Loading the document…</main>;
  }

  const current = sentences[index];
  const labelled = sentences.filter((s) => !s.boilerplate && annotationsBySentence.has(s.id)).length;
  const total = sentences.filter((s) => !s.boilerplate).length;

  return (
    <main className="workspace">
      <header className="workspace-head">
        <div>
          <Link to={`/projects/${projectId}`}>{project.data.name}</Link>
          <h1>{doc.data.title}</h1>
        </div>
        <div className="workspace-status">
          <span aria-label="Progress">
            {labelled} / {total} labelled
          </span>
          <SaveStatus
            pending={pending}
            failed={last?.status === 'error' ? errorMessage(last.error) : null}
            onRetry={() => last && save.mutate(last.variables)}
          />
        </div>
      </header>
      <div className="workspace-body">
        <SentenceList
          ref={listRef}
          sentences={sentences}
          currentIndex={index}
          annotations={annotationsBySentence}
          onSelect={moveTo}
        />
        {current && (
          <ClaimPanel
            key={current.id}
            project={project.data}
            document={doc.data}
            sentence={current}
            actors={actors.data}
            annotation={annotationsBySentence.get(current.id)}
            onSave={(input) => save.mutate(input)}
            onMove={(delta) => moveTo(index + delta)}
            focusList={focusList}
            canCorrect={user.role !== 'annotator'}
          />
        )}
      </div>
    </main>
  );
}

function SaveStatus({ pending, failed, onRetry }: { pending: boolean; failed: string | null; onRetry: () => void }) {
  if (pending) return <span role="status" className="save-status saving">Saving…</span>;
  if (failed) {
    return (
      <span role="alert" className="save-status failed">
        Not saved: {failed}{' '}
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </span>
    );
  }
  return <span role="status" className="save-status saved">All changes saved</span>;
}
