import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { CreateProjectBody, ProjectParams, UpdateProjectBody } from '../../shared/schemas/projects.ts';
import { AddMemberBody, MemberParams } from '../../shared/schemas/members.ts';
import { addMember, createProject, getMembers, getProject, listProjects, removeMember, updateProject } from './service.ts';

export function projectsRoutes(db: Db): Router {
  const router = Router();

  router.get('/projects', handle({}, (_input, { user }) => ({ projects: listProjects(db, user) })));
  router.post(
    '/projects',
    handle({ body: CreateProjectBody, status: 201 }, ({ body }, { user }) => createProject(db, user, body)),
  );
  router.get(
    '/projects/:projectId',
    handle({ params: ProjectParams }, ({ params }, { user }) => getProject(db, user, params.projectId)),
  );
  router.patch(
    '/projects/:projectId',
    handle({ params: ProjectParams, body: UpdateProjectBody }, ({ params, body }, { user }) =>
      updateProject(db, user, params.projectId, body),
    ),
  );

  router.get(
    '/projects/:projectId/members',
    handle({ params: ProjectParams }, ({ params }, { user }) => ({ members: getMembers(db, user, params.projectId) })),
  );
  router.post(
    '/projects/:projectId/members',
    handle({ params: ProjectParams, body: AddMemberBody, status: 201 }, ({ params, body }, { user }) => ({
      members: addMember(db, user, params.projectId, body.userId),
    })),
  );
  router.delete(
    '/projects/:projectId/members/:userId',
    handle({ params: MemberParams }, ({ params }, { user }) => ({
      members: removeMember(db, user, params.projectId, params.userId),
    })),
  );

  return router;
}
