import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ActorKind, type Actor, type UpdateActorBody } from '../../shared/schemas/actors.ts';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { sessionQuery } from '../session/queries.ts';
import { ActorPicker } from './ActorPicker.tsx';
import { matchActors } from './match.ts';
import { useCreateActor, useDeleteActor, useMergeActor, useUpdateActor } from './mutations.ts';
import { actorQueries } from './queries.ts';

const KINDS = ActorKind.options;

/**
 * The project's actor registry (/projects/:projectId/actors). Every member reads it and may add an
 * actor (a non-admin's is proposed); admins edit rows in place, accept proposals, delete unused
 * actors and merge duplicates. The server enforces the same rules; the page only hides controls.
 */
export function ActorsPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQueries.detail(projectId));
  const actors = useQuery(actorQueries.withCounts(projectId));
  const isAdmin = useQuery(sessionQuery()).data?.role === 'admin';
  const [filter, setFilter] = useState('');
  const [proposedOnly, setProposedOnly] = useState(false);
  const list = useMemo(() => actors.data ?? [], [actors.data]);
  const byId = useMemo(() => new Map(list.map((actor) => [actor.id, actor])), [list]);
  const shown = useMemo(() => {
    const base = filter.trim() ? matchActors(list, filter, list.length).map((match) => match.actor) : list;
    return proposedOnly ? base.filter((actor) => actor.status === 'proposed') : base;
  }, [list, filter, proposedOnly]);
  const proposedCount = list.filter((actor) => actor.status === 'proposed').length;
  const showCounts = list.some((actor) => actor.claimCount !== undefined);
  const error = project.error ?? actors.error;

  return (
    <main className="page wide">
      <p>
        <Link to={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link>
      </p>
      <h1>Actors</h1>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {actors.isPending && <p aria-busy="true">Loading actors…</p>}
      {actors.data && (
        <>
          <p className="muted">
            {list.length} actor{list.length === 1 ? '' : 's'}, {proposedCount} proposed
            {isAdmin && proposedCount > 0 ? ': accept, rename or merge them.' : '.'}
          </p>
          <AddActorForm projectId={projectId} isAdmin={isAdmin} />
          <div className="actor-filters">
            <label>
              Filter actors
              <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Name, alias or code" />
            </label>
            <label className="inline">
              <input type="checkbox" checked={proposedOnly} onChange={(event) => setProposedOnly(event.target.checked)} /> Proposed only
            </label>
          </div>
          <table className="actors">
            <caption className="visually-hidden">Actors</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Code</th>
                <th scope="col">Aliases</th>
                <th scope="col">Part of</th>
                <th scope="col">Status</th>
                {showCounts && <th scope="col">Claims</th>}
                {isAdmin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((actor) => (
                <ActorRow key={actor.id} actor={actor} actors={list} byId={byId} projectId={projectId} isAdmin={isAdmin} showCounts={showCounts} />
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p>No actor matches.</p>}
        </>
      )}
    </main>
  );
}

/** Adds an actor by name and kind; the rest is edited in its row. */
function AddActorForm({ projectId, isAdmin }: { projectId: number; isAdmin: boolean }) {
  const create = useCreateActor(projectId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ActorKind>('state');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), kind }, { onSuccess: () => setName('') });
  };
  return (
    <form className="add-actor" onSubmit={submit} aria-label="Add an actor">
      <label>
        New actor
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(event) => setKind(ActorKind.parse(event.target.value))}>
          {KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={create.isPending}>
        {isAdmin ? 'Add actor' : 'Propose actor'}
      </button>
      {create.isError && (
        <p role="alert" className="error">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}

interface RowProps {
  actor: Actor;
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

function ActorRow({ actor, actors, byId, projectId, isAdmin, showCounts }: RowProps) {
  const [mode, setMode] = useState<'view' | 'edit' | 'merge'>('view');
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
    const nextAliases = aliases
      .split('\n')
      .map((alias) => alias.trim())
      .filter(Boolean);
    const nextParent = parentId === '' ? null : Number(parentId);
    const body: UpdateActorBody = {};
    if (name.trim() !== actor.name) body.name = name.trim();
    if (kind !== actor.kind) body.kind = kind;
    if ((code.trim() || null) !== actor.code) body.code = code.trim() || null;
    if (nextAliases.join('\n') !== actor.aliases.join('\n')) body.aliases = nextAliases;
    if (nextParent !== actor.parentId) body.parentId = nextParent;
    if (Object.keys(body).length === 0) onCancel();
    else onSave(body);
  };

  return (
    <tr className="editing" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <th scope="row">
        <form id={formId} onSubmit={submit} />
        <input form={formId} aria-label={`Name of ${actor.name}`} value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} autoFocus />
      </th>
      <td>
        <select form={formId} aria-label={`Kind of ${actor.name}`} value={kind} onChange={(event) => setKind(ActorKind.parse(event.target.value))}>
          {KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </td>
      <td>
        <input form={formId} aria-label={`Code of ${actor.name}`} value={code} onChange={(event) => setCode(event.target.value)} maxLength={32} size={5} />
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

/** Picks the actor to keep, states what will happen, then merges. */
function MergePanel({ actor, actors, projectId, onDone }: { actor: Actor; actors: readonly Actor[]; projectId: number; onDone: () => void }) {
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
          {claims === undefined ? 'Every claim' : `${claims} claim${claims === 1 ? '' : 's'}`} naming “{actor.name}” will name “{into.name}”; “
          {actor.name}” and its aliases become aliases of “{into.name}”, its parts become parts of “{into.name}”, and “{actor.name}” is
          deleted.
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
