import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { CreateUserBody, UpdateUserBody, UserParams } from '../../shared/schemas/users.ts';
import { addUser, changeUser, getUsers } from './service.ts';

/** Account management (DESIGN §5): admins only, checked in the service. */
export function usersRoutes(db: Db): Router {
  const router = Router();
  router.get('/users', handle({}, (_input, { user }) => ({ users: getUsers(db, user) })));
  router.post(
    '/users',
    handle({ body: CreateUserBody, status: 201 }, ({ body }, { user }) => addUser(db, user, body)),
  );
  router.patch(
    '/users/:userId',
    handle({ params: UserParams, body: UpdateUserBody }, ({ params, body }, { user, req }) =>
      changeUser(db, user, params.userId, body, req.sessionToken),
    ),
  );
  return router;
}
