import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { documentQueries } from '../documents/queries.ts';
import { actorQueries } from '../actors/queries.ts';
import { sessionQuery } from '../session/queries.ts';
import { annotationQueries } from './queries.ts';
import type { SaveInput } from './mutations.ts';
import { SentenceList, type SentenceListHandle } from './SentenceList.tsx';
import { ClaimPanel, type ClaimPanelHandle } from './ClaimPanel.tsx';
import { WorkspaceHeader } from './WorkspaceHeader.tsx';
import { ConflictDialog } from './ConflictDialog.tsx';
import { LeaveGuard } from './LeaveGuard.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';
import { CodebookPanel } from './CodebookPanel.tsx';
import { nextUnlabelled, progressOf, resumeIndex } from './progress.ts';
import type { Draft } from './claims.ts';
import { FindBar, type FindMode } from './FindBar.tsx';
import { NextDocumentOffer } from './NextDocumentOffer.tsx';
import { useNextDocument } from './useNextDocument.ts';
import './find.css';
import { useSentenceCursor } from './useSentenceCursor.ts';
import { useSaveQueue } from './useSaveQueue.ts';
import { useLabelHistory } from './useLabelHistory.ts';
import { useTimeSpent } from './useTimeSpent.ts';
import { useWordSelection } from './useWordSelection.ts';
import { useTextMarks } from './useTextMarks.ts';
import { useSuggestions } from './useSuggestions.ts';
import { useWorkspaceShortcuts } from './useWorkspaceShortcuts.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';

/** The annotation workspace of the document in the URL; a fresh one per document (the next document starts clean). */
export function WorkspacePage() {
  const documentId = Number(useParams().documentId);
  return <Workspace key={documentId} projectId={Number(useParams().projectId)} documentId={documentId} />;
}

