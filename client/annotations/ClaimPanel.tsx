import { forwardRef, useMemo, useState, type ReactNode } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { DocumentDetail, Sentence } from '../../shared/schemas/documents.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { ActorMention } from '../../shared/suggestions.ts';
import { SentenceCorrections } from '../documents/SentenceCorrections.tsx';
import type { SaveInput } from './mutations.ts';
import type { Mark } from './spans.ts';
import { untakenSuggestions, type Draft, type SuggestedClaim } from './claims.ts';
import type { Field } from './editorSteps.ts';
import { usePanelFocus } from './usePanelFocus.ts';
import { useClaimDraft } from './useClaimDraft.ts';
import { useNoClaimAndSkip } from './useNoClaimAndSkip.ts';
import { useClaimMarks } from './useClaimMarks.ts';
import { useClaimPanelKeys, type ClaimPanelHandle } from './useClaimPanelKeys.ts';
import { ClaimCards } from './ClaimCards.tsx';
import { SuggestionList } from './SuggestionList.tsx';
import { GetSuggestions } from './GetSuggestions.tsx';
import { ClaimEditor } from './ClaimEditor.tsx';
import { SkipForm } from './SkipForm.tsx';

export type { ClaimPanelHandle } from './useClaimPanelKeys.ts';

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
  /** The draft left on this sentence earlier, and where the panel keeps it (it is remounted per sentence). */
  keptDraft: Draft | null;
  keepDraft: (sentenceId: number, draft: Draft | null) => void;
  /** Shown above the claims: the next document once this one is complete. */
  notice?: ReactNode;
}

/** Which editor field an Esc was pressed in; 'outside' when not in the editor. */
function fieldOf(target: EventTarget | null): Field | 'flags' | 'outside' {
  if (!(target instanceof Element) || !target.closest('.claim-editor')) return 'outside';
  if (target.closest('.stance-group')) return 'stance';
  if (target.closest('.draft-flags')) return 'flags';
  const picker = target.closest('[data-field]')?.getAttribute('data-field');
  return picker === 'target' ? 'target' : picker === 'speaker' ? 'speaker' : 'outside';
}

/** Says what the sentence's label is, in the words the status line shows. */
function statusOf(annotation: Annotation | undefined, claimCount: number): string {
  if (annotation?.status === 'no_claim') return 'Labelled: no claim';
  if (annotation?.status === 'skipped') return `Skipped: ${annotation.note ?? ''}`;
  if (claimCount > 0) return `${claimCount} claim${claimCount === 1 ? '' : 's'}`;
  return 'Not labelled yet';
}

