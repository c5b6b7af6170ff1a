import { useEffect, useMemo, useRef, useState } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation, Claim } from '../../shared/schemas/annotations.ts';
import type { DocumentDetail, Sentence } from '../../shared/schemas/documents.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { ActorPicker } from '../actors/ActorPicker.tsx';
import type { SaveInput } from './mutations.ts';
import { refText, stanceName } from './claimText.ts';
import { isTypingTarget } from './WorkspacePage.tsx';
import { SentenceCorrections } from '../documents/SentenceCorrections.tsx';

interface Props {
  project: Project;
  document: DocumentDetail;
  sentence: Sentence;
  actors: readonly Actor[];
  annotation: Annotation | undefined;
  onSave: (input: SaveInput) => void;
  onMove: (delta: number) => void;
  focusList: () => void;
  /** Reviewers and admins may correct sentence boundaries and boilerplate flags. */
  canCorrect: boolean;
}

/** The claim being edited: an existing one (by its position) or a new draft. */
type Editing = { kind: 'claim'; position: number } | { kind: 'draft'; draft: Draft } | null;
interface Draft {
  speaker: number | null;
  stance: string | null;
  target: number | null;
}
type Field = 'speaker' | 'stance' | 'target' | 'list';

let localIds = 0;
const nextLocalId = () => --localIds;

