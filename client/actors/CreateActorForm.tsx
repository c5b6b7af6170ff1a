import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ActorKind, type Actor } from '../../shared/schemas/actors.ts';
import { ApiError, errorMessage } from '../api.ts';
import { useCreateActor } from './mutations.ts';

const KINDS = ActorKind.options;

interface CreateProps {
  name: string;
  projectId: number;
  proposed: boolean;
  actors: readonly Actor[];
  onCreated: (actor: Actor) => void;
  onBack: () => void;
}

/** Asks for the kind of a new actor; number keys pick a kind, Enter creates, Escape goes back to typing. */
export function CreateActorForm({ name, projectId, proposed, actors, onCreated, onBack }: CreateProps) {
  const create = useCreateActor(projectId);
  const [kind, setKind] = useState<ActorKind | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [existing, setExisting] = useState<Actor | null>(null);
  const firstRadio = useRef<HTMLInputElement>(null);
  const headingId = useId();

  useEffect(() => {
    firstRadio.current?.focus();
  }, []);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (create.isPending) return;
    if (!kind) {
      setMessage('Choose what kind of actor this is (keys 1–5).');
      return;
    }
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
      <fieldset>
        <legend>Kind</legend>
        {KINDS.map((k, i) => (
          <label key={k}>
            <input ref={i === 0 ? firstRadio : undefined} type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
            <kbd>{i + 1}</kbd> {k}
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
