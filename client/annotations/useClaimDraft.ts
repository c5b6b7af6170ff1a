import { useMemo, useState } from 'react';
import { setRefPart, spanNaming, textLinkSource } from '../../shared/actorLinks.ts';
import { claimOf, EMPTY_DRAFT, hasRef, type Draft, type RefValue, type Role, type SuggestedClaim } from './claims.ts';
import { codedActor } from './coding.ts';
import { draftHasContent, fieldAfter, fieldBefore, firstMissing, type Field } from './editorSteps.ts';
import type { FocusTarget } from './usePanelFocus.ts';
import type { SaveInput } from './mutations.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

/** Which claim the editor shows (the draft or a saved claim by position) and which field has focus. */
export type Editor = { of: 'draft' | number; field: Role | 'stance' | null } | null;

interface Options {
  sentence: Sentence;
  /** The sentence's saved claims, in order. */
  claims: readonly Claim[];
  text: string;
  actors: readonly Actor[];
  onSave: (input: SaveInput) => void;
  /** The text selected in the document (snapped to words), consumed by `s` / `t`; null when none. */
  takeSelection: () => Span | null;
  /** Shows a message saying why a key did nothing; null clears it. */
  say: (message: string | null) => void;
  /** Tells what happened that the user may not see (a draft kept, an official coded as their state); null clears it. */
  note: (message: string | null) => void;
  focus: (target: FocusTarget) => void;
  /** The draft the user left on this sentence earlier (kept, never dropped by moving away). */
  keptDraft: Draft | null;
  /** Keeps the draft outside the panel (the panel is remounted per sentence); null when it has nothing. */
  keepDraft: (draft: Draft | null) => void;
}

/**
 * The claims of one sentence as the user edits them: which claim is selected, the new claim
 * being drafted, which claim the editor shows, and every change (each saved at once). A draft is
 * saved as a claim as soon as its speaker, stance and target are all set.
 */