/** The current sentence's label: claim cards, the claim editor and the stance, no-claim and skip actions. */
export function ClaimPanel({ project, document, sentence, actors, annotation, onSave, onMove, focusList, canCorrect }: Props) {
  const claims = annotation?.status === 'claims' ? annotation.claims : [];
  const [editing, setEditing] = useState<Editing>(null);
  const [focus, setFocus] = useState<Field | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const speakerRef = useRef<HTMLInputElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const stanceRef = useRef<HTMLDivElement>(null);
  const actorsById = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const labels = project.stanceLabels;

  // Move focus after the render that shows the field (a picker may not exist before it).
  useEffect(() => {
    if (!focus) return;
    if (focus === 'speaker') speakerRef.current?.focus();
    else if (focus === 'target') targetRef.current?.focus();
    else if (focus === 'stance') (stanceRef.current?.querySelector('[aria-checked="true"]') as HTMLElement | null ?? stanceRef.current?.querySelector('button'))?.focus();
    else focusList();
    setFocus(null);
  }, [focus, focusList]);

  const saveClaims = (next: Claim[]) => {
    setMessage(null);
    onSave({ sentenceId: sentence.id, status: next.length > 0 ? 'claims' : 'no_claim', claims: next });
  };

  const editedClaim = editing?.kind === 'claim' ? claims[editing.position] : undefined;
  const draft = editing?.kind === 'draft' ? editing.draft : null;

  /** Applies one field to the claim being edited; a complete draft is saved as a new claim. */
  const setField = (field: 'speaker' | 'stance' | 'target', value: number | string) => {
    if (editedClaim && editing?.kind === 'claim') {
      const changed: Claim =
        field === 'stance'
          ? { ...editedClaim, stance: String(value) }
          : { ...editedClaim, [field]: { actorId: Number(value), span: null } };
      saveClaims(claims.map((claim, position) => (position === editing.position ? changed : claim)));
      setEditing(null);
      setFocus('list');
      return;
    }
    const base: Draft = draft ?? { speaker: null, stance: null, target: null };
    const next: Draft = { ...base, [field]: value };
    if (next.speaker !== null && next.stance !== null && next.target !== null) {
      saveClaims([
        ...claims,
        {
          id: nextLocalId(),
          speaker: { actorId: next.speaker, span: null },
          stance: next.stance,
          target: { actorId: next.target, span: null },
          cue: null,
          negated: false,
          hypothetical: false,
          origin: 'manual',
        },
      ]);
      setEditing(null);
      setFocus('list');
      return;
    }
    setEditing({ kind: 'draft', draft: next });
    setFocus(next.speaker === null ? 'speaker' : next.stance === null ? 'stance' : 'target');
  };

  const startDraft = () => {
    setEditing({ kind: 'draft', draft: { speaker: null, stance: null, target: null } });
    setFocus('speaker');
  };

  const cancel = () => {
    setEditing(null);
    setFocus('list');
  };

  const removeClaim = (position: number) => {
    saveClaims(claims.filter((_, p) => p !== position));
    setEditing(null);
    setFocus('list');
  };

  const markNoClaim = () => {
    if (claims.length > 0) {
      setMessage('This sentence has claims: remove them before marking it as no claim.');
      return;
    }
    setEditing(null);
    onSave({ sentenceId: sentence.id, status: 'no_claim', claims: [] });
  };

  // Shortcuts: active anywhere on the page except while typing in a field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const stanceIndex = /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : -1;
      if (stanceIndex >= 0 && labels[stanceIndex]) {
        event.preventDefault();
        setField('stance', labels[stanceIndex].key);
      } else if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        setEditing(null);
        onMove(1);
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        setEditing(null);
        onMove(-1);
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
        event.preventDefault();
        startDraft();
      } else if (event.key === 'n') {
        event.preventDefault();
        markNoClaim();
      } else if (event.key === 'Escape' && editing) {
        event.preventDefault();
        cancel();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const shownStance = editedClaim?.stance ?? draft?.stance ?? null;
  const text = document.text;

  return (
    <section className="claim-panel" aria-label="Label of the current sentence">
      <h2>
        Sentence {sentence.index + 1}
        {sentence.boilerplate && <span className="badge">boilerplate</span>}
      </h2>
      <blockquote className="current-sentence">{sentence.text}</blockquote>

      <p className="label-status" aria-live="polite">
        {annotation?.status === 'no_claim'
          ? 'Labelled: no claim'
          : annotation?.status === 'skipped'
            ? `Skipped: ${annotation.note ?? ''}`
            : claims.length > 0
              ? `${claims.length} claim${claims.length === 1 ? '' : 's'}`
              : 'Not labelled yet'}
      </p>

      <ul className="claims" aria-label="Claims">
        {claims.map((claim, position) => (
          <li key={claim.id} className={`claim-card${editing?.kind === 'claim' && editing.position === position ? ' editing' : ''}`}>
            <button type="button" className="claim-summary" onClick={() => setEditing({ kind: 'claim', position })} aria-label={`Edit claim ${refText(claim.speaker, actorsById, text)} ${stanceName(claim.stance, labels)} ${refText(claim.target, actorsById, text)}`}>
              <span className="who">{refText(claim.speaker, actorsById, text)}</span> —{' '}
              <span className={`stance stance-${claim.stance}`}>{stanceName(claim.stance, labels)}</span> →{' '}
              <span className="who">{refText(claim.target, actorsById, text)}</span>
            </button>
            <button type="button" className="icon" onClick={() => removeClaim(position)} aria-label="Remove claim">
              ×
            </button>
          </li>
        ))}
      </ul>

      {editing && (
        <div className="claim-editor" aria-label={draft ? 'New claim' : 'Edit claim'} role="group">
          <ActorPicker
            ref={speakerRef}
            label="Speaker"
            actors={actors}
            value={editedClaim?.speaker.actorId ?? draft?.speaker ?? null}
            onPick={(actor) => setField('speaker', actor.id)}
            onCancel={cancel}
          />
          <div className="stance-group" role="radiogroup" aria-label="Stance" ref={stanceRef}>
            {labels.map((label, i) => (
              <button
                key={label.key}
                type="button"
                role="radio"
                aria-checked={shownStance === label.key}
                style={{ '--stance-colour': label.colour } as React.CSSProperties}
                onClick={() => setField('stance', label.key)}
              >
                <kbd>{i + 1}</kbd> {label.name}
              </button>
            ))}
          </div>
          <ActorPicker
            ref={targetRef}
            label="Target"
            actors={actors}
            value={editedClaim?.target.actorId ?? draft?.target ?? null}
            onPick={(actor) => setField('target', actor.id)}
            onCancel={cancel}
          />
          <button type="button" onClick={cancel}>
            {draft ? 'Cancel' : 'Done'} <kbd>Esc</kbd>
          </button>
        </div>
      )}

      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}

      <div className="actions">
        <button type="button" onClick={startDraft}>
          Add claim <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={markNoClaim}>
          No claim <kbd>n</kbd>
        </button>
        <button type="button" onClick={() => onMove(1)}>
          Next sentence <kbd>j</kbd>
        </button>
      </div>
      {canCorrect && <SentenceCorrections documentId={document.id} sentence={sentence} />}
      <p className="muted small">
        Stance keys: {labels.map((label, i) => `${i + 1} ${label.name.toLocaleLowerCase()}`).join(' · ')}. Previous sentence: k.
      </p>
    </section>
  );
}
