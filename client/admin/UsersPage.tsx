import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { Role, type User } from '../../shared/schemas/users.ts';
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from '../../shared/limits.ts';
import { sessionQuery } from '../session/queries.ts';
import { adminQueries } from './queries.ts';
import { useCreateUser, useUpdateUser } from './mutations.ts';
import { ProjectMembers } from './ProjectMembers.tsx';

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

/** Creates an account with a first password and a role. */
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
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required maxLength={USERNAME_MAX} />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
          />
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

/** Every account, with its role, enable / disable and password reset. */
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
                  <button type="button" disabled={update.isPending} onClick={() => update.mutate({ userId: user.id, change: { disabled: !user.disabled } })}>
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

/** Sets a new password for one account; its sessions end (the admin's own current one stays). */
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
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          autoFocus
        />
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
      <p className="muted small">{isMe ? 'Your other sessions end; this one stays.' : 'Their sessions end; they sign in again with the new password.'}</p>
    </form>
  );
}
