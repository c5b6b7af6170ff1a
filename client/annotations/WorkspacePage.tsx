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
import { SentenceList, type SentenceListHandle } from './SentenceList.tsx';
import { ClaimPanel, nextLocalId, type ClaimPanelHandle } from './ClaimPanel.tsx';
import { Modal } from '../ui/Modal.tsx';
import { LeaveGuard } from './LeaveGuard.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';
import { CodebookPanel } from './CodebookPanel.tsx';
import { refText, stanceName } from '../ui/claimText.ts';
import { isShortcutEvent } from '../ui/keys.ts';
import { UndoHistory, type Label } from './history.ts';
import { selectedSpan, type Mark } from './spans.ts';
import { compileActorMatcher, findCues, suggestClaims, wordSpans } from '../../shared/suggestions.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

/** A keyboard text selection: indexes into the words near the current sentence. */
interface KeyboardSelection {
  anchor: number;
  focus: number;
}

/** How far (in sentences) the keyboard selection may reach from the current sentence. */
const SELECTION_REACH = 5;
const NO_MARKS: Mark[] = [];

const labelOf = (annotation: Annotation | undefined): Label | null =>
  annotation ? { status: annotation.status, claims: annotation.claims, note: annotation.note } : null;

/** The sentence index holding a document offset (binary search over the sentences' starts). */
function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The annotation workspace: the document's sentences, the current sentence's label, and every shortcut. */
const MAX_TIME_PER_SAVE_MS = 10 * 60_000;

