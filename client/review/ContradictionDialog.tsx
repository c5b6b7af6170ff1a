import type { Actor } from '../../shared/schemas/actors.ts';
import type { ClaimInput } from '../../shared/schemas/annotations.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import { Modal } from '../ui/Modal.tsx';
import { refText, stanceName } from '../ui/claimText.ts';
import type { HeldSave } from './useAdjudication.ts';

interface Props {
  held: HeldSave | null;
  actorsById: ReadonlyMap<number, Actor>;
  stanceLabels: readonly StanceLabel[];
  text: string;
  /** Open the gold editor on the held label, to keep one of each pair. */
  onEdit: () => void;
  onSaveAnyway: () => void;
  onCancel: () => void;
}

const asRef = (ref: ClaimInput['speaker']) => ({ actorId: ref.actorId ?? null, span: ref.span ?? null });

/**
 * Gold about to say one speaker both supports and condemns one target (usually two annotators'
 * readings merged): the reviewer edits it down, or says both are meant. Editing is the default
 * button, so Enter after `m` never saves a contradiction by accident.
 */
export function ContradictionDialog({ held, actorsById, stanceLabels, text, onEdit, onSaveAnyway, onCancel }: Props) {
  const claimText = (claim: ClaimInput) =>
    `${refText(asRef(claim.speaker), actorsById, text)} ${stanceName(claim.stance, stanceLabels)} → ${refText(asRef(claim.target), actorsById, text)}`;
  return (
    <Modal title="These claims contradict each other" open={held !== null} onClose={onCancel}>
      {held && (
        <>
          <p>The gold label would say that the same speaker takes different stances towards the same target:</p>
          <ul className="contradictions">
            {held.pairs.map(([i, j]) => (
              <li key={`${i}-${j}`}>
                {claimText(held.claims[i]!)} <em>and</em> {claimText(held.claims[j]!)}
              </li>
            ))}
          </ul>
          <p>Edit the label to keep the claim the sentence makes, or save both if the sentence really says both.</p>
          <div className="actions">
            <button type="button" className="primary" autoFocus onClick={onEdit}>
              Edit the label…
            </button>
            <button type="button" onClick={onSaveAnyway}>
              Save both anyway
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
