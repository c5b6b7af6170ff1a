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
import { nextUnlabelled } from './progress.ts';
import { useSentenceCursor } from './useSentenceCursor.ts';
import { useSaveQueue } from './useSaveQueue.ts';
import { useLabelHistory } from './useLabelHistory.ts';
import { useTimeSpent } from './useTimeSpent.ts';
import { useWordSelection } from './useWordSelection.ts';
import { useTextMarks } from './useTextMarks.ts';
import { useSuggestions } from './useSuggestions.ts';
import { useWorkspaceShortcuts } from './useWorkspaceShortcuts.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';

/** The annotation workspace: the document's sentences, the current sentence's label, and every shortcut. */
export function WorkspacePage() {
  const projectId = Number(useParams().projectId);
  const documentId = Number(useParams().documentId);
  const user = useQuery(sessionQuery()).data;
  const project = useQuery(projectQueries.detail(projectId));
  const doc = useQuery(documentQueries.detail(documentId));
  const actors = useQuery(actorQueries.list(projectId));
  const annotations = useQuery(annotationQueries.mine(documentId));

  const sentences = useMemo(() => doc.data?.sentences ?? [], [doc.data]);
  const annotationsBySentence = useMemo(() => new Map<number, Annotation>((annotations.data ?? []).map((a) => [a.sentenceId, a])), [annotations.data]);
  const { index, current, moveTo, step } = useSentenceCursor(sentences);
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
  const { mentions, suggestions } = useSuggestions(doc.data?.text, current, actors.data, project.data?.stanceLabels);

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
      <div className={`workspace-body${codebookOpen ? ' with-codebook' : ''}`}>
        <SentenceList
          ref={listRef}
          language={doc.data.language}
          sentences={sentences}
          currentIndex={index}
          annotations={annotationsBySentence}
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
          />
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <LeaveGuard pending={saves.pending} unsaved={saves.unsaved} />
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
