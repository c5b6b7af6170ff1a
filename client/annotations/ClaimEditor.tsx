import type { RefObject } from 'react';
import { ActorPicker } from '../actors/ActorPicker.tsx';
import { sentenceContains, type Draft, type Role } from './claims.ts';
import type { Field } from './editorSteps.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

interface Props {
  /** The draft, or the position of the saved claim being edited. */
  editing: 'draft' | number;
  shown: Draft | Claim;
  sentence: Sentence;
  text: string;
  actors: readonly Actor[];
  labels: readonly StanceLabel[];
  refs: {
    speakerRef: RefObject<HTMLInputElement | null>;
    targetRef: RefObject<HTMLInputElement | null>;
    stanceRef: RefObject<HTMLDivElement | null>;
  };
  onHover: (hovered: 'draft' | null) => void;
  onPick: (role: Role, actor: Actor) => void;
  onStance: (key: string) => void;
  onToggleFlag: (flag: 'negated' | 'hypothetical') => void;
  /** Esc in a field: one step back. */
  onBack: (field: Field) => void;
  /** Enter in a picker with nothing typed: on to the next field. */
  onForward: (field: Field) => void;
  /** Drops the new claim (or closes a saved claim's editor). */
  onDiscard: () => void;
}

/** The claim editor: speaker and target pickers, the stance choice, the spans, and (for a new claim) its flags. */
export function ClaimEditor({
  editing,
  shown,
  sentence,
  text,
  actors,
  labels,
  refs,
  onHover,
  onPick,
  onStance,
  onToggleFlag,
  onBack,
  onForward,
  onDiscard,
}: Props) {
  // In a picker with nothing typed, the number keys still set the stance and Enter goes on, so the
  // speaker, stance and target can be given in any order.
  // A speaker or target given as a span alone: its box shows the span's words, not an empty field.
  const spanText = (role: Role) => {
    const span = shown[role]?.span;
    return span ? text.slice(span.start, span.end) : undefined;
  };
  const emptyKey = (field: Role) => (key: string) => {
    const label = /^[1-9]$/.test(key) ? labels[Number(key) - 1] : undefined;
    if (label) onStance(label.key);
    else if (key === 'Enter') onForward(field);
    else return false;
    return true;
  };
  return (
    <div
      className="claim-editor"
      aria-label={editing === 'draft' ? 'New claim' : `Edit claim ${Number(editing) + 1}`}
      role="group"
      onMouseEnter={() => onHover('draft')}
      onMouseLeave={() => onHover(null)}
    >
      <div data-field="speaker">
        <ActorPicker
          ref={refs.speakerRef}
          label="Speaker"
          actors={actors}
          value={shown.speaker?.actorId ?? null}
          spanText={spanText('speaker')}
          onPick={(actor) => onPick('speaker', actor)}
          onCancel={() => onBack('speaker')}
          onEmptyKey={emptyKey('speaker')}
          offerAuthor
        />
      </div>
      <div className="stance-group" role="radiogroup" aria-label="Stance" ref={refs.stanceRef}>
        {labels.map((label, i) => (
          <button
            key={label.key}
            type="button"
            role="radio"
            aria-checked={shown.stance === label.key}
            style={{ '--stance-colour': label.colour }}
            onClick={() => onStance(label.key)}
          >
            <kbd>{i + 1}</kbd> {label.name}
          </button>
        ))}
      </div>
      <div data-field="target">
        <ActorPicker
          ref={refs.targetRef}
          label="Target"
          actors={actors}
          value={shown.target?.actorId ?? null}
          spanText={spanText('target')}
          onPick={(actor) => onPick('target', actor)}
          onCancel={() => onBack('target')}
          onEmptyKey={emptyKey('target')}
        />
      </div>
      <ul className="span-lines">
        <SpanLine role="speaker" span={shown.speaker?.span} sentence={sentence} text={text} />
        <SpanLine role="target" span={shown.target?.span} sentence={sentence} text={text} />
        <SpanLine role="cue" span={shown.cue} sentence={sentence} text={text} />
      </ul>
      {editing === 'draft' && (
        <div className="draft-flags">
          <label>
            <input type="checkbox" checked={shown.negated} onChange={() => onToggleFlag('negated')} /> Negated <kbd>!</kbd>
          </label>
          <label>
            <input type="checkbox" checked={shown.hypothetical} onChange={() => onToggleFlag('hypothetical')} /> Hypothetical <kbd>h</kbd>
          </label>
        </div>
      )}
      <p className="muted small">
        Select words in the text (mouse, or ←/→ and Shift+←/→) and press <kbd>s</kbd> or <kbd>t</kbd> to mark the speaker or target span. <kbd>Esc</kbd> steps
        back one field; a new claim is kept until you discard it.
      </p>
      {editing === 'draft' ? (
        <button type="button" onClick={onDiscard}>
          Discard new claim
        </button>
      ) : (
        <button type="button" onClick={onDiscard}>
          Done <kbd>Esc</kbd>
        </button>
      )}
    </div>
  );
}

/** One span of the claim in words, saying when it lies in another sentence. */
function SpanLine({ role, span, sentence, text }: { role: Role | 'cue'; span: Span | null | undefined; sentence: Sentence; text: string }) {
  if (!span) return null;
  return (
    <li>
      <span className={`swatch swatch-${role}`} aria-hidden="true" /> {role} span “{text.slice(span.start, span.end)}”
      {!sentenceContains(sentence, span) && <span className="muted"> (in another sentence)</span>}
    </li>
  );
}
