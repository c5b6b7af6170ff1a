import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation, Claim } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { DocumentDetail, Sentence } from '../../shared/schemas/documents.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { ActorMention, SuggestedClaim } from '../../shared/suggestions.ts';
import { setRefPart, textLinkSource } from '../../shared/actorLinks.ts';
import { ActorPicker } from '../actors/ActorPicker.tsx';
import type { SaveInput } from './mutations.ts';
import { refText, stanceName } from '../ui/claimText.ts';
import type { Mark } from './spans.ts';
import { SentenceCorrections } from '../documents/SentenceCorrections.tsx';

type Role = 'speaker' | 'target';
type RefValue = Claim['speaker'];

interface Props {
  project: Project;
  document: DocumentDetail;
  sentence: Sentence;
  actors: readonly Actor[];
  annotation: Annotation | undefined;
  /** Actors named in the sentence (underlined in the text). */
  mentions: readonly ActorMention[];
  /** Claims proposed by the cue lexicon for this sentence. */
  suggestions: readonly SuggestedClaim[];
  onSave: (input: SaveInput) => void;
  /** The text selected in the document (snapped to words), consumed by `s` / `t`; null when none. */
  takeSelection: () => Span | null;
  focusList: () => void;
  /** Reports what to highlight in the text: the claims' spans, the draft's, mentions and cues. */
  onMarks: (marks: Mark[]) => void;
  /** Reviewers and admins may correct sentence boundaries and boilerplate flags. */
  canCorrect: boolean;
}

/** What the page asks of the panel: to handle a shortcut key (true when it did). */
export interface ClaimPanelHandle {
  handleKey: (event: KeyboardEvent) => boolean;
}

/** A claim being put together; it is saved once speaker, stance and target are all set. */
interface Draft {
  speaker: RefValue | null;
  stance: string | null;
  target: RefValue | null;
  cue: Span | null;
  negated: boolean;
  hypothetical: boolean;
  origin: string;
}

/** Which claim the editor shows (the draft or a saved claim by position) and which field has focus. */
type Editor = { of: 'draft' | number; field: Role | 'stance' | null } | null;

const EMPTY_DRAFT: Draft = { speaker: null, stance: null, target: null, cue: null, negated: false, hypothetical: false, origin: 'manual' };

let localIds = 0;
/** Ids ≤ 0 mark claims the server has not seen yet. */
export const nextLocalId = () => --localIds;

const hasRef = (ref: RefValue | null): ref is RefValue => ref != null && (ref.actorId != null || ref.span != null);
const overlaps = (a: Span | null | undefined, b: Span | null | undefined) => !!a && !!b && a.start < b.end && b.start < a.end;

