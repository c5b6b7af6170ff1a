import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { CreateUserBody, UpdateUserBody, User, UserList, UserParams, UsersQuery } from '../../shared/schemas/users.ts';
import { addUser, changeUser, getUsers } from './service.ts';

/** Account management (DESIGN §5): admins only, checked in the service. */
export function usersRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/users',
    handle(
      {
        query: UsersQuery,
        summary: 'A page of the accounts (search by username; sorts username, role, lastSignIn; filters role, disabled)',
        access: 'admins',
        response: UserList,
      },
      ({ query }, { user }) => getUsers(db, user, query),
    ),
  );
  router.post(
    '/users',
    handle(
      { body: CreateUserBody, status: 201, summary: 'Create an account (409 when the username exists, ignoring case)', access: 'admins', response: User },
      ({ body }, { user }) => addUser(db, user, body),
    ),
  );
  router.patch(
    '/users/:userId',
    handle(
      {
        params: UserParams,
        body: UpdateUserBody,
        summary: "Change a role, reset a password, disable or enable; ends the account's sessions when disabled or given a new password",
        access: 'admins',
        response: User,
      },
      ({ params, body }, { user, req }) => changeUser(db, user, params.userId, body, req.sessionToken),
    ),
  );
  return router;
}