export function WorkspacePage() {
  const projectId = Number(useParams().projectId);
  const documentId = Number(useParams().documentId);
  const [searchParams, setSearchParams] = useSearchParams();
  const user = useQuery(sessionQuery()).data;
  const project = useQuery(projectQueries.detail(projectId));
  const doc = useQuery(documentQueries.detail(documentId));
  const actors = useQuery(actorQueries.list(projectId));
  const annotations = useQuery(annotationQueries.mine(documentId));

  const sentences = useMemo(() => doc.data?.sentences ?? [], [doc.data]);
  const requested = Number(searchParams.get('sentence'));
  const requestedIndex = sentences.findIndex((s) => s.id === requested);
  const [currentIndex, setCurrentIndex] = useState(0);
  const index = Math.min(currentIndex, Math.max(sentences.length - 1, 0));
  const current = sentences[index];

  // A deep link (?sentence=id) decides where the workspace opens. Every move writes its sentence
  // into the URL too (a reload opens there), but the router commits those URLs later, after
  // faster keys have moved on: a URL the workspace wrote itself must not pull the selection back.
  const movedTo = useRef(new Set<number>());
  useEffect(() => {
    if (requestedIndex >= 0 && !movedTo.current.has(requested)) setCurrentIndex(requestedIndex);
  }, [requestedIndex, requested]);

  const annotationsBySentence = useMemo(
    () => new Map<number, Annotation>((annotations.data ?? []).map((a) => [a.sentenceId, a])),
    [annotations.data],
  );
  const latest = useRef(annotationsBySentence);
  latest.current = annotationsBySentence;

  // Saves that failed for good stay listed (and retried) until they go through; conflicts ask the user.
  const [failed, setFailed] = useState<ReadonlyMap<number, { input: SaveInput; message: string }>>(new Map());
  const [conflict, setConflict] = useState<{ input: SaveInput; current: Annotation | null } | null>(null);
  const save = useSaveAnnotation(documentId, user?.id ?? 0, {
    onSaved: (input) =>
      setFailed((old) => {
        if (!old.has(input.sentenceId)) return old;
        const next = new Map(old);
        next.delete(input.sentenceId);
        return next;
      }),
    onFailed: (input, error) => setFailed((old) => new Map(old).set(input.sentenceId, { input, message: errorMessage(error) })),
    onConflict: (input, current) => {
      setFailed((old) => {
        const next = new Map(old);
        next.delete(input.sentenceId);
        return next;
      });
      setConflict({ input, current });
    },
  });
  const mutate = save.mutate;
  const pending = useMutationState({ filters: { mutationKey: saveKey(documentId), status: 'pending' }, select: () => true }).length > 0;
  const retryFailed = useCallback(() => {
    setFailed((old) => {
      for (const { input } of old.values()) mutate(input);
      return new Map();
    });
  }, [mutate]);

  // Failed saves are retried again every 20 s and when the browser comes back online.
  useEffect(() => {
    if (failed.size === 0) return;
    const timer = window.setInterval(retryFailed, 20_000);
    window.addEventListener('online', retryFailed);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', retryFailed);
    };
  }, [failed.size, retryFailed]);

  const history = useRef(new UndoHistory()).current;
  const [announcement, setAnnouncement] = useState('');

  const listRef = useRef<SentenceListHandle>(null);
  const panelRef = useRef<ClaimPanelHandle>(null);
  const focusList = useCallback(() => listRef.current?.focus(), []);

  // The sentence a move was last asked for, ahead of React's render: two keys pressed before the
  // screen catches up (holding j) must move two sentences, not one.
  const targetIndex = useRef(index);
  targetIndex.current = index;

  const moveTo = useCallback(
    (next: number) => {
      const clamped = Math.max(0, Math.min(sentences.length - 1, next));
      targetIndex.current = clamped;
      setCurrentIndex(clamped);
      const sentence = sentences[clamped];
      if (sentence) {
        movedTo.current.add(sentence.id);
        setSearchParams({ sentence: String(sentence.id) }, { replace: true });
      }
    },
    [sentences, setSearchParams],
  );

  // Time spent per sentence: counted from when it became current or was last saved, capped so a
  // tab left open over lunch does not count as work.
  const workStarted = useRef(Date.now());
  useEffect(() => {
    workStarted.current = Date.now();
  }, [index]);

  /** Every label change goes through here: recorded for undo, then saved. */
  const commit = useCallback(
    (input: SaveInput) => {
      history.record({
        sentenceId: input.sentenceId,
        before: labelOf(latest.current.get(input.sentenceId)),
        after: input.status === null ? null : { status: input.status, claims: input.claims, note: input.note ?? null },
      });
      const now = Date.now();
      const timeSpentMs = Math.min(now - workStarted.current, MAX_TIME_PER_SAVE_MS);
      workStarted.current = now;
      mutate({ ...input, timeSpentMs });
    },
    [history, mutate],
  );

  /** Restores a sentence's label (undo or redo), saved like any change, and shows that sentence. */
  const restore = (sentenceId: number, label: Label | null, verb: string) => {
    const currentIds = new Set(latest.current.get(sentenceId)?.claims.map((c) => c.id));
    // Claims deleted since have lost their ids on the server: send them as new claims.
    const claims = (label?.claims ?? []).map((c) => (currentIds.has(c.id) ? c : { ...c, id: nextLocalId() }));
    mutate({ sentenceId, status: label?.status ?? null, claims, note: label?.note ?? null });
    const at = sentences.findIndex((s) => s.id === sentenceId);
    if (at >= 0 && at !== index) moveTo(at);
    setAnnouncement(`${verb}: sentence ${at + 1} is now ${label ? (label.status === 'claims' ? `${label.claims.length} claim(s)` : label.status.replace('_', ' ')) : 'not labelled'}.`);
  };

  // Text selection with the keyboard: ←/→ move a word cursor (into neighbouring sentences too), Shift extends it.
  const nearWords = useMemo(() => {
    if (!doc.data) return [];
    const words: Span[] = [];
    for (let i = Math.max(0, index - SELECTION_REACH); i <= Math.min(sentences.length - 1, index + SELECTION_REACH); i++) {
      const s = sentences[i]!;
      words.push(...wordSpans(doc.data.text.slice(s.start, s.end), s.start));
    }
    return words;
  }, [doc.data, sentences, index]);
  const [kbSelection, setKbSelection] = useState<KeyboardSelection | null>(null);
  useEffect(() => setKbSelection(null), [index]);
  const kbSpan = useMemo<Span | null>(() => {
    if (!kbSelection) return null;
    const a = nearWords[kbSelection.anchor];
    const f = nearWords[kbSelection.focus];
    return a && f ? { start: Math.min(a.start, f.start), end: Math.max(a.end, f.end) } : null;
  }, [kbSelection, nearWords]);

  const moveWordCursor = (direction: 1 | -1, extend: boolean) => {
    if (!current) return;
    const inCurrent = nearWords.map((w, i) => [w, i] as const).filter(([w]) => w.start >= current.start && w.end <= current.end);
    const start = direction > 0 ? inCurrent[0]?.[1] : inCurrent.at(-1)?.[1];
    if (start === undefined) return;
    setKbSelection((old) => {
      const focus = old ? Math.max(0, Math.min(nearWords.length - 1, old.focus + direction)) : start;
      return { anchor: extend ? (old?.anchor ?? start) : focus, focus };
    });
  };

  const takeSelection = useCallback((): Span | null => {
    if (!doc.data) return null;
    const fromMouse = selectedSpan(listRef.current?.textRoot() ?? null, doc.data.text);
    if (fromMouse) {
      window.getSelection()?.removeAllRanges();
      return fromMouse;
    }
    const span = kbSpan;
    setKbSelection(null);
    return span;
  }, [doc.data, kbSpan]);

  // Highlights: what the claim panel reports plus the keyboard selection, grouped by sentence.
  const [panelMarks, setPanelMarks] = useState<Mark[]>(NO_MARKS);
  const marksBySentence = useMemo(() => {
    const all = kbSpan ? [...panelMarks, { ...kbSpan, kind: 'selection' as const }] : panelMarks;
    const grouped = new Map<number, Mark[]>();
    for (const mark of all) {
      for (let i = sentenceAt(sentences, mark.start); i < sentences.length && sentences[i]!.start < mark.end; i++) {
        grouped.set(i, [...(grouped.get(i) ?? []), mark]);
      }
    }
    return grouped;
  }, [panelMarks, kbSpan, sentences]);
  const keepRendered = useMemo(() => (kbSpan ? [sentenceAt(sentences, kbSpan.start)] : []), [kbSpan, sentences]);

  // Suggestions for the current sentence: actor names and stance cues (computed for one sentence only).
  const matcher = useMemo(() => compileActorMatcher(actors.data ?? []), [actors.data]);
  const labelKeys = useMemo(() => (project.data?.stanceLabels ?? []).map((l) => l.key), [project.data]);
  const mentions = useMemo(() => (current && doc.data ? matcher(doc.data.text.slice(current.start, current.end), current.start) : []), [current, doc.data, matcher]);
  // The codebook codes officials to their state: a suggestion names the person's parent actor.
  const codeAs = useMemo(() => {
    const byId = new Map((actors.data ?? []).map((a) => [a.id, a]));
    return (id: number) => {
      const actor = byId.get(id);
      return actor?.kind === 'person' && actor.parentId != null && byId.has(actor.parentId) ? actor.parentId : id;
    };
  }, [actors.data]);
  const suggestions = useMemo(
    () => (current && doc.data ? suggestClaims(mentions, findCues(doc.data.text.slice(current.start, current.end), labelKeys, current.start), codeAs) : []),
    [current, doc.data, mentions, labelKeys, codeAs],
  );

  const [sheetOpen, setSheetOpen] = useState(false);
  const [codebookOpen, setCodebookOpen] = useState(false);

  const nextUnlabelled = () => {
    for (let step = 1; step <= sentences.length; step++) {
      const i = (index + step) % sentences.length;
      const s = sentences[i]!;
      if (!s.boilerplate && !annotationsBySentence.has(s.id)) {
        moveTo(i);
        return;
      }
    }
    setAnnouncement('Every sentence of this document is labelled.');
  };

  // One dispatcher for every shortcut: page-wide keys here, label keys in the claim panel.
  const onKey = (event: KeyboardEvent) => {
    if (!isShortcutEvent(event)) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key;
    let handled = true;
    if (ctrl && (key === 'z' || key === 'Z') && !event.shiftKey) {
      const change = history.undo();
      if (change) restore(change.sentenceId, change.before, 'Undone');
      else setAnnouncement('Nothing to undo.');
    } else if (ctrl && (((key === 'z' || key === 'Z') && event.shiftKey) || key === 'y')) {
      const change = history.redo();
      if (change) restore(change.sentenceId, change.after, 'Redone');
      else setAnnouncement('Nothing to redo.');
    } else if (ctrl) handled = false;
    else if (key === '?') setSheetOpen(true);
    else if (key === 'c') setCodebookOpen((open) => !open);
    else if (key === 'u') nextUnlabelled();
    else if ((key === 'j' || key === 'ArrowDown') && !event.shiftKey) moveTo(targetIndex.current + 1);
    else if ((key === 'k' || key === 'ArrowUp') && !event.shiftKey) moveTo(targetIndex.current - 1);
    else if (key === 'ArrowRight' || key === 'ArrowLeft') {
      // Arrows inside a radio group or the like keep their own meaning.
      if (event.target instanceof HTMLElement && event.target.closest('[role="radiogroup"]')) handled = false;
      else moveWordCursor(key === 'ArrowRight' ? 1 : -1, event.shiftKey);
    } else if (panelRef.current?.handleKey(event)) handled = true;
    else if (key === 'Escape' && kbSelection) setKbSelection(null);
    else handled = false;
    if (handled) event.preventDefault();
  };
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyRef.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

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

  let labelled = 0;
  let total = 0;
  for (const s of sentences) {
    if (s.boilerplate) continue;
    total++;
    if (annotationsBySentence.has(s.id)) labelled++;
  }
  const complete = total > 0 && labelled === total;

  return (
    <main className="workspace">
      <header className="workspace-head">
        <div>
          <Link to={`/projects/${projectId}`}>{project.data.name}</Link>
          <h1>{doc.data.title}</h1>
        </div>
        <div className="workspace-status">
          <span aria-label="Progress" className={complete ? 'complete' : undefined}>
            {labelled} / {total} labelled{complete && <strong> · Complete</strong>}
          </span>
          <SaveStatus pending={pending} failed={[...failed.values()].map((f) => f.message)} onRetry={retryFailed} />
          <button type="button" onClick={() => setCodebookOpen((open) => !open)} aria-pressed={codebookOpen}>
            Codebook <kbd>c</kbd>
          </button>
          <button type="button" onClick={() => setSheetOpen(true)}>
            Shortcuts <kbd>?</kbd>
          </button>
        </div>
      </header>
      <div className={`workspace-body${codebookOpen ? ' with-codebook' : ''}`}>
        <SentenceList
          ref={listRef}
          sentences={sentences}
          currentIndex={index}
          annotations={annotationsBySentence}
          marks={marksBySentence}
          keepRendered={keepRendered}
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
            takeSelection={takeSelection}
            focusList={focusList}
            onMarks={setPanelMarks}
            canCorrect={user.role !== 'annotator'}
          />
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <LeaveGuard pending={pending} unsaved={failed.size + (conflict ? 1 : 0)} />
      <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} labels={project.data.stanceLabels} />
      <ConflictDialog
        conflict={conflict}
        actors={actors.data}
        labels={project.data.stanceLabels}
        text={doc.data.text}
        onKeepMine={() => {
          if (conflict) mutate(conflict.input);
          setConflict(null);
        }}
        onKeepSaved={() => setConflict(null)}
      />
    </main>
  );
}

