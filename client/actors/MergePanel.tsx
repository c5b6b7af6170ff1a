import { useEffect, useRef, useState } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import { errorMessage } from '../api.ts';
import { ActorPicker } from './ActorPicker.tsx';
import { useMergeActor } from './mutations.ts';

/** Picks the actor to keep, states what will happen, then merges. */
export function MergePanel({ actor, actors, projectId, onDone }: { actor: Actor; actors: readonly Actor[]; projectId: number; onDone: () => void }) {
  const merge = useMergeActor(projectId);
  const [into, setInto] = useState<Actor | null>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  const claims = actor.claimCount;
  // Opening the panel is asking "into which actor?": the answer is typed next.
  useEffect(() => pickerRef.current?.focus(), []);
  return (
    <div className="merge-panel" role="group" aria-label={`Merge ${actor.name}`}>
      <ActorPicker
        ref={pickerRef}
        label={`Merge “${actor.name}” into`}
        actors={actors}
        value={into?.id ?? null}
        onPick={setInto}
        onCancel={onDone}
        allowCreate={false}
        excludeIds={[actor.id]}
      />
      {into && (
        <p>
          {claims === undefined ? 'Every claim' : `${claims} claim${claims === 1 ? '' : 's'}`} naming “{actor.name}” will name “{into.name}”; “{actor.name}” and
          its aliases become aliases of “{into.name}”, its parts become parts of “{into.name}”, and “{actor.name}” is deleted.
        </p>
      )}
      {merge.isError && (
        <p role="alert" className="error">
          {errorMessage(merge.error)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={!into || merge.isPending}
          onClick={() => into && merge.mutate({ actorId: actor.id, intoId: into.id }, { onSuccess: onDone })}
        >
          {into ? `Merge into ${into.name}` : 'Merge'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
