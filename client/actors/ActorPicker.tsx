import { forwardRef, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import { rankActors } from './match.ts';

interface Props {
  label: string;
  actors: readonly Actor[];
  value: number | null;
  onPick: (actor: Actor) => void;
  onCancel?: () => void;
}

/** A type-ahead combobox over actor names, aliases and codes; Enter picks the highlighted actor. */
export const ActorPicker = forwardRef<HTMLInputElement, Props>(function ActorPicker({ label, actors, value, onPick, onCancel }, ref) {
  const id = useId();
  const current = actors.find((actor) => actor.id === value);
  const [query, setQuery] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(0);
  const open = query !== null;
  const options = useMemo(() => (open ? rankActors(actors, query) : []), [actors, query, open]);
  const byId = useMemo(() => new Map(actors.map((actor) => [actor.id, actor])), [actors]);

  const pick = (actor: Actor | undefined) => {
    if (!actor) return;
    setQuery(null);
    onPick(actor);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setQuery((q) => q ?? '');
      setHighlight((h) => Math.min(h + 1, Math.max(options.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      pick(options[highlight]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
      onCancel?.();
    }
  };

  return (
    <div className="actor-picker">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options[highlight] ? `${id}-${options[highlight].id}` : undefined}
        autoComplete="off"
        placeholder="Type a name, alias or code"
        value={query ?? current?.name ?? ''}
        onChange={(event) => {
          setQuery(event.target.value);
          setHighlight(0);
        }}
        onFocus={(event) => event.target.select()}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
      />
      {open && options.length > 0 && (
        <ul id={`${id}-list`} role="listbox" aria-label={`${label} suggestions`} className="actor-options">
          {options.map((actor, index) => (
            <li
              key={actor.id}
              id={`${id}-${actor.id}`}
              role="option"
              aria-selected={index === highlight}
              // mousedown, not click: the input must not blur (and close the list) first.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(actor);
              }}
            >
              <span className="actor-name">{actor.name}</span>
              <span className="actor-meta">
                {actor.kind}
                {actor.code ? ` · ${actor.code}` : ''}
                {actor.parentId && byId.get(actor.parentId) ? ` · ${byId.get(actor.parentId)!.name}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && options.length === 0 && <p className="muted small">No actor matches “{query}”.</p>}
    </div>
  );
});
