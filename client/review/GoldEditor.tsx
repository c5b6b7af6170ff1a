import { useEffect, useId, useRef, useState } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { AnnotationStatus, Claim, ClaimInput } from '../../shared/schemas/annotations.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import type { Span } from '../../shared/schemas/common.ts';
import { refText } from '../ui/claimText.ts';

type Ref = Claim['speaker'];

/** A claim being edited: speaker and target may still be unchosen. */
interface DraftClaim {
  key: number;
  speaker: Ref | null;
  stance: string;
  target: Ref | null;
  cue: Span | null;
  negated: boolean;
  hypothetical: boolean;
}

interface Props {
  initial: { status: AnnotationStatus; claims: readonly Claim[] };
  actors: readonly Actor[];
  actorsById: ReadonlyMap<number, Actor>;
  stanceLabels: readonly StanceLabel[];
  text: string;
  saving: boolean;
  onSave: (status: AnnotationStatus, claims: ClaimInput[]) => void;
  onCancel: () => void;
}

let lastKey = 0;

// A ref as a <select> value: the actor when there is one, else the span it quotes.
const refValue = (ref: Ref | null) => (ref === null ? '' : ref.actorId !== null ? `a${ref.actorId}` : ref.span ? `s${ref.span.start}-${ref.span.end}` : '');

/** The gold label edited by hand: status, and per claim speaker and target (actor lists), stance (buttons) and flags (checkboxes). */
export function GoldEditor({ initial, actors, actorsById, stanceLabels, text, saving, onSave, onCancel }: Props) {
  const headingId = useId();
  const [status, setStatus] = useState<AnnotationStatus>(initial.status);
  const [claims, setClaims] = useState<DraftClaim[]>(() =>
    initial.claims.map((claim) => ({
      key: ++lastKey,
      speaker: claim.speaker,
      stance: claim.stance,
      target: claim.target,
      cue: claim.cue,
      negated: claim.negated,
      hypothetical: claim.hypothetical,
    })),
  );
  const [message, setMessage] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  const sorted = [...actors].sort((a, b) => a.name.localeCompare(b.name));

  useEffect(() => {
    first.current?.focus();
  }, []);

  const update = (key: number, change: Partial<DraftClaim>) => setClaims((old) => old.map((c) => (c.key === key ? { ...c, ...change } : c)));

  const save = () => {
    if (status === 'claims' && claims.length === 0) return setMessage('Add a claim, or set the status to “no claim”.');
    const incomplete = claims.findIndex((c) => c.speaker === null || c.target === null);
    if (status === 'claims' && incomplete >= 0) return setMessage(`Claim ${incomplete + 1} needs a speaker and a target.`);
    setMessage(null);
    onSave(
      status,
      status === 'claims'
        ? claims.map((c) => ({ speaker: c.speaker!, stance: c.stance, target: c.target!, cue: c.cue, negated: c.negated, hypothetical: c.hypothetical }))
        : [],
    );
  };

  return (
    <section
      className="gold-editor"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={headingId}>Edit the gold label</h3>
      <fieldset className="status-choice">
        <legend>Status</legend>
        {(['claims', 'no_claim'] as const).map((value) => (
          <label key={value} className="inline">
            <input type="radio" name={`${headingId}-status`} checked={status === value} onChange={() => setStatus(value)} />{' '}
            {value === 'claims' ? 'claims' : 'no claim'}
          </label>
        ))}
      </fieldset>
      {status === 'claims' && (
        <ol className="draft-claims">
          {claims.map((claim, index) => (
            <li key={claim.key} className="draft-claim">
              <span className="draft-number">Claim {index + 1}</span>
              <RefSelect
                label="Speaker"
                selectRef={index === 0 ? first : undefined}
                value={claim.speaker}
                actors={sorted}
                describe={(ref) => refText(ref, actorsById, text)}
                onChange={(speaker) => update(claim.key, { speaker })}
              />
              <div role="radiogroup" aria-label={`Stance of claim ${index + 1}`} className="stance-group">
                {stanceLabels.map((label) => (
                  <button
                    key={label.key}
                    type="button"
                    role="radio"
                    aria-checked={claim.stance === label.key}
                    style={{ '--stance-colour': label.colour }}
                    onClick={() => update(claim.key, { stance: label.key })}
                  >
                    {label.name}
                  </button>
                ))}
              </div>
              <RefSelect
                label="Target"
                value={claim.target}
                actors={sorted}
                describe={(ref) => refText(ref, actorsById, text)}
                onChange={(target) => update(claim.key, { target })}
              />
              <span className="draft-flags">
                {(['negated', 'hypothetical'] as const).map((flag) => (
                  <label key={flag} className="inline">
                    <input type="checkbox" checked={claim[flag]} onChange={() => update(claim.key, { [flag]: !claim[flag] })} /> {flag}
                    <span className="visually-hidden"> (claim {index + 1})</span>
                  </label>
                ))}
              </span>
              <button type="button" onClick={() => setClaims((old) => old.filter((c) => c.key !== claim.key))} aria-label={`Remove claim ${index + 1}`}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      {status === 'claims' && (
        <button
          type="button"
          onClick={() =>
            setClaims((old) => [
              ...old,
              { key: ++lastKey, speaker: null, stance: stanceLabels[0]?.key ?? '', target: null, cue: null, negated: false, hypothetical: false },
            ])
          }
        >
          Add claim
        </button>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={save} disabled={saving}>
          Save edited gold
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

/** A speaker or target choice: any actor of the registry, or the draft's own span-only ref as it was. */
function RefSelect({
  label,
  value,
  actors,
  describe,
  onChange,
  selectRef,
}: {
  label: string;
  value: Ref | null;
  actors: readonly Actor[];
  describe: (ref: Ref) => string;
  onChange: (ref: Ref | null) => void;
  selectRef?: React.Ref<HTMLSelectElement> | undefined;
}) {
  const spanOnly = value && value.actorId === null && value.span ? value : null;
  const pick = (choice: string): Ref | null => {
    if (choice === '') return null;
    if (choice.startsWith('a')) return { actorId: Number(choice.slice(1)), span: null };
    return value;
  };
  return (
    <label>
      {label}
      <select ref={selectRef} value={refValue(value)} onChange={(e) => onChange(pick(e.target.value))}>
        <option value="">— choose —</option>
        {spanOnly && <option value={refValue(spanOnly)}>{describe(spanOnly)} (text span)</option>}
        {actors.map((actor) => (
          <option key={actor.id} value={`a${actor.id}`}>
            {actor.name}
          </option>
        ))}
      </select>
    </label>
  );
}
