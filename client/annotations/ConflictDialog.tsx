import { useMemo } from 'react';
import { Modal } from '../ui/Modal.tsx';
import { refText, stanceName } from '../ui/claimText.ts';
import type { SaveConflict } from './useSaveQueue.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

interface Props {
  conflict: SaveConflict | null;
  actors: readonly Actor[];
  labels: readonly StanceLabel[];
  text: string;
  onKeepMine: () => void;
  onKeepSaved: () => void;
}

/** A label changed elsewhere (e.g. another tab): both versions side by side, the user keeps one. */
export function ConflictDialog({ conflict, actors, labels, text, onKeepMine, onKeepSaved }: Props) {
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
