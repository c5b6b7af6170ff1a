import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../api.ts';
import { isReviewShortcut } from './keys.ts';
import { refText, stanceName } from '../ui/claimText.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation, AnnotationStatus, ClaimInput } from '../../shared/schemas/annotations.ts';
import type { DocumentDetail } from '../../shared/schemas/documents.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import { Gold, type Disagreement, type GoldMethod } from '../../shared/schemas/review.ts';
import { annotationsOfSentence, compareAnnotations, letterOf, mergeLabels, toClaimInput } from './compare.ts';
import { ComparisonTable } from './ComparisonTable.tsx';
import { GoldEditor } from './GoldEditor.tsx';
import { useSaveGold } from './mutations.ts';
import { reviewQueries } from './queries.ts';

interface Props {
  projectId: number;
  item: Disagreement;
  doc: DocumentDetail;
  annotations: readonly Annotation[];
  gold: Gold | undefined;
  actors: readonly Actor[];
  stanceLabels: readonly StanceLabel[];
  /** Usernames by user id (reviewers and admins read the member list). */
  usernames: ReadonlyMap<number, string>;
  hideNames: boolean;
  /** Called after a save went through, with a sentence saying what was saved. */
  onSaved: (summary: string) => void;
}

const METHOD_TEXT: Record<GoldMethod, string> = { accepted: 'accepted', merged: 'merged', edited: 'edited', unanimous: 'unanimous' };

/**
 * One disputed sentence: its context, every annotator's label side by side with differences marked,
 * and the ways to make gold of it — accept one annotator (1…9), merge (m), edit (e) — with a rationale.
 */