function SaveStatus({ pending, failed, onRetry }: { pending: boolean; failed: string[]; onRetry: () => void }) {
  if (failed.length > 0) {
    return (
      <span role="alert" className="save-status failed">
        Not saved ({failed.length} sentence{failed.length === 1 ? '' : 's'}): {failed[0]}{' '}
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </span>
    );
  }
  if (pending) {
    return (
      <span role="status" className="save-status saving">
        Saving…
      </span>
    );
  }
  return (
    <span role="status" className="save-status saved">
      All changes saved
    </span>
  );
}

interface ConflictProps {
  conflict: { input: SaveInput; current: Annotation | null } | null;
  actors: readonly Actor[];
  labels: readonly StanceLabel[];
  text: string;
  onKeepMine: () => void;
  onKeepSaved: () => void;
}

/** A label changed elsewhere (e.g. another tab): both versions side by side, the user keeps one. */
function ConflictDialog({ conflict, actors, labels, text, onKeepMine, onKeepSaved }: ConflictProps) {
  const byId = useMemo(() => new Map(actors.map((a) => [a.id, a])), [actors]);
  const describe = (label: { status: string | null; claims: Annotation['claims']; note?: string | null } | null) => {
    if (!label || label.status === null) return ['not labelled'];
    if (label.status === 'no_claim') return ['no claim'];
    if (label.status === 'skipped') return [`skipped: ${label.note ?? ''}`];
    return label.claims.map((c) => `${refText(c.speaker, byId, text)} — ${stanceName(c.stance, labels)} → ${refText(c.target, byId, text)}`);
  };
  return (
    <Modal title="This sentence was changed elsewhere" open={conflict !== null} onClose={onKeepSaved} className="conflict-dialog">
      <p>Your label and the saved one (from another tab or window) differ. Which one should be kept?</p>
      <div className="conflict-versions">
        <section aria-label="Your version">
          <h3>Your version</h3>
          <ul>{conflict && describe(conflict.input).map((line, i) => <li key={i}>{line}</li>)}</ul>
        </section>
        <section aria-label="Saved version">
          <h3>Saved version</h3>
          <ul>{conflict && describe(conflict.current).map((line, i) => <li key={i}>{line}</li>)}</ul>
        </section>
      </div>
      <div className="actions">
        <button type="button" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" onClick={onKeepSaved}>
          Keep the saved one
        </button>
      </div>
    </Modal>
  );
}