export function useClaimDraft({ sentence, claims, text, actors, onSave, takeSelection, say, note, focus, keptDraft, keepDraft }: Options) {
  const [selected, setSelected] = useState<number | null>(null);
  const [draft, setDraftState] = useState<Draft | null>(keptDraft);
  const [editor, setEditor] = useState<Editor>(keptDraft ? { of: 'draft', field: null } : null);
  // The official last coded as their state: the codebook's exception (a target aimed at the leader
  // personally) records the person instead, one click away.
  const [coded, setCoded] = useState<{ role: Role; person: Actor } | null>(null);
  const actorsById = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const setDraft = (next: Draft | null) => {
    setDraftState(next);
    keepDraft(draftHasContent(next) ? next : null);
  };
  const selectedPosition = selected !== null && selected < claims.length ? selected : null;

  const save = (next: Claim[], select: number | null) => {
    say(null);
    // Removing the last claim takes the label back (not labelled, as undo of a first label does):
    // "no claim" is a statement about the sentence that only `n` makes, never a side effect of Delete.
    onSave({ sentenceId: sentence.id, status: next.length > 0 ? 'claims' : null, claims: next });
    setSelected(select);
  };

  const updateClaim = (position: number, change: (claim: Claim) => Claim) => {
    save(
      claims.map((claim, p) => (p === position ? change(claim) : claim)),
      position,
    );
  };

  /**
   * Saves a complete draft as a new claim, or shows the editor, on the first missing field when
   * `moveFocus` (else no field has the focus: the keys stay in the text, and Esc there clears the
   * word selection rather than stepping back through fields the user never entered).
   */
  const applyDraft = (next: Draft, moveFocus: boolean) => {
    const claim = claimOf(next);
    if (claim) {
      save([...claims, claim], claims.length);
      setDraft(null);
      setEditor(null);
      focus('list');
      return;
    }
    setDraft(next);
    const missing = firstMissing(next);
    setEditor({ of: 'draft', field: moveFocus ? missing : null });
    if (moveFocus) focus(missing);
  };

  /**
   * Sets part of a speaker or target: an actor keeps the span and a span keeps the actor. `namedBy`:
   * without a span, take the words that name this actor (an official coded as their state).
   */
  const setRef = (role: Role, part: { actorId: number; namedBy?: number } | { span: Span }, fromPicker: boolean) => {
    // Linked as the server links every save (shared/actorLinks.ts): the card shows the actor a span names at once.
    const other: Role = role === 'speaker' ? 'target' : 'speaker';
    const merge = (old: RefValue | null, beside: RefValue | null): RefValue => {
      const source = textLinkSource(text, sentence, actors);
      if ('namedBy' in part && part.namedBy !== undefined && !old?.span) return { actorId: part.actorId, span: spanNaming(part.namedBy, source, beside?.span) };
      return setRefPart(old, part, source, beside?.span);
    };
    if (!draft && selectedPosition !== null) {
      updateClaim(selectedPosition, (claim) => ({ ...claim, [role]: merge(claim[role], claim[other]) }));
      setEditor(null);
      focus('list');
      return;
    }
    const base = draft ?? EMPTY_DRAFT;
    applyDraft({ ...base, [role]: merge(base[role], base[other]) }, fromPicker);
    if (!fromPicker && !(hasRef(base.speaker) && base.stance && hasRef(base.target))) focus('list');
  };

  /**
   * A stance key or button: of the draft, else of the selected claim, else it starts a draft.
   * `moveFocus` false (a key pressed in the text): the focus stays there, so the words for `s` / `t`
   * are marked next; in the editor the focus goes on to the field still missing.
   */
  const setStance = (key: string, moveFocus = true) => {
    if (!draft && selectedPosition !== null) {
      updateClaim(selectedPosition, (claim) => ({ ...claim, stance: key }));
      setEditor(null);
      focus('list');
      return;
    }
    applyDraft({ ...(draft ?? EMPTY_DRAFT), stance: key }, moveFocus);
  };

  /** `g` / `h`: of the draft, else of the selected claim. */
  const toggleFlag = (flag: 'negated' | 'hypothetical') => {
    if (draft) {
      setDraft({ ...draft, [flag]: !draft[flag] });
      return;
    }
    if (selectedPosition === null) {
      say('Select a claim first (click it, or press ] to select the next one).');
      return;
    }
    updateClaim(selectedPosition, (claim) => ({ ...claim, [flag]: !claim[flag] }));
  };

  /** A card's own negated / hypothetical button. */
  const toggleClaimFlag = (position: number, flag: 'negated' | 'hypothetical') => updateClaim(position, (c) => ({ ...c, [flag]: !c[flag] }));

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
    focus(role);
  };

  /** An actor picked in the editor: an official is recorded as their state, their words kept as the span. */
  const pick = (role: Role, actor: Actor) => {
    const coded = codedActor(actor, actorsById);
    setCoded(null);
    if (coded === actor) {
      note(null);
      setRef(role, { actorId: actor.id }, true);
      return;
    }
    note(`${actor.name} is recorded as ${coded.name}: officials are coded as their state.`);
    setCoded({ role, person: actor });
    setRef(role, { actorId: coded.id, namedBy: actor.id }, true);
  };

  /** Records the official just coded as their state as themselves (the span stays). */
  const recordPerson = () => {
    if (!coded) return;
    note(null);
    setCoded(null);
    setRef(coded.role, { actorId: coded.person.id }, true);
  };

  /** Enter: a new claim, or back into the draft kept on this sentence, at its first missing field. */
  const startDraft = () => {
    setSelected(null);
    note(null);
    setCoded(null);
    if (draftHasContent(draft)) {
      const field = firstMissing(draft);
      setEditor({ of: 'draft', field });
      focus(field);
      return;
    }
    setDraft(EMPTY_DRAFT);
    setEditor({ of: 'draft', field: 'speaker' });
    focus('speaker');
  };

  /**
   * Esc: one step back. From a field of the draft to the one before it; out of the first field (or
   * from the text) a draft with content stays open for later, an empty one closes. A saved claim's
   * editor closes (its changes are saved already). False when nothing was open.
   */
  const back = (from: Field | 'flags' | 'outside'): boolean => {
    if (!editor) return false;
    const to = from === 'outside' ? null : fieldBefore(from);
    if (editor.of === 'draft' && to) {
      setEditor({ of: 'draft', field: to });
      focus(to);
      return true;
    }
    if (editor.of === 'draft' && draftHasContent(draft)) {
      setEditor({ of: 'draft', field: null });
      note('The new claim is kept: Enter goes on with it, Delete discards it.');
      focus('list');
      return from !== 'outside' || editor.field !== null;
    }
    close();
    focus('list');
    return true;
  };

  /** Enter in a picker with nothing typed: on to the next field. */
  const forward = (from: Field) => {
    const to = fieldAfter(from);
    setEditor((old) => (old ? { ...old, field: to } : old));
    focus(to);
  };

  /** Takes a suggestion into the draft: the parts the user has already set stay. */
  const acceptSuggestion = (suggestion: SuggestedClaim | undefined) => {
    if (!suggestion) {
      say('No suggestion to accept for this sentence.');
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
        negated: base.negated || suggestion.negated,
        hypothetical: base.hypothetical || suggestion.hypothetical,
        // Where it came from travels with the claim, into the label and the export.
        origin: `suggestion:${suggestion.source}`,
        originModel: suggestion.model,
        originScore: suggestion.score,
      },
      true,
    );
  };

  /** Removes a claim; the one after it (or the new last one) becomes selected. */
  const removeClaim = (position: number) => {
    save(
      claims.filter((_, p) => p !== position),
      claims.length > 1 ? Math.min(position, claims.length - 2) : null,
    );
    setEditor(null);
    focus('list');
  };

  /** True (and says so) when a draft with content is open: it must be finished or discarded first. */
  const draftInTheWay = () => {
    if (!draftHasContent(draft)) return false;
    say('Finish the new claim first (Enter goes on with it), or discard it (Delete).');
    return true;
  };

  /** `]` / `[`: the next or previous claim, wrapping around. */
  const selectClaim = (delta: number) => {
    if (claims.length === 0 || draftInTheWay()) return;
    setCoded(null);
    setDraft(null);
    setEditor(null);
    setSelected((s) => (s === null ? (delta > 0 ? 0 : claims.length - 1) : (s + delta + claims.length) % claims.length));
  };

  /** A click on a card's speaker, stance or target: the editor opens on that field. */
  const openField = (position: number, field: Role | 'stance') => {
    if (draftInTheWay()) return;
    setCoded(null);
    setDraft(null);
    setSelected(position);
    setEditor({ of: position, field });
    focus(field);
  };

  /** Drops the draft and closes the editor. */
  const close = () => {
    setDraft(null);
    setEditor(null);
    note(null);
    setCoded(null);
  };

  // What the editor shows: the draft, or the saved claim it edits.
  const shown = editor?.of === 'draft' ? draft : editor ? claims[editor.of] : undefined;

  return {
    draft,
    editor,
    shown,
    selectedPosition,
    select: setSelected,
    setRef,
    pick,
    coded,
    recordPerson,
    back,
    forward,
    draftInTheWay,
    setStance,
    toggleFlag,
    toggleClaimFlag,
    roleKey,
    startDraft,
    acceptSuggestion,
    removeClaim,
    selectClaim,
    openField,
    close,
  };
}
