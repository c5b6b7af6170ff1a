import { forwardRef, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ActorKind, type Actor } from '../../shared/schemas/actors.ts';
import { ApiError, errorMessage } from '../api.ts';
import { sessionQuery } from '../session/queries.ts';
import { hasExactMatch, matchActors, type ActorMatch } from './match.ts';
import { useCreateActor } from './mutations.ts';

interface Props {
  label: string;
  actors: readonly Actor[];
  value: number | null;
  onPick: (actor: Actor) => void;
  onCancel?: () => void;
  /** The project new actors go to; defaults to the `:projectId` of the current route. */
  projectId?: number;
  /** Offer "Create “…”" when nothing matches exactly (default: whenever the project is known). */
  allowCreate?: boolean;
  /** Actors not to offer, e.g. the one being merged. */
  excludeIds?: readonly number[];
}

const KINDS = ActorKind.options;

/** Kind, code, parent and status, as shown under an option and in the registry. */
export function actorMeta(actor: Actor, byId: ReadonlyMap<number, Actor>): string {
  const parent = actor.parentId ? byId.get(actor.parentId) : undefined;
  return [actor.kind, actor.code, parent && `part of ${parent.name}`, actor.status === 'proposed' && 'proposed'].filter(Boolean).join(' · ');
}

/**
 * A type-ahead combobox over actor names, aliases and codes; Enter picks the highlighted actor.
 * When nothing matches exactly it offers to create the typed name, asking for its kind: any
 * project member may, and a non-admin's actor is proposed until an admin accepts it.
 */
export const ActorPicker = forwardRef<HTMLInputElement, Props>(function ActorPicker(
  { label, actors, value, onPick, onCancel, projectId: projectIdProp, allowCreate = true, excludeIds },
  ref,
) {
  const id = useId();
  const routeProjectId = Number(useParams().projectId);
  const projectId = projectIdProp ?? (Number.isSafeInteger(routeProjectId) && routeProjectId > 0 ? routeProjectId : null);
  const isAdmin = useQuery(sessionQuery()).data?.role === 'admin';
  const current = actors.find((actor) => actor.id === value);
  const [query, setQuery] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [creating, setCreating] = useState<string | null>(null);
  const open = query !== null;
  const byId = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const offered = useMemo(() => (excludeIds?.length ? actors.filter((actor) => !excludeIds.includes(actor.id)) : actors), [actors, excludeIds]);
  const matches = useMemo(() => (open ? matchActors(offered, query) : []), [offered, query, open]);
  const typed = query?.trim() ?? '';
  const canCreate = allowCreate && projectId !== null && open && typed !== '' && !hasExactMatch(actors, typed);
  const optionCount = matches.length + (canCreate ? 1 : 0);
  const createIndex = canCreate ? matches.length : -1;
  // The list may shrink under the highlight as the user types.
  const active = Math.min(highlight, optionCount - 1);

  const pick = (actor: Actor | undefined) => {
    if (!actor) return;
    setQuery(null);
    onPick(actor);
  };

  const choose = (index: number) => {
    if (index === createIndex) {
      setCreating(typed);
      setQuery(null);
    } else {
      pick(matches[index]?.actor);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setQuery((q) => q ?? '');
      setHighlight((h) => Math.min(h + 1, Math.max(optionCount - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      if (open && active >= 0) choose(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
      onCancel?.();
    }
  };

  const optionId = (index: number) => (index === createIndex ? `${id}-create` : `${id}-${matches[index]?.actor.id}`);

  return (
    <div className="actor-picker">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        role="combobox"
        aria-expanded={open && optionCount > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder="Type a name, alias or code"
        value={query ?? (creating !== null ? creating : (current?.name ?? ''))}
        readOnly={creating !== null}
        onChange={(event) => {
          setQuery(event.target.value);
          setHighlight(0);
        }}
        onFocus={(event) => event.target.select()}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
      />
      {open && optionCount > 0 && (
        <ul id={`${id}-list`} role="listbox" aria-label={`${label} suggestions`} className="actor-options">
          {matches.map((match, index) => (
            <li
              key={match.actor.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // mousedown, not click: the input must not blur (and close the list) first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(index);
              }}
            >
              <span className="actor-name">
                {match.actor.name}
                <MatchedTerm match={match} />
              </span>
              <span className="actor-meta">{actorMeta(match.actor, byId)}</span>
            </li>
          ))}
          {canCreate && (
            <li
              id={optionId(createIndex)}
              role="option"
              aria-selected={active === createIndex}
              className="create-option"
              onMouseDown={(event) => {
                event.preventDefault();
                choose(createIndex);
              }}
            >
              Create “{typed}”…
            </li>
          )}
        </ul>
      )}
      {open && optionCount === 0 && <p className="muted small">No actor matches “{query}”.</p>}
      {creating !== null && projectId !== null && (
        <CreateActorForm
          key={creating}
          name={creating}
          projectId={projectId}
          proposed={!isAdmin}
          actors={actors}
          onCreated={(actor) => {
            setCreating(null);
            onPick(actor);
          }}
          onBack={() => {
            setCreating(null);
            setQuery(creating);
            // The input was read-only while the form showed; give it focus back to go on typing.
            requestAnimationFrame(() => document.getElementById(id)?.focus());
          }}
        />
      )}
    </div>
  );
});

/** "alias Kremlin" when the typed text matched something other than the name. */
function MatchedTerm({ match }: { match: ActorMatch }) {
  if (match.field === 'name' || match.term === match.actor.name) return null;
  return (
    <span className="actor-matched">
      {' '}
      ({match.field} {match.term})
    </span>
  );
}

interface CreateProps {
  name: string;
  projectId: number;
  proposed: boolean;
  actors: readonly Actor[];
  onCreated: (actor: Actor) => void;
  onBack: () => void;
}

/** Asks for the kind of a new actor; number keys pick a kind, Enter creates, Escape goes back to typing. */
function CreateActorForm({ name, projectId, proposed, actors, onCreated, onBack }: CreateProps) {
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
      <p id={headingId} className="create-actor-title">
        New actor “{name}”
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
