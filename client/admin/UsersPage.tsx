import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { Role, type User } from '../../shared/schemas/users.ts';
import { projectQueries } from '../projects/queries.ts';
import { sessionQuery } from '../session/queries.ts';
import { adminQueries } from './queries.ts';
import { useCreateUser, useMembership, useUpdateUser } from './mutations.ts';

const ROLES = Role.options;

/** /admin/users: accounts (create, role, password, disable) and project membership. Admins only. */
export function UsersPage() {
  const me = useQuery(sessionQuery());
  if (me.data?.role !== 'admin') {
    return (
      <main className="page">
        <h1>Users</h1>
        <p role="alert" className="error">
          Only admin accounts may manage users.
        </p>
      </main>
    );
  }
  return (
    <main className="page admin-users">
      <h1>Users</h1>
      <CreateUserForm />
      <UserTable myId={me.data.id} />
      <ProjectMembers />
    </main>
  );
}

function CreateUserForm() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  const roleId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { username, password, role },
      {
        onSuccess: () => {
          setUsername('');
          setPassword('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="new-user">
      <h2 id="new-user">New user</h2>
      <form className="inline-form" onSubmit={submit} aria-label="New user">
        <label>
          Username
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required maxLength={64} />
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required minLength={8} maxLength={200} />
        </label>
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(e) => setRole(Role.parse(e.target.value))}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={create.isPending}>
          Create user
        </button>
      </form>
      {create.isError && (
        <p role="alert" className="error">
          {errorMessage(create.error)}
        </p>
      )}
      {create.isSuccess && (
        <p role="status">
          Created {create.data.username} ({create.data.role}).
        </p>
      )}
    </section>
  );
}

function UserTable({ myId }: { myId: number }) {
  const users = useQuery(adminQueries.users());
  const update = useUpdateUser();
  const [resetting, setResetting] = useState<number | null>(null);

  return (
    <section aria-labelledby="accounts">
      <h2 id="accounts">Accounts</h2>
      {users.isPending && <p aria-busy="true">Loading users…</p>}
      {users.isError && (
        <p role="alert" className="error">
          {errorMessage(users.error)}
        </p>
      )}
      {update.isError && (
        <p role="alert" className="error">
          {errorMessage(update.error)}
        </p>
      )}
      {users.data && (
        <table className="users">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <tr key={user.id} className={user.disabled ? 'disabled' : undefined}>
                <th scope="row">
                  {user.username}
                  {user.id === myId && <span className="badge">you</span>}
                </th>
                <td>
                  <select
                    aria-label={`Role of ${user.username}`}
                    value={user.role}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ userId: user.id, change: { role: Role.parse(e.target.value) } })}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td>{user.disabled ? 'Disabled' : 'Active'}</td>
                <td className="actions-cell">
                  <button
                    type="button"
                    disabled={update.isPending}
                    onClick={() => update.mutate({ userId: user.id, change: { disabled: !user.disabled } })}
                  >
                    {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
                  </button>
                  {resetting === user.id ? (
                    <ResetPassword user={user} isMe={user.id === myId} onDone={() => setResetting(null)} />
                  ) : (
                    <button type="button" onClick={() => setResetting(user.id)}>
                      Reset password of {user.username}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ResetPassword({ user, isMe, onDone }: { user: User; isMe: boolean; onDone: () => void }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ userId: user.id, change: { password } }, { onSuccess: onDone });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Reset password of ${user.username}`}>
      <label>
        New password for {user.username}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required minLength={8} maxLength={200} autoFocus />
      </label>
      <button type="submit" disabled={update.isPending}>
        Set password
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {update.isError && (
        <p role="alert" className="error">
          {errorMessage(update.error)}
        </p>
      )}
      <p className="muted small">
        {isMe ? 'Your other sessions end; this one stays.' : 'Their sessions end; they sign in again with the new password.'}
      </p>
    </form>
  );
}

function ProjectMembers() {
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
