import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ActorKind, type Actor } from '../../shared/schemas/actors.ts';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { sessionQuery } from '../session/queries.ts';
import { ListCount, PagedTable, type Column } from '../ui/PagedTable.tsx';
import { FilterSelect, ListTools } from '../ui/ListTools.tsx';
import { useListParams } from '../ui/useListParams.ts';
import { ActorRow, type RowMode } from './ActorRow.tsx';
import { AddActorForm } from './AddActorForm.tsx';
import { ACTOR_LIST, actorQueries, useActorPages } from './queries.ts';

const NOUN = { one: 'actor', many: 'actors' };

type Sort = (typeof ACTOR_LIST.sorts)[number];

/** The header row; the rows themselves are ActorRow (they turn into fields in place). */
function columns(showCounts: boolean, isAdmin: boolean): Column<Actor, Sort>[] {
  const none = () => null;
  return [
    { id: 'name', header: 'Name', sort: 'name', cell: none },
    { id: 'kind', header: 'Kind', sort: 'kind', width: '7rem', cell: none },
    { id: 'code', header: 'Code', width: '4.5rem', cell: none },
    { id: 'aliases', header: 'Aliases', width: '12rem', cell: none },
    { id: 'parent', header: 'Part of', width: '8rem', cell: none },
    { id: 'status', header: 'Status', width: '6.5rem', cell: none },
    ...(showCounts ? [{ id: 'claims', header: 'Claims', sort: 'usage' as const, width: '5.5rem', cell: none }] : []),
    ...(isAdmin ? [{ id: 'actions', header: 'Actions', width: '12rem', cell: none }] : []),
  ];
}

/**
 * The project's actor registry (/projects/:projectId/actors), a page at a time: search names,
 * aliases and codes, filter by kind and status, sort by name, kind or use (the view in the URL).
 * Every member reads it and may add an actor (a non-admin's is proposed); admins edit rows in
 * place, accept proposals, delete unused actors and merge duplicates. The server enforces the
 * same rules; the page only hides controls.
 */
export function ActorsPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQueries.detail(projectId));
  // The whole registry, for parents, merge targets and the add form's "already there?".
  const registry = useQuery(actorQueries.list(projectId));
  const role = useQuery(sessionQuery()).data?.role;
  const isAdmin = role === 'admin';
  const showCounts = role !== undefined && role !== 'annotator';
  const all = useMemo(() => registry.data ?? [], [registry.data]);
  const byId = useMemo(() => new Map(all.map((actor) => [actor.id, actor])), [all]);
  const proposedCount = all.filter((actor) => actor.status === 'proposed').length;
  const view = useListParams(ACTOR_LIST);
  const list = useActorPages(projectId, view.query, view.filtered, registry.data?.length);
  const error = project.error ?? registry.error;
  // Rows being edited or merged: they stay drawn, fields and all, while the table scrolls.
  const [open, setOpen] = useState<ReadonlyMap<number, RowMode>>(new Map());
  const setMode = (actorId: number) => (mode: RowMode) =>
    setOpen((current) => {
      const next = new Map(current);
      if (mode === 'view') next.delete(actorId);
      else next.set(actorId, mode);
      return next;
    });

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
      {registry.data && (
        <p className="muted">
          {all.length.toLocaleString('en')} actor{all.length === 1 ? '' : 's'}, {proposedCount} proposed
          {isAdmin && proposedCount > 0 ? ': accept, rename or merge them.' : '.'}
        </p>
      )}
      <AddActorForm projectId={projectId} isAdmin={isAdmin} actors={all} />
      <ListTools label="Find actors" searchLabel="Filter actors" placeholder="Name, alias or code" view={view} className="actor-filters">
        <FilterSelect view={view} name="kind" label="Kind">
          <option value="">Any kind</option>
          {ActorKind.options.map((kind) => (
            <option key={kind}>{kind}</option>
          ))}
        </FilterSelect>
        <label className="inline">
          <input
            type="checkbox"
            checked={view.filters.status === 'proposed'}
            onChange={(e) => view.setFilter('status', e.target.checked ? 'proposed' : null)}
          />{' '}
          Proposed only
        </label>
      </ListTools>
      <ListCount list={list} noun={NOUN} filtered={view.filtered} />
      <PagedTable
        label="Actors"
        noun={NOUN}
        columns={columns(showCounts, isAdmin)}
        list={list}
        view={view}
        rowKey={(actor) => actor.id}
        keepRow={(actor) => open.has(actor.id)}
        renderRow={(actor) => (
          <ActorRow
            actor={actor}
            mode={open.get(actor.id) ?? 'view'}
            setMode={setMode(actor.id)}
            actors={all}
            byId={byId}
            projectId={projectId}
            isAdmin={isAdmin}
            showCounts={showCounts}
          />
        )}
        empty={<p>No actors yet.</p>}
        className="actors-table"
        tableClassName="actors"
      />
    </main>
  );
}
