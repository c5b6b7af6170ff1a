import type { Db } from '../db/connection.ts';
import { conflict, notFound } from '../http/errors.ts';
import { recordEvent } from '../events/repo.ts';
import { assertAllowed, auditUserId, may, type Principal } from '../policy.ts';
import { endSessionsOfUser } from '../session/service.ts';
import type { CreateUserBody, Role, UpdateUserBody, User, UserList, UsersQuery } from '../../shared/schemas/users.ts';
import { pageUsers } from './listing.ts';
import { hashPassword } from './passwords.ts';
import { countActiveAdmins, findUserById, findUserByName, insertUser, publicUser, updateUserRow } from './repo.ts';
import { transaction } from '../db/transaction.ts';

/** Creates an account: an admin does, or the system (at first start, from the CLI). */
export async function createUser(db: Db, who: Principal, input: { username: string; password: string; role: Role }): Promise<User> {
  assertAllowed(who, may.createUsers);
  if (findUserByName(db, input.username)) throw conflict(`A user named "${input.username}" already exists.`);
  // Hash outside the transaction: no await may sit inside a SQLite transaction.
  const passwordHash = await hashPassword(input.password);
  return transaction(db, () => {
    const user = insertUser(db, { username: input.username, passwordHash, role: input.role });
    recordEvent(db, { userId: auditUserId(who), action: 'create', entity: 'user', entityId: user.id, after: user });
    return user;
  });
}

/** A page of the accounts, for the admin's users page. */
export function getUsers(db: Db, user: User, query: UsersQuery): UserList {
  assertAllowed(user, may.listUsers);
  return pageUsers(db, query);
}

/** An admin creates an account. */
export async function addUser(db: Db, user: User, body: CreateUserBody): Promise<User> {
  return createUser(db, user, body);
}

/**
 * An admin changes a role, resets a password, or disables/enables an account. A new password,
 * disabling or enabling ends the account's sessions at once (and any sign-in still checking the old
 * credentials); when admins change their own password, the session
 * they do it from stays (they just proved who they are) and every other one ends. The last active
 * admin can be neither disabled nor demoted: nobody could manage accounts any more.
 */
export async function changeUser(db: Db, user: User, userId: number, body: UpdateUserBody, currentSessionToken: string | undefined): Promise<User> {
  assertAllowed(user, may.changeUsers);
  if (!findUserById(db, userId)) throw notFound('User', userId);
  // Hash outside the transaction: no await may sit inside a SQLite transaction.
  const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
  return transaction(db, () => {
    // Read again inside the transaction: another admin may have changed the account while we hashed.
    const found = findUserById(db, userId);
    if (!found) throw notFound('User', userId);
    const before = publicUser(found);
    const after: User = { ...before, role: body.role ?? before.role, disabled: body.disabled ?? before.disabled };
    const losesAdmin = before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
    if (losesAdmin && countActiveAdmins(db) <= 1) {
      const change = after.disabled ? 'disabled' : 'demoted';
      throw conflict(
        before.id === user.id
          ? `You are the last active admin and cannot be ${change}: make another account admin first.`
          : `${before.username} is the last active admin and cannot be ${change}: make another account admin first.`,
      );
    }
    // Conditional in the UPDATE: the check above read the admins, another writer may have changed them since.
    if (!updateUserRow(db, userId, { role: after.role, disabled: after.disabled, passwordHash })) {
      throw conflict(`${before.username} is the last active admin and cannot be ${after.disabled ? 'disabled' : 'demoted'}: make another account admin first.`);
    }
    // Enabling ends sessions too: one that survived the disable (or raced it) must not come back.
    if (after.disabled !== before.disabled || passwordHash !== undefined) {
      const keepOwn = passwordHash !== undefined && !after.disabled && userId === user.id;
      endSessionsOfUser(db, userId, keepOwn ? currentSessionToken : undefined);
    }
    // The audit log says that a password changed, never what it is or its hash.
    recordEvent(db, {
      userId: user.id,
      action: 'update',
      entity: 'user',
      entityId: userId,
      before,
      after: passwordHash === undefined ? after : { ...after, passwordChanged: true },
    });
    return after;
  });
}
