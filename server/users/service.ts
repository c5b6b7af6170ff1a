import type { Db } from '../db/connection.ts';
import { conflict } from '../http/errors.ts';
import { recordEvent } from '../events/repo.ts';
import type { Role, User } from '../../shared/schemas/users.ts';
import { hashPassword } from './passwords.ts';
import { findUserByName, insertUser } from './repo.ts';

/** Creates an account; `actorId` is who did it (null for the system at first start or the CLI). */
export async function createUser(
  db: Db,
  actorId: number | null,
  input: { username: string; password: string; role: Role },
): Promise<User> {
  if (findUserByName(db, input.username)) throw conflict(`A user named "${input.username}" already exists.`);
  // Hash outside the transaction: no await may sit inside a SQLite transaction.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(() => {
    const user = insertUser(db, { username: input.username, passwordHash, role: input.role });
    recordEvent(db, { userId: actorId, action: 'create', entity: 'user', entityId: user.id, after: user });
    return user;
  })();
}