export function AdjudicationPanel({ projectId, item, doc, annotations, gold, actors, stanceLabels, usernames, hideNames, onSaved }: Props) {
  const headingId = useId();
  const rationaleId = useId();
  const save = useSaveGold(projectId);
  const labels = useMemo(() => annotationsOfSentence(annotations, item.sentenceId), [annotations, item.sentenceId]);
  const comparison = useMemo(() => compareAnnotations(labels), [labels]);
  const actorsById = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set(labels.map((l) => l.annotatorId)));
  const [rationale, setRationale] = useState(gold?.rationale ?? '');
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  // Labels arrive after the panel opens on a deep link: everyone is in the merge until unticked.
  useEffect(() => {
    setSelected((old) => (old.size === 0 ? new Set(labels.map((l) => l.annotatorId)) : old));
  }, [labels]);

  const names = labels.map((label, index) =>
    hideNames ? `Annotator ${letterOf(index)}` : `${letterOf(index)} · ${usernames.get(label.annotatorId) ?? `user ${label.annotatorId}`}`,
  );
  const nameOf = (annotatorId: number) => {
    const index = labels.findIndex((l) => l.annotatorId === annotatorId);
    return index >= 0 ? names[index]! : hideNames ? 'an annotator' : (usernames.get(annotatorId) ?? `user ${annotatorId}`);
  };

  const sentences = doc.sentences;
  const position = sentences.findIndex((s) => s.id === item.sentenceId);
  const previous = position > 0 ? sentences[position - 1] : undefined;
  const current = sentences[position];
  const next = position >= 0 ? sentences[position + 1] : undefined;

  const submit = (status: AnnotationStatus, claims: ClaimInput[], method: Exclude<GoldMethod, 'unanimous'>, sources: number[], summary: string) => {
    if (save.isPending) return;
    setMessage(null);
    save.mutate(
      { sentenceId: item.sentenceId, documentId: item.documentId, status, claims, method, sourceAnnotators: sources, rationale: rationale.trim() || null, baseVersion: gold?.version ?? 0 },
      {
        onSuccess: () => {
          setEditing(false);
          onSaved(summary);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'conflict') {
            const current = Gold.nullable().safeParse(error.body.current);
            const who = current.success && current.data ? ` (now ${METHOD_TEXT[current.data.method]}, version ${current.data.version})` : '';
            setMessage(`Someone else saved the gold label of this sentence while you were looking${who}. It is shown below; check it, then save again to replace it.`);
            return;
          }
          setMessage(`The gold label was not saved: ${errorMessage(error)}`);
        },
      },
    );
  };

  const accept = (index: number) => {
    const label = labels[index];
    if (!label) return;
    submit(label.status, label.claims.map(toClaimInput), 'accepted', [label.annotatorId], `Accepted ${names[index]} as gold for sentence ${item.index + 1}.`);
  };

  const chosen = () => labels.filter((l) => selected.has(l.annotatorId));

  const merge = () => {
    const sources = chosen();
    if (sources.length === 0) return setMessage('Tick “in merge” for at least one annotator to merge.');
    const merged = mergeLabels(sources);
    submit(
      merged.status,
      merged.claims.map(toClaimInput),
      'merged',
      sources.map((l) => l.annotatorId),
      `Merged ${sources.map((l) => nameOf(l.annotatorId)).join(' and ')} into gold for sentence ${item.index + 1}.`,
    );
  };

  // Keys of this panel; the page handles moving between conflicts.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isReviewShortcut(event) || editing) return;
      if (/^[1-9]$/.test(event.key)) {
        event.preventDefault();
        accept(Number(event.key) - 1);
      } else if (event.key === 'm') {
        event.preventDefault();
        merge();
      } else if (event.key === 'e') {
        event.preventDefault();
        setEditing(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const history = useQuery({ ...reviewQueries.history(item.sentenceId), enabled: false });

  return (
    <section className="adjudication" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {item.documentTitle} · sentence {item.index + 1}
        {item.resolved && <span className="badge resolved">resolved</span>}
      </h2>
      <div className="context" aria-label="The sentence in context">
        {previous && <p className="context-sentence muted">{previous.text}</p>}
        <p className="context-current">{current?.text ?? item.text}</p>
        {next && <p className="context-sentence muted">{next.text}</p>}
      </div>

      {labels.length === 0 ? (
        <p aria-busy="true">Loading labels…</p>
      ) : (
        <ComparisonTable
          annotations={labels}
          names={names}
          comparison={comparison}
          selected={selected}
          onToggleSelected={(id) =>
            setSelected((old) => {
              const nextSet = new Set(old);
              if (nextSet.has(id)) nextSet.delete(id);
              else nextSet.add(id);
              return nextSet;
            })
          }
          onAccept={accept}
          busy={save.isPending || editing}
          actorsById={actorsById}
          stanceLabels={stanceLabels}
          text={doc.text}
        />
      )}

      <div className="field rationale">
        <label htmlFor={rationaleId}>Rationale (optional, saved with the gold label)</label>
        <textarea id={rationaleId} rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} maxLength={4000} />
      </div>

      {editing ? (
        <GoldEditor
          initial={gold ?? mergeLabels(chosen())}
          actors={actors}
          actorsById={actorsById}
          stanceLabels={stanceLabels}
          text={doc.text}
          saving={save.isPending}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
          onSave={(status, claims) =>
            submit(status, claims, 'edited', chosen().map((l) => l.annotatorId), `Saved an edited gold label for sentence ${item.index + 1}.`)
          }
        />
      ) : (
        <div className="actions">
          <button type="button" onClick={merge} disabled={save.isPending || labels.length === 0}>
            Merge ticked <kbd>m</kbd>
          </button>
          <button type="button" ref={editButton} onClick={() => setEditing(true)} disabled={save.isPending || labels.length === 0}>
            Edit… <kbd>e</kbd>
          </button>
          {save.isPending && <span className="muted">Saving…</span>}
        </div>
      )}

      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}

      {gold && (
        <div className="gold-now">
          <h3>Gold label</h3>
          <p>
            {gold.status === 'claims'
              ? gold.claims.map((claim, i) => (
                  <span key={claim.id} className="gold-claim">
                    {i > 0 && '; '}
                    {refText(claim.speaker, actorsById, doc.text)} — <span className={`stance stance-${claim.stance}`}>{stanceName(claim.stance, stanceLabels)}</span> →{' '}
                    {refText(claim.target, actorsById, doc.text)}
                    {claim.negated && <span className="badge">negated</span>}
                    {claim.hypothetical && <span className="badge">hypothetical</span>}
                  </span>
                ))
              : gold.status === 'no_claim'
                ? 'no claim'
                : 'skipped'}
          </p>
          <p className="muted small">
            {METHOD_TEXT[gold.method]}
            {gold.sourceAnnotators.length > 0 && ` from ${gold.sourceAnnotators.map(nameOf).join(', ')}`} by{' '}
            {usernames.get(gold.reviewerId) ?? `user ${gold.reviewerId}`}, version {gold.version}
            {gold.rationale && ` — “${gold.rationale}”`}
          </p>
        </div>
      )}

      <details
        className="history"
        onToggle={(event) => {
          if (event.currentTarget.open) void history.refetch();
        }}
      >
        <summary>History of this sentence</summary>
        {history.isFetching && <p aria-busy="true">Loading…</p>}
        {history.error && <p className="error">{errorMessage(history.error)}</p>}
        {history.data && (
          <ol className="history-list">
            {history.data.map((event) => (
              <li key={event.id}>
                <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time> — {hideNames && event.entity === 'annotation' ? 'an annotator' : (event.user?.username ?? 'system')}{' '}
                {event.action} {event.entity === 'gold' ? 'gold label' : event.entity}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}
