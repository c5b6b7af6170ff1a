// Every permission rule of Parley, in one place (STYLE.md §4). Services call these first.
import type { Db } from './db/connection.ts';
import { forbidden, notFound } from './http/errors.ts';
import { findProject, isMember } from './projects/repo.ts';
import type { Project } from '../shared/schemas/projects.ts';
import type { Role, User } from '../shared/schemas/users.ts';

export function assertRole(user: User, roles: readonly Role[], action: string): void {
  if (!roles.includes(user.role)) {
    throw forbidden(`Only ${roles.join(' or ')} accounts may ${action}.`);
  }
}

export function assertAdmin(user: User, action: string): void {
  assertRole(user, ['admin'], action);
}

/** The project, when the user may work in it: admins everywhere, everyone else where they are members. */
export function projectForMember(db: Db, user: User, projectId: number): Project {
  const project = findProject(db, projectId);
  if (!project) throw notFound('Project', projectId);
  if (user.role !== 'admin' && !isMember(db, projectId, user.id)) {
    throw forbidden(`You are not a member of project ${projectId}.`);
  }
  return project;
}

/** Reviewers and admins see every annotator's labels; annotators see only their own (blind annotation). */
export function canSeeOthersLabels(user: User): boolean {
  return user.role === 'admin' || user.role === 'reviewer';
}
