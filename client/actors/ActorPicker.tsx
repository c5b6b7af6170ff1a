import { forwardRef, useId, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { Actor } from '../../shared/schemas/actors.ts';
import { AUTHOR_ACTOR, isAuthorName } from '../../shared/authorActor.ts';
import { errorMessage } from '../api.ts';
import { sessionQuery } from '../session/queries.ts';
import { hasExactMatch, matchActors, type ActorMatch } from './match.ts';
import { useCreateActor } from './mutations.ts';
import { CreateActorForm } from './CreateActorForm.tsx';

interface Props {
  label: string;
  actors: readonly Actor[];
  value: number | null;
  onPick: (actor: Actor) => void;
  /** Esc with the list closed: the field is left (the claim editor steps back one field). */
  onCancel?: () => void;
  /** The project new actors go to; defaults to the `:projectId` of the current route. */
  projectId?: number;
  /** Offer "Create “…”" when nothing matches exactly (default: whenever the project is known). */
  allowCreate?: boolean;
  /** Actors not to offer, e.g. the one being merged. */
  excludeIds?: readonly number[];
  /** Offer the document's implicit speaker, the author/outlet, first (created the first time it is picked). */
  offerAuthor?: boolean;
  /** A key pressed while nothing is typed (a stance number, Enter to go on): true when the caller used it. */
  onEmptyKey?: (key: string) => boolean;
  /** The words of the text the field stands for when no actor is picked (a speaker marked as a span): shown quoted, as on a claim's card. */
  spanText?: string | undefined;
}

/** Kind, code, parent and status, as shown under an option and in the registry. */
export function actorMeta(actor: Actor, byId: ReadonlyMap<number, Actor>): string {
  const parent = actor.parentId ? byId.get(actor.parentId) : undefined;
  return [actor.kind, actor.code, parent && `part of ${parent.name}`, actor.status === 'proposed' && 'proposed'].filter(Boolean).join(' · ');
}

/** What the author/outlet option is found by: "author", "outlet", "the author"… */
const AUTHOR_TERMS: Actor = {
  id: -1,
  projectId: -1,
  name: AUTHOR_ACTOR.name,
  kind: AUTHOR_ACTOR.kind,
  code: null,
  aliases: ['the author', 'the outlet', 'author', 'outlet', 'article', 'the article'],
  parentId: null,
  status: 'accepted',
};

/**
 * A type-ahead combobox over actor names, aliases and codes; Enter picks the highlighted actor.
 * When nothing matches exactly it offers to create the typed name, asking for its kind: any
 * project member may, and a non-admin's actor is proposed until an admin accepts it.
 */
export const ActorPicker = forwardRef<HTMLInputElement, Props>(function ActorPicker(
  { label, actors, value, onPick, onCancel, projectId: projectIdProp, allowCreate = true, excludeIds, offerAuthor = false, onEmptyKey, spanText },
  ref,
) {
  const id = useId();
  const routeProjectId = Number(useParams().projectId);
  const projectId = projectIdProp ?? (Number.isSafeInteger(routeProjectId) && routeProjectId > 0 ? routeProjectId : null);
  const isAdmin = useQuery(sessionQuery()).data?.role === 'admin';
  const createAuthor = useCreateActor(projectId ?? 0);
  const current = actors.find((actor) => actor.id === value);
  const [query, setQuery] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [creating, setCreating] = useState<string | null>(null);
  const open = query !== null;
  const byId = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);
  const author = useMemo(() => actors.find((actor) => isAuthorName(actor.name)), [actors]);
  const offered = useMemo(
    () => actors.filter((actor) => !excludeIds?.includes(actor.id) && !(offerAuthor && actor === author)),
    [actors, excludeIds, offerAuthor, author],
  );
  const matches = useMemo(() => (open ? matchActors(offered, query) : []), [offered, query, open]);
  const typed = query?.trim() ?? '';
  // The author/outlet comes first whenever the list is open and the typed text could mean it.
  const showAuthor = offerAuthor && open && (author !== undefined || projectId !== null) && (typed === '' || matchActors([AUTHOR_TERMS], typed).length > 0);
  const authorOffset = showAuthor ? 1 : 0;
  const canCreate =
    allowCreate && projectId !== null && open && typed !== '' && !hasExactMatch(actors, typed) && !(showAuthor && hasExactMatch([AUTHOR_TERMS], typed));
  const optionCount = authorOffset + matches.length + (canCreate ? 1 : 0);
  const createIndex = canCreate ? authorOffset + matches.length : -1;
  // The list may shrink under the highlight as the user types.
  const active = Math.min(highlight, optionCount - 1);

  const pick = (actor: Actor | undefined) => {
    if (!actor) return;
    setQuery(null);
    onPick(actor);
  };

  const pickAuthor = () => {
    setQuery(null);
    if (author) onPick(author);
    else if (!createAuthor.isPending) createAuthor.mutate({ ...AUTHOR_ACTOR }, { onSuccess: onPick });
  };

  const choose = (index: number) => {
    if (showAuthor && index === 0) pickAuthor();
    else if (index === createIndex) {
      setCreating(typed);
      setQuery(null);
    } else {
      pick(matches[index - authorOffset]?.actor);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Nothing typed: a number key is the claim's stance, Enter (list closed) goes on to the next field.
    if (typed === '' && (!open || event.key !== 'Enter') && onEmptyKey?.(event.key)) {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    } else if (event.key === 'ArrowDown') {
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
      // One step back: an open list closes first (the field keeps its value); then the field is left.
      if (open) setQuery(null);
      else onCancel?.();
    }
  };

  const optionId = (index: number) =>
    showAuthor && index === 0 ? `${id}-author` : index === createIndex ? `${id}-create` : `${id}-${matches[index - authorOffset]?.actor.id}`;
  const option = (index: number) => ({
    id: optionId(index),
    role: 'option',
    'aria-selected': index === active,
    // mousedown, not click: the input must not blur (and close the list) first.
    onMouseDown: (event: MouseEvent) => {
      event.preventDefault();
      choose(index);
    },
  });

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
        placeholder={offerAuthor ? 'Type a name, or ↓ for the author/outlet' : 'Type a name, alias or code'}
        value={query ?? (creating !== null ? creating : (current?.name ?? (spanText ? `“${spanText}”` : '')))}
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
          {showAuthor && (
            <li {...option(0)} className="author-option">
              <span className="actor-name">{AUTHOR_ACTOR.name}</span>
              <span className="actor-meta">the document’s own voice{author ? '' : ' · added to the registry when picked'}</span>
            </li>
          )}
          {matches.map((match, index) => (
            <li key={match.actor.id} {...option(index + authorOffset)}>
              <span className="actor-name">
                {match.actor.name}
                <MatchedTerm match={match} />
              </span>
              <span className="actor-meta">{actorMeta(match.actor, byId)}</span>
            </li>
          ))}
          {canCreate && (
            <li {...option(createIndex)} className="create-option">
              Create “{typed}”…
            </li>
          )}
        </ul>
      )}
      {open && optionCount === 0 && <p className="muted small">No actor matches “{query}”.</p>}
      {createAuthor.isError && (
        <p role="alert" className="error">
          {errorMessage(createAuthor.error)}
        </p>
      )}
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