/** The current sentence's label: claim cards, suggestions, the claim editor, no claim and skip. */
export const ClaimPanel = forwardRef<ClaimPanelHandle, Props>(function ClaimPanel(
  {
    project,
    document,
    sentence,
    actors,
    annotation,
    mentions,
    suggestions,
    onSave,
    takeSelection,
    focusList,
    onMarks,
    canCorrect,
    keptDraft,
    keepDraft,
    notice,
  },
  ref,
) {
  const claims = useMemo(() => (annotation?.status === 'claims' ? annotation.claims : []), [annotation]);
  const [hovered, setHovered] = useState<number | 'draft' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(keptDraft ? 'A new claim you began here is kept: Enter goes on with it, Delete discards it.' : null);
  const actorsById = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const labels = project.stanceLabels;
  const text = document.text;
  const open = useMemo(() => untakenSuggestions(suggestions, claims), [suggestions, claims]);

  const { refs, focus } = usePanelFocus(focusList);
  const edit = useClaimDraft({
    sentence,
    claims,
    text,
    actors,
    onSave,
    takeSelection,
    say: setMessage,
    note: setNote,
    focus,
    keptDraft,
    keepDraft: (draft) => keepDraft(sentence.id, draft),
  });
  const other = useNoClaimAndSkip({ sentenceId: sentence.id, hasClaims: claims.length > 0, onSave, say: setMessage, closeEditor: edit.close, focus });
  useClaimMarks({ mentions, suggestions: open, claims, hovered, selectedPosition: edit.selectedPosition, draft: edit.draft, onMarks });

  /** Discard, Done, Delete on a draft, or Esc in the skip form: the draft is dropped and the editor and skip form close. */
  const cancel = () => {
    edit.close();
    other.closeSkip();
    focus('list');
  };

  // A label that is not a claim would drop the new claim: it is finished or discarded first.
  const noClaim = () => {
    if (!edit.draftInTheWay()) other.markNoClaim();
  };
  const startSkip = () => {
    if (!edit.draftInTheWay()) other.startSkip();
  };

  useClaimPanelKeys(ref, {
    labels,
    // From the text the keys stay with the text (the target's words are marked next); in the editor
    // (a stance button, a flag) the focus goes on to the field still missing.
    setStance: (key, target) => edit.setStance(key, fieldOf(target) !== 'outside'),
    startDraft: edit.startDraft,
    // A label that is not a claim would drop the new claim: it is finished or discarded first.
    markNoClaim: noClaim,
    startSkip,
    roleKey: edit.roleKey,
    acceptFirstSuggestion: () => edit.acceptSuggestion(open[0]),
    toggleFlag: edit.toggleFlag,
    selectClaim: edit.selectClaim,
    remove: () => {
      if (edit.draft) cancel();
      else if (edit.selectedPosition !== null) edit.removeClaim(edit.selectedPosition);
      else return false;
      return true;
    },
    escape: (target) => {
      if (other.skipping) {
        other.closeSkip();
        focus('list');
      } else if (edit.editor && edit.back(fieldOf(target))) return true;
      else if (edit.selectedPosition !== null) edit.select(null);
      else return false;
      return true;
    },
  });

  const { editor, shown } = edit;
  return (
    <section className="claim-panel" aria-label="Label of the current sentence">
      <h2>
        Sentence {sentence.index + 1}
        {sentence.boilerplate && <span className="badge">boilerplate</span>}
      </h2>
      <p className="label-status" aria-live="polite">
        {statusOf(annotation, claims.length)}
      </p>
      {notice}
      <ClaimCards
        claims={claims}
        actorsById={actorsById}
        labels={labels}
        text={text}
        selectedPosition={edit.selectedPosition}
        editing={editor && editor.of !== 'draft' ? editor.of : null}
        onHover={setHovered}
        onSelect={edit.select}
        onOpenField={edit.openField}
        onToggleFlag={edit.toggleClaimFlag}
        onRemove={edit.removeClaim}
      />
      <SuggestionList suggestions={open} actorsById={actorsById} labels={labels} text={text} onAccept={edit.acceptSuggestion} />
      <GetSuggestions project={project} documentId={document.id} />
      {editor && shown && (
        <ClaimEditor
          editing={editor.of}
          shown={shown}
          sentence={sentence}
          text={text}
          actors={actors}
          labels={labels}
          refs={refs}
          onHover={setHovered}
          onPick={edit.pick}
          onStance={edit.setStance}
          onToggleFlag={edit.toggleFlag}
          onBack={(field) => edit.back(field)}
          onForward={edit.forward}
          onDiscard={cancel}
        />
      )}
      {note && (
        <p className="muted small editor-note" aria-live="polite">
          {note}{' '}
          {edit.coded && (
            <button type="button" onClick={edit.recordPerson}>
              Record {edit.coded.person.name} instead
            </button>
          )}
        </p>
      )}
      {other.skipping && <SkipForm inputRef={refs.skipRef} onSkip={other.skip} onCancel={cancel} />}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={edit.startDraft}>
          Add claim <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={noClaim}>
          No claim <kbd>n</kbd>
        </button>
        <button type="button" onClick={startSkip}>
          Skip <kbd>x</kbd>
        </button>
        <button type="button" onClick={() => edit.roleKey('speaker')} title="Set the speaker of the current claim from the selected text, or pick an actor">
          Speaker <kbd>s</kbd>
        </button>
        <button type="button" onClick={() => edit.roleKey('target')} title="Set the target of the current claim from the selected text, or pick an actor">
          Target <kbd>t</kbd>
        </button>
      </div>
      {canCorrect && <SentenceCorrections documentId={document.id} sentence={sentence} />}
    </section>
  );
});
