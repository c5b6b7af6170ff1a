import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Actor } from '../../shared/schemas/actors.ts';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { sessionQuery } from '../session/queries.ts';
import { ActorRow } from './ActorRow.tsx';
import { matchActors } from './match.ts';
import { AddActorForm } from './AddActorForm.tsx';
import { actorQueries } from './queries.ts';

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
  const list = useMemo(() => actors.data ?? [], [actors.data]);
  const byId = useMemo(() => new Map(list.map((actor) => [actor.id, actor])), [list]);
  const { filter, setFilter, proposedOnly, setProposedOnly, shown } = useActorFilter(list);
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
          <AddActorForm projectId={projectId} isAdmin={isAdmin} actors={list} />
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

/** The rows the filter shows: actors matching the typed name, alias or code (best first), proposed ones only if asked. */
function useActorFilter(list: readonly Actor[]) {
  const [filter, setFilter] = useState('');
  const [proposedOnly, setProposedOnly] = useState(false);
  const shown = useMemo(() => {
    const base = filter.trim() ? matchActors(list, filter, list.length).map((match) => match.actor) : list;
    return proposedOnly ? base.filter((actor) => actor.status === 'proposed') : base;
  }, [list, filter, proposedOnly]);
  return { filter, setFilter, proposedOnly, setProposedOnly, shown };
}
