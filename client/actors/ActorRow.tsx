import { useId, useState, type FormEvent } from 'react';
import { ACTOR_CODE_MAX, ACTOR_NAME_MAX, ActorKind, type Actor, type UpdateActorBody } from '../../shared/schemas/actors.ts';
import { errorMessage } from '../api.ts';
import { MergePanel } from './MergePanel.tsx';
import { useDeleteActor, useUpdateActor } from './mutations.ts';

/** What a row shows: the actor, its edit fields, or its merge panel under it. */
export type RowMode = 'view' | 'edit' | 'merge';

interface RowProps {
  actor: Actor;
  /** Held by the page, which keeps an open row drawn while it is scrolled away (PagedTable keepRow). */
  mode: RowMode;
  setMode: (mode: RowMode) => void;
  actors: readonly Actor[];
  byId: ReadonlyMap<number, Actor>;
  projectId: number;
  isAdmin: boolean;
  showCounts: boolean;
}

/** Actors that may be `actor`'s parent: not itself and none of its descendants (that would be a cycle). */
function parentChoices(actor: Actor, actors: readonly Actor[], byId: ReadonlyMap<number, Actor>): Actor[] {
  const isDescendant = (candidate: Actor): boolean => {
    for (let a: Actor | undefined = candidate; a; a = a.parentId ? byId.get(a.parentId) : undefined) if (a.id === actor.id) return true;
    return false;
  };
  return actors.filter((candidate) => !isDescendant(candidate));
}

/** One actor of the table; for admins also its actions, and in place its edit fields or merge panel. */
export function ActorRow({ actor, mode, setMode, actors, byId, projectId, isAdmin, showCounts }: RowProps) {
  const update = useUpdateActor(projectId);
  const remove = useDeleteActor(projectId);
  const parent = actor.parentId ? byId.get(actor.parentId) : undefined;
  const columns = 6 + (showCounts ? 1 : 0) + (isAdmin ? 1 : 0);
  const error = update.error ?? remove.error;

  if (mode === 'edit') {
    return (
      <EditRow
        actor={actor}
        choices={parentChoices(actor, actors, byId)}
        showCounts={showCounts}
        pending={update.isPending}
        error={update.error}
        onSave={(body) => update.mutate({ actorId: actor.id, body }, { onSuccess: () => setMode('view') })}
        onCancel={() => {
          update.reset();
          setMode('view');
        }}
      />
    );
  }

  return (
    <>
      <tr className={actor.status === 'proposed' ? 'proposed' : undefined}>
        <th scope="row">{actor.name}</th>
        <td>{actor.kind}</td>
        <td>{actor.code ?? ''}</td>
        <td className="aliases">{actor.aliases.join(', ')}</td>
        <td>{parent?.name ?? ''}</td>
        <td>
          <span className={`badge status-${actor.status}`}>{actor.status}</span>
        </td>
        {showCounts && <td className="number">{actor.claimCount ?? ''}</td>}
        {isAdmin && (
          <td className="row-actions">
            <button type="button" aria-label={`Edit ${actor.name}`} onClick={() => setMode('edit')}>
              Edit
            </button>
            {actor.status === 'proposed' && (
              <button
                type="button"
                aria-label={`Accept ${actor.name}`}
                disabled={update.isPending}
                onClick={() => update.mutate({ actorId: actor.id, body: { status: 'accepted' } })}
              >
                Accept
              </button>
            )}
            <button type="button" aria-label={`Merge ${actor.name} into another actor`} onClick={() => setMode(mode === 'merge' ? 'view' : 'merge')}>
              Merge…
            </button>
            <button
              type="button"
              aria-label={`Delete ${actor.name}`}
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Delete “${actor.name}”? This cannot be undone.`)) remove.mutate(actor.id);
              }}
            >
              Delete
            </button>
          </td>
        )}
      </tr>
      {error && (
        <tr>
          <td colSpan={columns}>
            <p role="alert" className="error">
              {errorMessage(error)}
            </p>
          </td>
        </tr>
      )}
      {mode === 'merge' && (
        <tr className="merge-row">
          <td colSpan={columns}>
            <MergePanel actor={actor} actors={actors} projectId={projectId} onDone={() => setMode('view')} />
          </td>
        </tr>
      )}
    </>
  );
}

interface EditProps {
  actor: Actor;
  choices: readonly Actor[];
  showCounts: boolean;
  pending: boolean;
  error: Error | null;
  onSave: (body: UpdateActorBody) => void;
  onCancel: () => void;
}

/** What the edit fields (as typed: aliases one per line, parent id '' for none) change on `actor`. */
function changesOf(actor: Actor, typed: { name: string; kind: ActorKind; code: string; aliases: string; parentId: string }): UpdateActorBody {
  const aliases = typed.aliases
    .split('\n')
    .map((alias) => alias.trim())
    .filter(Boolean);
  const parentId = typed.parentId === '' ? null : Number(typed.parentId);
  const body: UpdateActorBody = {};
  if (typed.name.trim() !== actor.name) body.name = typed.name.trim();
  if (typed.kind !== actor.kind) body.kind = typed.kind;
  if ((typed.code.trim() || null) !== actor.code) body.code = typed.code.trim() || null;
  if (aliases.join('\n') !== actor.aliases.join('\n')) body.aliases = aliases;
  if (parentId !== actor.parentId) body.parentId = parentId;
  return body;
}

/** One row turned into fields; only the fields that changed are sent. */
function EditRow({ actor, choices, showCounts, pending, error, onSave, onCancel }: EditProps) {
  const formId = useId();
  const [name, setName] = useState(actor.name);
  const [kind, setKind] = useState<ActorKind>(actor.kind);
  const [code, setCode] = useState(actor.code ?? '');
  const [aliases, setAliases] = useState(actor.aliases.join('\n'));
  const [parentId, setParentId] = useState(actor.parentId === null ? '' : String(actor.parentId));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = changesOf(actor, { name, kind, code, aliases, parentId });
    if (Object.keys(body).length === 0) onCancel();
    else onSave(body);
  };

  return (
    <tr className="editing" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <th scope="row">
        <form id={formId} onSubmit={submit} />
        <input
          form={formId}
          aria-label={`Name of ${actor.name}`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={ACTOR_NAME_MAX}
          autoFocus
        />
      </th>
      <td>
        <select form={formId} aria-label={`Kind of ${actor.name}`} value={kind} onChange={(event) => setKind(ActorKind.parse(event.target.value))}>
          {ActorKind.options.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </td>
      <td>
        <input
          form={formId}
          aria-label={`Code of ${actor.name}`}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          maxLength={ACTOR_CODE_MAX}
          size={5}
        />
      </td>
      <td>
        <textarea
          form={formId}
          aria-label={`Aliases of ${actor.name}, one per line`}
          value={aliases}
          onChange={(event) => setAliases(event.target.value)}
          rows={Math.min(Math.max(actor.aliases.length + 1, 2), 8)}
        />
      </td>
      <td>
        <select form={formId} aria-label={`${actor.name} is part of`} value={parentId} onChange={(event) => setParentId(event.target.value)}>
          <option value="">(none)</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className={`badge status-${actor.status}`}>{actor.status}</span>
      </td>
      {showCounts && <td className="number">{actor.claimCount ?? ''}</td>}
      <td className="row-actions">
        <button type="submit" form={formId} disabled={pending}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {error && (
          <p role="alert" className="error">
            {errorMessage(error)}
          </p>
        )}
      </td>
    </tr>
  );
}
