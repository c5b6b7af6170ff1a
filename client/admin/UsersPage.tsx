import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { Role, type ListedUser, type User } from '../../shared/schemas/users.ts';
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from '../../shared/limits.ts';
import { sessionQuery } from '../session/queries.ts';
import { ListCount, PagedTable, type Column } from '../ui/PagedTable.tsx';
import { FilterSelect, ListTools } from '../ui/ListTools.tsx';
import { useListParams } from '../ui/useListParams.ts';
import { USER_LIST, useUserPages } from './queries.ts';
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

const NOUN = { one: 'account', many: 'accounts' };

type Sort = (typeof USER_LIST.sorts)[number];

const none = () => null;
const COLUMNS: Column<ListedUser, Sort>[] = [
  { id: 'username', header: 'Username', sort: 'username', cell: none },
  { id: 'role', header: 'Role', sort: 'role', width: '8rem', cell: none },
  { id: 'status', header: 'Status', width: '6rem', cell: none },
  { id: 'lastSignIn', header: 'Last signed in', sort: 'lastSignIn', width: '9rem', cell: none },
  { id: 'actions', header: 'Actions', width: '19rem', cell: none },
];

/** Every account a page at a time (search, role, disabled; the view in the URL), with its role, enable / disable and password reset. */
function UserTable({ myId }: { myId: number }) {
  const view = useListParams(USER_LIST);
  const users = useUserPages(view.query, view.filtered);
  const update = useUpdateUser();
  const [resetting, setResetting] = useState<number | null>(null);

  return (
    <section aria-labelledby="accounts">
      <h2 id="accounts">Accounts</h2>
      {update.isError && (
        <p role="alert" className="error">
          {errorMessage(update.error)}
        </p>
      )}
      <ListTools label="Find accounts" searchLabel="Search usernames" view={view}>
        <FilterSelect view={view} name="role" label="Role">
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </FilterSelect>
        <FilterSelect view={view} name="disabled" label="Status">
          <option value="">Active or disabled</option>
          <option value="0">Active</option>
          <option value="1">Disabled</option>
        </FilterSelect>
      </ListTools>
      <ListCount list={users} noun={NOUN} filtered={view.filtered} />
      <PagedTable
        label="Accounts"
        noun={NOUN}
        columns={COLUMNS}
        list={users}
        view={view}
        rowKey={(user) => user.id}
        tableClassName="users"
        empty={<p>No accounts.</p>}
        // The row whose password is being reset stays drawn (and keeps what was typed) while the table scrolls.
        keepRow={(user) => user.id === resetting}
        renderRow={(user) => (
          <tr className={user.disabled ? 'disabled' : undefined}>
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
            <td className="small">{user.lastSignInAt ? new Date(user.lastSignInAt).toLocaleString() : 'never'}</td>
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
        )}
      />
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