/** The annotation workspace: the document's sentences, the current sentence's label, and every shortcut. */
function Workspace({ projectId, documentId }: { projectId: number; documentId: number }) {
  const user = useQuery(sessionQuery()).data;
  const project = useQuery(projectQueries.detail(projectId));
  const doc = useQuery(documentQueries.detail(documentId));
  const actors = useQuery(actorQueries.list(projectId));
  const annotations = useQuery(annotationQueries.mine(documentId));

  const sentences = useMemo(() => doc.data?.sentences ?? [], [doc.data]);
  const annotationsBySentence = useMemo(() => new Map<number, Annotation>((annotations.data ?? []).map((a) => [a.sentenceId, a])), [annotations.data]);
  const actorsById = useMemo(() => new Map((actors.data ?? []).map((actor) => [actor.id, actor])), [actors.data]);
  // Where the document opens without a deep link: the first sentence still to label (known once the labels are).
  const resumeAt = annotations.data ? resumeIndex(sentences, annotationsBySentence) : null;
  const { index, current, moveTo, step, missingLink } = useSentenceCursor(sentences, resumeAt);
  const complete = progressOf(sentences, annotationsBySentence).complete;
  const nextDocument = useNextDocument(projectId, documentId, complete);
  // New claims left unfinished on other sentences: the panel is remounted per sentence, the drafts stay here.
  const drafts = useRef(new Map<number, Draft>());
  const keepDraft = useCallback((sentenceId: number, draft: Draft | null) => {
    if (draft) drafts.current.set(sentenceId, draft);
    else drafts.current.delete(sentenceId);
  }, []);
  /** The index of the first sentence holding a new claim with content, -1 when none. */
  const unfinishedIndex = useCallback(() => (drafts.current.size === 0 ? -1 : sentences.findIndex((sentence) => drafts.current.has(sentence.id))), [sentences]);
  /** The next document, unless a new claim is left unfinished here: then its sentence is shown instead (it would be lost). */
  const goNext = () => {
    const unfinished = unfinishedIndex();
    if (unfinished < 0) return nextDocument.go();
    moveTo(unfinished);
    setAnnouncement(`The new claim on sentence ${unfinished + 1} is not finished: finish or discard it first.`);
    return true;
  };
  const [find, setFind] = useState<{ mode: FindMode; token: number } | null>(null);
  const openFind = (mode: FindMode) => setFind((old) => ({ mode, token: (old?.token ?? 0) + 1 }));
  const [announcement, setAnnouncement] = useState('');
  const [sheetOpen, setSheetOpen] = useState(false);
  const [codebookOpen, setCodebookOpen] = useState(false);
  const toggleCodebook = () => setCodebookOpen((open) => !open);

  const saves = useSaveQueue(documentId, user?.id ?? 0);
  const { save } = saves;
  const history = useLabelHistory({ sentences, annotations: annotationsBySentence, index, save, moveTo, announce: setAnnouncement });
  const { record } = history;
  const takeTimeSpent = useTimeSpent(index);
  /** Every label change goes through here: recorded for undo, then saved. */
  const commit = useCallback(
    (input: SaveInput) => {
      record(input);
      save({ ...input, timeSpentMs: takeTimeSpent() });
    },
    [record, save, takeTimeSpent],
  );

  const listRef = useRef<SentenceListHandle>(null);
  const panelRef = useRef<ClaimPanelHandle>(null);
  const focusList = useCallback(() => listRef.current?.focus(), []);
  const selection = useWordSelection(doc.data?.text, sentences, index, listRef, doc.data?.language ?? null);
  const marks = useTextMarks(sentences, selection.span);
  const { mentions, suggestions } = useSuggestions(documentId, doc.data?.text, current, actors.data);

  useWorkspaceShortcuts({
    undo: history.undo,
    redo: history.redo,
    openSheet: () => setSheetOpen(true),
    toggleCodebook,
    nextUnlabelled: () => {
      const next = nextUnlabelled(sentences, index, annotationsBySentence);
      if (next >= 0) moveTo(next);
      else setAnnouncement('Every sentence of this document is labelled.');
    },
    step,
    search: () => openFind('search'),
    goTo: () => openFind('goto'),
    nextDocument: () => {
      if (!goNext()) setAnnouncement(complete ? 'No next document to open yet.' : 'This document is not complete yet (u goes to the next sentence to label).');
    },
    moveWordCursor: selection.moveCursor,
    panelKey: (event) => panelRef.current?.handleKey(event) ?? false,
    clearSelection: selection.clear,
  });

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
    return (
      <main className="page" aria-busy="true">
        Loading the document…
      </main>
    );
  }

  return (
    <main className="workspace">
      <WorkspaceHeader
        projectId={projectId}
        projectName={project.data.name}
        title={doc.data.title}
        sentences={sentences}
        annotations={annotationsBySentence}
        saves={saves}
        codebookOpen={codebookOpen}
        onToggleCodebook={toggleCodebook}
        onOpenSheet={() => setSheetOpen(true)}
      />
      {find && (
        <FindBar
          key={find.mode}
          mode={find.mode}
          focusToken={find.token}
          sentences={sentences}
          currentIndex={index}
          moveTo={moveTo}
          onClose={() => {
            setFind(null);
            focusList();
          }}
        />
      )}
      {missingLink !== null && (
        <p role="status" className="review-notice">
          The link names sentence id {missingLink}, which is not in this document (the link may be old): it opened at sentence {index + 1}.
        </p>
      )}
      <div className={`workspace-body${codebookOpen ? ' with-codebook' : ''}`}>
        <SentenceList
          ref={listRef}
          language={doc.data.language}
          sentences={sentences}
          currentIndex={index}
          annotations={annotationsBySentence}
          actorsById={actorsById}
          labels={project.data.stanceLabels}
          text={doc.data.text}
          marks={marks.bySentence}
          keepRendered={marks.keepRendered}
          onSelect={moveTo}
        />
        {codebookOpen && <CodebookPanel project={project.data} onClose={() => setCodebookOpen(false)} />}
        {current && (
          <ClaimPanel
            key={current.id}
            ref={panelRef}
            project={project.data}
            document={doc.data}
            sentence={current}
            actors={actors.data}
            annotation={annotationsBySentence.get(current.id)}
            mentions={mentions}
            suggestions={suggestions}
            onSave={commit}
            takeSelection={selection.take}
            focusList={focusList}
            onMarks={marks.reportPanelMarks}
            canCorrect={user.role !== 'annotator'}
            keptDraft={drafts.current.get(current.id) ?? null}
            keepDraft={keepDraft}
            notice={<NextDocumentOffer projectId={projectId} next={nextDocument} onGo={goNext} />}
          />
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <LeaveGuard pending={saves.pending} unsaved={saves.unsaved} unfinishedAt={() => (unfinishedIndex() < 0 ? null : unfinishedIndex() + 1)} />
      <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} labels={project.data.stanceLabels} />
      <ConflictDialog
        conflict={saves.conflict}
        actors={actors.data}
        labels={project.data.stanceLabels}
        text={doc.data.text}
        onKeepMine={saves.keepMine}
        onKeepSaved={saves.keepSaved}
      />
    </main>
  );
}
