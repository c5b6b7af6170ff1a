import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ActorKind, type Actor } from '../../shared/schemas/actors.ts';
import { ApiError, errorMessage } from '../api.ts';
import { useCreateActor } from './mutations.ts';

const KINDS = ActorKind.options;

/**
 * The kind a new actor starts as, here and on the actors page: a person. The actors a reader meets
 * that the registry lacks are mostly people (an official, a spokeswoman, an analyst quoted once);
 * states are few and set up first, and people are the largest kind of the demo's registry.
 */
export const DEFAULT_ACTOR_KIND: ActorKind = 'person';

interface CreateProps {
  name: string;
  projectId: number;
  proposed: boolean;
  actors: readonly Actor[];
  onCreated: (actor: Actor) => void;
  onBack: () => void;
}

/** Asks for the kind of a new actor (a person unless changed); number keys pick a kind, Enter creates, Escape goes back to typing. */
export function CreateActorForm({ name, projectId, proposed, actors, onCreated, onBack }: CreateProps) {
  const create = useCreateActor(projectId);
  const [kind, setKind] = useState<ActorKind>(DEFAULT_ACTOR_KIND);
  const [message, setMessage] = useState<string | null>(null);
  const [existing, setExisting] = useState<Actor | null>(null);
  const kinds = useRef<HTMLFieldSetElement>(null);
  const headingId = useId();

  // The focus starts on the chosen kind, as in any radio group: the ring is on the one Enter creates.
  useEffect(() => {
    kinds.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
  }, []);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (create.isPending) return;
    setMessage(null);
    try {
      onCreated(await create.mutateAsync({ name, kind }));
    } catch (error) {
      setMessage(errorMessage(error));
      // A name taken (in another case) by an existing actor: offer that one instead.
      const clashId = error instanceof ApiError && typeof error.body.actorId === 'number' ? error.body.actorId : null;
      setExisting(actors.find((actor) => actor.id === clashId) ?? null);
    }
  };

  // Keys stay inside the form: the workspace's shortcuts (1–3 are stances) must not fire here.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const index = /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : -1;
    if (index >= 0 && KINDS[index]) {
      event.preventDefault();
      setKind(KINDS[index]);
      event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="radio"]')[index]?.focus();
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    }
    event.stopPropagation();
  };

  return (
    <form className="create-actor" aria-labelledby={headingId} onSubmit={submit} onKeyDown={onKeyDown}>
      {/* A question, answered by Create: a new actor is never made by a stray Enter alone. */}
      <p id={headingId} className="create-actor-title">
        Create ‘{name}’ as a new actor?
      </p>
      <fieldset ref={kinds}>
        <legend>Kind</legend>
        {KINDS.map((k, i) => (
          <label key={k}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> <kbd>{i + 1}</kbd> {k}
          </label>
        ))}
      </fieldset>
      {proposed && <p className="muted small">It will be marked proposed until an admin accepts it; you can use it right away.</p>}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          Create <kbd>Enter</kbd>
        </button>
        {existing && (
          <button type="button" onClick={() => onCreated(existing)}>
            Use “{existing.name}”
          </button>
        )}
        <button type="button" onClick={onBack}>
          Back <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