/** The current sentence's label: claim cards, suggestions, the claim editor, no claim and skip. */
export const ClaimPanel = forwardRef<ClaimPanelHandle, Props>(function ClaimPanel(
  { project, document, sentence, actors, annotation, mentions, suggestions, onSave, takeSelection, focusList, onMarks, canCorrect },
  ref,
) {
  const claims = useMemo(() => (annotation?.status === 'claims' ? annotation.claims : []), [annotation]);
  const [selected, setSelected] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | 'draft' | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editor, setEditor] = useState<Editor>(null);
  const [skipping, setSkipping] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [focusTo, setFocusTo] = useState<Role | 'stance' | 'list' | 'skip' | null>(null);
  const speakerRef = useRef<HTMLInputElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const stanceRef = useRef<HTMLDivElement>(null);
  const skipRef = useRef<HTMLInputElement>(null);
  const actorsById = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const labels = project.stanceLabels;
  const text = document.text;
  const selectedPosition = selected !== null && selected < claims.length ? selected : null;

  // Suggestions already taken (same cue, or the same speaker, stance and target) are not offered again.
  const open = useMemo(
    () =>
      suggestions.filter(
        (s) =>
          !claims.some(
            (c) =>
              overlaps(c.cue, s.cue) ||
              (c.stance === s.stance && c.speaker.actorId === (s.speaker?.actorId ?? -1) && c.target.actorId === (s.target?.actorId ?? -1)),
          ),
      ),
    [suggestions, claims],
  );

  // Move focus after the render that shows the field (a picker may not exist before it).
  useEffect(() => {
    if (!focusTo) return;
    if (focusTo === 'speaker') speakerRef.current?.focus();
    else if (focusTo === 'target') targetRef.current?.focus();
    else if (focusTo === 'skip') skipRef.current?.focus();
    else if (focusTo === 'stance')
      (stanceRef.current?.querySelector<HTMLElement>('[aria-checked="true"]') ?? stanceRef.current?.querySelector<HTMLElement>('button'))?.focus();
    else focusList();
    setFocusTo(null);
  }, [focusTo, focusList]);

  // Highlights for the text: every claim's spans (stronger for the hovered or selected claim), the draft's, mentions and cues.
  const marks = useMemo(() => {
    const list: Mark[] = mentions.map((m) => ({ start: m.start, end: m.end, kind: 'mention' }));
    for (const s of open) list.push({ ...s.cue, kind: 'suggested-cue' });
    const add = (c: { speaker: RefValue | null; target: RefValue | null; cue: Span | null }, strong: boolean) => {
      if (c.speaker?.span) list.push({ ...c.speaker.span, kind: 'speaker', strong });
      if (c.target?.span) list.push({ ...c.target.span, kind: 'target', strong });
      if (c.cue) list.push({ ...c.cue, kind: 'cue', strong });
    };
    claims.forEach((c, position) => add(c, hovered === position || selectedPosition === position));
    if (draft) add(draft, true);
    return list;
  }, [mentions, open, claims, hovered, selectedPosition, draft]);
  useEffect(() => onMarks(marks), [marks, onMarks]);

  const save = (next: Claim[], select: number | null) => {
    setMessage(null);
    onSave({ sentenceId: sentence.id, status: next.length > 0 ? 'claims' : 'no_claim', claims: next });
    setSelected(select);
  };

  const updateClaim = (position: number, change: (claim: Claim) => Claim) => {
    save(
      claims.map((claim, p) => (p === position ? change(claim) : claim)),
      position,
    );
  };

  /** Saves a complete draft as a new claim, or shows the editor on the first missing field. */
  const applyDraft = (next: Draft, moveFocus: boolean) => {
    if (hasRef(next.speaker) && next.stance && hasRef(next.target)) {
      save(
        [
          ...claims,
          {
            id: nextLocalId(),
            speaker: { actorId: next.speaker.actorId ?? null, span: next.speaker.span ?? null },
            stance: next.stance,
            target: { actorId: next.target.actorId ?? null, span: next.target.span ?? null },
            cue: next.cue,
            negated: next.negated,
            hypothetical: next.hypothetical,
            origin: next.origin,
          },
        ],
        claims.length,
      );
      setDraft(null);
      setEditor(null);
      setFocusTo('list');
      return;
    }
    setDraft(next);
    const missing: Role | 'stance' = !hasRef(next.speaker) ? 'speaker' : !next.stance ? 'stance' : 'target';
    setEditor({ of: 'draft', field: missing });
    if (moveFocus) setFocusTo(missing);
  };

  /** Sets part of a speaker or target: an actor keeps the span and a span keeps the actor. */
  const setRef = (role: Role, part: { actorId: number } | { span: Span }, fromPicker: boolean) => {
    // Linked as the server links every save (shared/actorLinks.ts): the card shows the actor a span names at once.
    const other: Role = role === 'speaker' ? 'target' : 'speaker';
    const merge = (old: RefValue | null, beside: RefValue | null): RefValue => setRefPart(old, part, textLinkSource(text, sentence, actors), beside?.span);
    if (!draft && selectedPosition !== null) {
      updateClaim(selectedPosition, (claim) => ({ ...claim, [role]: merge(claim[role], claim[other]) }));
      setEditor(null);
      setFocusTo('list');
      return;
    }
    const base = draft ?? EMPTY_DRAFT;
    applyDraft({ ...base, [role]: merge(base[role], base[other]) }, fromPicker);
    if (!fromPicker && !(hasRef(base.speaker) && base.stance && hasRef(base.target))) setFocusTo('list');
  };

  const setStance = (key: string) => {
    if (!draft && selectedPosition !== null) {
      updateClaim(selectedPosition, (claim) => ({ ...claim, stance: key }));
      setEditor(null);
      setFocusTo('list');
      return;
    }
    applyDraft({ ...(draft ?? EMPTY_DRAFT), stance: key }, true);
  };

  const toggleFlag = (flag: 'negated' | 'hypothetical') => {
    if (draft) {
      setDraft({ ...draft, [flag]: !draft[flag] });
      return;
    }
    if (selectedPosition === null) {
      setMessage('Select a claim first (click it, or press ] to select the next one).');
      return;
    }
    updateClaim(selectedPosition, (claim) => ({ ...claim, [flag]: !claim[flag] }));
  };

  /** `s` / `t`: the selected text becomes the span; with no selection the actor picker opens. */
  const roleKey = (role: Role) => {
    const span = takeSelection();
    if (span) {
      setRef(role, { span }, false);
      return;
    }
    if (draft) setEditor({ of: 'draft', field: role });
    else if (selectedPosition !== null) setEditor({ of: selectedPosition, field: role });
    else {
      setDraft(EMPTY_DRAFT);
      setEditor({ of: 'draft', field: role });
    }
    setFocusTo(role);
  };

  const startDraft = () => {
    setDraft(EMPTY_DRAFT);
    setSelected(null);
    setEditor({ of: 'draft', field: 'speaker' });
    setFocusTo('speaker');
  };

  const acceptSuggestion = (suggestion: SuggestedClaim | undefined) => {
    if (!suggestion) {
      setMessage('No suggestion to accept for this sentence.');
      return;
    }
    const base = draft ?? EMPTY_DRAFT;
    applyDraft(
      {
        ...base,
        speaker: hasRef(base.speaker) ? base.speaker : suggestion.speaker,
        stance: base.stance ?? suggestion.stance,
        target: hasRef(base.target) ? base.target : suggestion.target,
        cue: base.cue ?? suggestion.cue,
        origin: 'suggestion:cue',
      },
      true,
    );
  };

  const cancel = () => {
    setDraft(null);
    setEditor(null);
    setSkipping(false);
    setFocusTo('list');
  };

  const removeClaim = (position: number) => {
    save(
      claims.filter((_, p) => p !== position),
      claims.length > 1 ? Math.min(position, claims.length - 2) : null,
    );
    setEditor(null);
    setFocusTo('list');
  };

  const markNoClaim = () => {
    if (claims.length > 0) {
      setMessage('This sentence has claims: remove them (Delete) before marking it as no claim.');
      return;
    }
    cancel();
    onSave({ sentenceId: sentence.id, status: 'no_claim', claims: [] });
  };

  const startSkip = () => {
    if (claims.length > 0) {
      setMessage('This sentence has claims: remove them (Delete) before skipping it.');
      return;
    }
    setSkipping(true);
    setFocusTo('skip');
  };

  const skip = (reason: string) => {
    if (!reason.trim()) {
      setMessage('Give a reason for skipping this sentence.');
      return;
    }
    setSkipping(false);
    setDraft(null);
    setEditor(null);
    onSave({ sentenceId: sentence.id, status: 'skipped', claims: [], note: reason.trim() });
    setFocusTo('list');
  };

  const selectClaim = (delta: number) => {
    if (claims.length === 0) return;
    setDraft(null);
    setEditor(null);
    setSelected((s) => (s === null ? (delta > 0 ? 0 : claims.length - 1) : (s + delta + claims.length) % claims.length));
  };

  useImperativeHandle(ref, () => ({
    handleKey: (event) => {
      if (event.ctrlKey || event.metaKey) return false;
      const stanceIndex = /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : -1;
      const label = stanceIndex >= 0 ? labels[stanceIndex] : undefined;
      if (label) setStance(label.key);
      else if (event.key === 'Enter') {
        // Enter on a button presses the button.
        if (event.target instanceof HTMLButtonElement) return false;
        startDraft();
      } else if (event.key === 'n') markNoClaim();
      else if (event.key === 'x') startSkip();
      else if (event.key === 's') roleKey('speaker');
      else if (event.key === 't') roleKey('target');
      else if (event.key === 'a') acceptSuggestion(open[0]);
      else if (event.key === 'g') toggleFlag('negated');
      else if (event.key === 'h') toggleFlag('hypothetical');
      else if (event.key === ']') selectClaim(1);
      else if (event.key === '[') selectClaim(-1);
      else if (event.key === 'Delete' || event.key === 'Backspace') {
        if (draft) cancel();
        else if (selectedPosition !== null) removeClaim(selectedPosition);
        else return false;
      } else if (event.key === 'Escape') {
        if (draft || editor || skipping) cancel();
        else if (selectedPosition !== null) setSelected(null);
        else return false;
      } else return false;
      return true;
    },
  }));

  const editedClaim = editor && editor.of !== 'draft' ? claims[editor.of] : undefined;
  const shown = editor?.of === 'draft' ? draft : editedClaim;
  const status =
    annotation?.status === 'no_claim'
      ? 'Labelled: no claim'
      : annotation?.status === 'skipped'
        ? `Skipped: ${annotation.note ?? ''}`
        : claims.length > 0
          ? `${claims.length} claim${claims.length === 1 ? '' : 's'}`
          : 'Not labelled yet';

  const spanLine = (role: Role | 'cue', span: Span | null | undefined) =>
    span ? (
      <li>
        <span className={`swatch swatch-${role}`} aria-hidden="true" /> {role} span “{text.slice(span.start, span.end)}”
        {!sentenceContains(sentence, span) && <span className="muted"> (in another sentence)</span>}
      </li>
    ) : null;

  return (
    <section className="claim-panel" aria-label="Label of the current sentence">
      <h2>
        Sentence {sentence.index + 1}
        {sentence.boilerplate && <span className="badge">boilerplate</span>}
      </h2>
      <p className="label-status" aria-live="polite">
        {status}
      </p>

      <ul className="claims" aria-label="Claims">
        {claims.map((claim, position) => {
          const speaker = refText(claim.speaker, actorsById, text);
          const target = refText(claim.target, actorsById, text);
          const stance = stanceName(claim.stance, labels);
          const isSelected = selectedPosition === position;
          return (
            <li
              key={claim.id}
              className={`claim-card${isSelected ? ' selected' : ''}${editor?.of === position ? ' editing' : ''}`}
              aria-current={isSelected ? 'true' : undefined}
              onMouseEnter={() => setHovered(position)}
              onMouseLeave={() => setHovered(null)}
              onClick={(event) => {
                if (event.target === event.currentTarget) setSelected(position);
              }}
            >
              <button type="button" className="claim-field who speaker" onClick={() => openField(position, 'speaker')} aria-label={`Speaker: ${speaker}. Change`} title={spanTitle(claim.speaker.span, text)}>
                {speaker}
              </button>
              <span aria-hidden="true"> — </span>
              <button type="button" className={`claim-field stance stance-${claim.stance}`} onClick={() => openField(position, 'stance')} aria-label={`Stance: ${stance}. Change`}>
                {stance}
              </button>
              <span aria-hidden="true"> → </span>
              <button type="button" className="claim-field who target" onClick={() => openField(position, 'target')} aria-label={`Target: ${target}. Change`} title={spanTitle(claim.target.span, text)}>
                {target}
              </button>
              <span className="flags">
                <button type="button" className="flag" aria-pressed={claim.negated} onClick={() => updateClaim(position, (c) => ({ ...c, negated: !c.negated }))} title="Negated (g)">
                  negated
                </button>
                <button type="button" className="flag" aria-pressed={claim.hypothetical} onClick={() => updateClaim(position, (c) => ({ ...c, hypothetical: !c.hypothetical }))} title="Hypothetical (h)">
                  hypothetical
                </button>
                {claim.origin.startsWith('suggestion:') && <span className="origin" title="Accepted from a suggestion">✓ suggested</span>}
              </span>
              <button type="button" className="icon" onClick={() => removeClaim(position)} aria-label={`Remove claim ${speaker} ${stance} ${target}`}>
                ×
              </button>
            </li>
          );
        })}
      </ul>

      {open.length > 0 && (
        <ul className="suggestions" aria-label="Suggestions">
          {open.map((s, i) => {
            const summary = `${s.speaker ? refText(s.speaker, actorsById, text) : '…'} — ${stanceName(s.stance, labels)} → ${s.target ? refText(s.target, actorsById, text) : '…'}`;
            return (
              <li key={`${s.cue.start}-${s.stance}`} className="ghost-card">
                <span>
                  <span className="muted small">Suggested: </span>
                  {summary} <span className="muted small">(cue “{text.slice(s.cue.start, s.cue.end)}”)</span>
                </span>
                <button type="button" onClick={() => acceptSuggestion(s)}>
                  Accept{i === 0 && <kbd>a</kbd>}
                  <span className="visually-hidden"> suggestion {summary}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}

      {editor && shown && (
        <div className="claim-editor" aria-label={editor.of === 'draft' ? 'New claim' : `Edit claim ${Number(editor.of) + 1}`} role="group" onMouseEnter={() => setHovered('draft')} onMouseLeave={() => setHovered(null)}>
          <ActorPicker
            ref={speakerRef}
            label="Speaker"
            actors={actors}
            value={shown.speaker?.actorId ?? null}
            onPick={(actor) => setRef('speaker', { actorId: actor.id }, true)}
            onCancel={cancel}
          />
          <div className="stance-group" role="radiogroup" aria-label="Stance" ref={stanceRef}>
            {labels.map((label, i) => (
              <button
                key={label.key}
                type="button"
                role="radio"
                aria-checked={shown.stance === label.key}
                style={{ '--stance-colour': label.colour } as CSSProperties}
                onClick={() => setStance(label.key)}
              >
                <kbd>{i + 1}</kbd> {label.name}
              </button>
            ))}
          </div>
          <ActorPicker
            ref={targetRef}
            label="Target"
            actors={actors}
            value={shown.target?.actorId ?? null}
            onPick={(actor) => setRef('target', { actorId: actor.id }, true)}
            onCancel={cancel}
          />
          <ul className="span-lines">
            {spanLine('speaker', shown.speaker?.span)}
            {spanLine('target', shown.target?.span)}
            {spanLine('cue', shown.cue)}
          </ul>
          {editor.of === 'draft' && (
            <div className="draft-flags">
              <label>
                <input type="checkbox" checked={draft?.negated ?? false} onChange={() => toggleFlag('negated')} /> Negated <kbd>g</kbd>
              </label>
              <label>
                <input type="checkbox" checked={draft?.hypothetical ?? false} onChange={() => toggleFlag('hypothetical')} /> Hypothetical <kbd>h</kbd>
              </label>
            </div>
          )}
          <p className="muted small">Select words in the text (mouse, or ←/→ and Shift+←/→) and press <kbd>s</kbd> or <kbd>t</kbd> to mark the speaker or target span.</p>
          <button type="button" onClick={cancel}>
            {editor.of === 'draft' ? 'Cancel' : 'Done'} <kbd>Esc</kbd>
          </button>
        </div>
      )}

      {skipping && (
        <form
          className="skip-form"
          onSubmit={(event) => {
            event.preventDefault();
            skip(skipRef.current?.value ?? '');
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancel();
            }
          }}
        >
          <label>
            Reason for skipping
            <input ref={skipRef} name="reason" maxLength={2000} placeholder="e.g. garbled text, not news" />
          </label>
          <button type="submit">Skip sentence</button>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </form>
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
        <button type="button" onClick={startSkip}>
          Skip <kbd>x</kbd>
        </button>
        <button type="button" onClick={() => roleKey('speaker')} title="Set the speaker of the current claim from the selected text, or pick an actor">
          Speaker <kbd>s</kbd>
        </button>
        <button type="button" onClick={() => roleKey('target')} title="Set the target of the current claim from the selected text, or pick an actor">
          Target <kbd>t</kbd>
        </button>
      </div>
      {canCorrect && <SentenceCorrections documentId={document.id} sentence={sentence} />}
    </section>
  );

  function openField(position: number, field: Role | 'stance') {
    setDraft(null);
    setSelected(position);
    setEditor({ of: position, field });
    setFocusTo(field);
  }
});

function sentenceContains(sentence: Sentence, span: Span): boolean {
  return span.start >= sentence.start && span.end <= sentence.end;
}

function spanTitle(span: Span | null, text: string): string | undefined {
  return span ? `span “${text.slice(span.start, span.end)}”` : undefined;
}
