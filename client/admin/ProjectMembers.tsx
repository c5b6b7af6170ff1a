import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { adminQueries } from './queries.ts';
import { useMembership } from './mutations.ts';

/** Who is a member of which project: pick a project, then add or remove its members. */
export function ProjectMembers() {
  const projects = useQuery(projectQueries.list());
  const [chosen, setChosen] = useState<number | null>(null);
  const projectId = chosen ?? projects.data?.[0]?.id ?? null;
  // A select inside its label would take its chosen option into its name; for/id keeps the name "Project".
  const selectId = useId();

  return (
    <section aria-labelledby="membership">
      <h2 id="membership">Project members</h2>
      {projects.isError && (
        <p role="alert" className="error">
          {errorMessage(projects.error)}
        </p>
      )}
      {projects.data?.length === 0 && <p>There are no projects yet.</p>}
      {projects.data && projectId !== null && (
        <>
          <div className="field">
            <label htmlFor={selectId}>Project</label>
            <select id={selectId} value={projectId} onChange={(e) => setChosen(Number(e.target.value))}>
              {projects.data.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </select>
          </div>
          <MemberList key={projectId} projectId={projectId} projectName={projects.data.find((p) => p.id === projectId)?.name ?? ''} />
        </>
      )}
    </section>
  );
}

/** One project's members, and a form adding any active account that is not one yet. */
function MemberList({ projectId, projectName }: { projectId: number; projectName: string }) {
  const members = useQuery(adminQueries.members(projectId));
  const users = useQuery(adminQueries.users());
  const { add, remove } = useMembership(projectId);
  const [adding, setAdding] = useState<number | null>(null);
  const selectId = useId();

  const memberIds = new Set(members.data?.map((member) => member.userId));
  const candidates = users.data?.filter((user) => !memberIds.has(user.id) && !user.disabled) ?? [];
  const toAdd = adding !== null && candidates.some((user) => user.id === adding) ? adding : (candidates[0]?.id ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (toAdd !== null) add.mutate(toAdd, { onSuccess: () => setAdding(null) });
  };

  return (
    <div className="members">
      {members.isPending && <p aria-busy="true">Loading members…</p>}
      {(members.isError || add.isError || remove.isError) && (
        <p role="alert" className="error">
          {errorMessage(members.error ?? add.error ?? remove.error)}
        </p>
      )}
      {members.data && (
        <ul aria-label={`Members of ${projectName}`} className="member-list">
          {members.data.length === 0 && <li className="muted">No members yet.</li>}
          {members.data.map((member) => (
            <li key={member.userId}>
              <span>
                {member.username} <span className="muted small">({member.role})</span>
              </span>
              <button type="button" disabled={remove.isPending} onClick={() => remove.mutate(member.userId)}>
                Remove {member.username}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit} aria-label={`Add a member to ${projectName}`}>
        <div className="field">
          <label htmlFor={selectId}>User to add</label>
          <select id={selectId} value={toAdd ?? ''} onChange={(e) => setAdding(Number(e.target.value))} disabled={candidates.length === 0}>
            {candidates.length === 0 && <option value="">Everyone is a member</option>}
            {candidates.map((user) => (
              <option key={user.id} value={user.id}>
                {user.username} ({user.role})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={toAdd === null || add.isPending}>
          Add to project
        </button>
      </form>
    </div>
  );
}
