import { useId, useMemo, useRef, useState } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation, AnnotationStatus, Claim } from '../../shared/schemas/annotations.ts';
import type { DocumentDetail } from '../../shared/schemas/documents.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import type { Disagreement, Gold } from '../../shared/schemas/review.ts';
import { RATIONALE_MAX } from '../../shared/limits.ts';
import { annotationsOfSentence, compareAnnotations, mergeLabels, mergeTaking } from './compare.ts';
import { toCopiedClaimInput } from '../../shared/claimInput.ts';
import { ComparisonTable } from './ComparisonTable.tsx';
import { GoldEditor } from './GoldEditor.tsx';
import { GoldSummary } from './GoldSummary.tsx';
import { SentenceHistory } from './SentenceHistory.tsx';
import { SentenceContext } from './SentenceContext.tsx';
import { ContradictionDialog } from './ContradictionDialog.tsx';
import { useAnnotatorNames, useGoldSave, useMergeSelection, usePanelKeys } from './useAdjudication.ts';

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

/**
 * One disputed sentence: its context, every annotator's label side by side with differences marked,
 * and the ways to make gold of it — accept one annotator (1…9), merge (m), edit (e) — with a rationale.
 */
export function AdjudicationPanel({ projectId, item, doc, annotations, gold, actors, stanceLabels, usernames, hideNames, onSaved }: Props) {
  const headingId = useId();
  const rationaleId = useId();
  const labels = useMemo(() => annotationsOfSentence(annotations, item.sentenceId), [annotations, item.sentenceId]);
  const comparison = useMemo(() => compareAnnotations(labels), [labels]);
  const actorsById = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const { names, nameOf } = useAnnotatorNames(labels, usernames, hideNames);
  const { selected, toggle, chosen } = useMergeSelection(labels);
  const [editing, setEditing] = useState(false);
  // What the editor starts from when it opens on a held (contradicting) accept or merge; else gold or the merge.
  const [editFrom, setEditFrom] = useState<{ status: AnnotationStatus; claims: readonly Claim[] } | null>(null);
  const lastLabel = useRef<{ status: AnnotationStatus; claims: readonly Claim[] } | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const { pending, submit, rationale, setRationale, message, setMessage, held, saveHeld, dropHeld } = useGoldSave(projectId, item, gold, (summary) => {
    setEditing(false);
    setEditFrom(null);
    onSaved(summary);
  });
  const editHeld = () => {
    dropHeld();
    // A contradiction found while editing leaves the editor as it was; an accept or merge opens it on that label.
    if (!editing) {
      setEditFrom(lastLabel.current);
      setEditing(true);
    }
  };

  const accept = (index: number) => {
    const label = labels[index];
    if (!label) return;
    lastLabel.current = label;
    submit(
      label.status,
      label.claims.map(toCopiedClaimInput),
      'accepted',
      [label.annotatorId],
      `Accepted ${names[index]} as gold for sentence ${item.index + 1}.`,
    );
  };
  const merge = () => {
    const sources = chosen();
    if (sources.length === 0) return setMessage('Tick “in merge” for at least one annotator to merge.');
    const merged = mergeLabels(sources);
    lastLabel.current = merged;
    submit(
      merged.status,
      merged.claims.map(toCopiedClaimInput),
      'merged',
      sources.map((l) => l.annotatorId),
      `Merged ${sources.map((l) => nameOf(l.annotatorId)).join(' and ')} into gold for sentence ${item.index + 1}.`,
    );
  };
  // One reading of a claim unit a speaker or target apart: the editor opens on the merge with that reading alone.
  const take = (rowIndex: number, index: number) => {
    const row = comparison.rows[rowIndex];
    const claim = row?.claims[index];
    if (!row || !claim) return;
    setEditFrom(mergeTaking(chosen(), row, claim));
    setEditing(true);
  };
  // Keys of this panel; the page handles moving between conflicts.
  usePanelKeys(!editing && held === null, { accept, merge, edit: () => setEditing(true) });

  return (
    <section className="adjudication" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {item.documentTitle} · sentence {item.index + 1}
        {item.resolved && <span className="badge resolved">resolved</span>}
      </h2>
      <SentenceContext doc={doc} item={item} labels={labels} />

      {labels.length === 0 ? (
        <p aria-busy="true">Loading labels…</p>
      ) : (
        <ComparisonTable
          annotations={labels}
          names={names}
          comparison={comparison}
          selected={selected}
          onToggleSelected={toggle}
          onAccept={accept}
          onTake={take}
          busy={pending || editing}
          actorsById={actorsById}
          stanceLabels={stanceLabels}
          text={doc.text}
        />
      )}

      <div className="field rationale">
        <label htmlFor={rationaleId}>Rationale (optional, saved with the gold label)</label>
        <textarea id={rationaleId} rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} maxLength={RATIONALE_MAX} />
      </div>

      {editing ? (
        <GoldEditor
          initial={editFrom ?? gold ?? mergeLabels(chosen())}
          actors={actors}
          actorsById={actorsById}
          stanceLabels={stanceLabels}
          text={doc.text}
          saving={pending}
          onCancel={() => {
            setEditing(false);
            setEditFrom(null);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
          onSave={(status, claims) =>
            submit(
              status,
              claims,
              'edited',
              chosen().map((l) => l.annotatorId),
              `Saved an edited gold label for sentence ${item.index + 1}.`,
            )
          }
        />
      ) : (
        <div className="actions">
          <button type="button" onClick={merge} disabled={pending || labels.length === 0}>
            Merge ticked <kbd>m</kbd>
          </button>
          <button type="button" ref={editButton} onClick={() => setEditing(true)} disabled={pending || labels.length === 0}>
            Edit… <kbd>e</kbd>
          </button>
          {pending && <span className="muted">Saving…</span>}
        </div>
      )}

      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}

      <ContradictionDialog
        held={held}
        actorsById={actorsById}
        stanceLabels={stanceLabels}
        text={doc.text}
        onEdit={editHeld}
        onSaveAnyway={saveHeld}
        onCancel={dropHeld}
      />

      {gold && <GoldSummary gold={gold} actorsById={actorsById} stanceLabels={stanceLabels} text={doc.text} nameOf={nameOf} usernames={usernames} />}

      <SentenceHistory sentenceId={item.sentenceId} hideNames={hideNames} actorsById={actorsById} stanceLabels={stanceLabels} text={doc.text} />
    </section>
  );
}
