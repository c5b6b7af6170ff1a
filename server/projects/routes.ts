import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { CreateProjectBody, Project, ProjectList, ProjectParams, UpdateProjectBody } from '../../shared/schemas/projects.ts';
import { AddMemberBody, MemberList, MemberPage, MemberParams, MembersQuery } from '../../shared/schemas/members.ts';
import { getMemberPage } from './members.ts';
import { addMember, createProject, getProject, listProjects, removeMember, updateProject } from './service.ts';

export function projectsRoutes(db: Db): Router {
  const router = Router();

  router.get(
    '/projects',
    handle({ summary: 'The projects I am a member of (admins: every project)', access: 'signed in', response: ProjectList }, (_input, { user }) => ({
      projects: listProjects(db, user),
    })),
  );
  router.post(
    '/projects',
    handle(
      {
        body: CreateProjectBody,
        status: 201,
        summary: 'Create a project (default stances condemn, support, mediate; overlap 2)',
        access: 'admins',
        response: Project,
      },
      ({ body }, { user }) => createProject(db, user, body),
    ),
  );
  router.get(
    '/projects/:projectId',
    handle({ params: ProjectParams, summary: 'One project', access: 'project members', response: Project }, ({ params }, { user }) =>
      getProject(db, user, params.projectId),
    ),
  );
  router.patch(
    '/projects/:projectId',
    handle(
      {
        params: ProjectParams,
        body: UpdateProjectBody,
        summary: 'Edit a project: name, overlap, hold hours, stance labels, codebook, model backend (null clears it); 409 when baseVersion is stale',
        access: 'admins',
        response: Project,
      },
      ({ params, body }, { user }) => updateProject(db, user, params.projectId, body),
    ),
  );

  router.get(
    '/projects/:projectId/members',
    handle(
      {
        params: ProjectParams,
        query: MembersQuery,
        summary: "A page of the project's members (search by username; sorts username, role; filter role)",
        access: 'reviewers and admins',
        response: MemberPage,
      },
      ({ params, query }, { user }) => getMemberPage(db, user, params.projectId, query),
    ),
  );
  router.post(
    '/projects/:projectId/members',
    handle(
      { params: ProjectParams, body: AddMemberBody, status: 201, summary: 'Add a user to the project', access: 'admins', response: MemberList },
      ({ params, body }, { user }) => ({
        members: addMember(db, user, params.projectId, body.userId),
      }),
    ),
  );
  router.delete(
    '/projects/:projectId/members/:userId',
    handle({ params: MemberParams, summary: 'Remove a user from the project', access: 'admins', response: MemberList }, ({ params }, { user }) => ({
      members: removeMember(db, user, params.projectId, params.userId),
    })),
  );

  return router;
}
