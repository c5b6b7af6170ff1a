// Every permission rule of Parley, in one place (STYLE.md §4). Services call these first.
import type { Db } from './db/connection.ts';
import { forbidden, notFound } from './http/errors.ts';
import { findProject, findProjectRules, isMember } from './projects/repo.ts';
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

/** Admins work in every project, everyone else where they are members. */
function assertMayWorkIn(user: User, projectId: number, member: () => boolean): void {
  if (user.role !== 'admin' && !member()) throw forbidden(`You are not a member of project ${projectId}.`);
}

/** The project, when the user may work in it. */
export function projectForMember(db: Db, user: User, projectId: number): Project {
  const project = findProject(db, projectId);
  if (!project) throw notFound('Project', projectId);
  assertMayWorkIn(user, projectId, () => isMember(db, projectId, user.id));
  return project;
}

/** The same check for the hot path of saving labels: only the rules a label is checked against, in one read. */
export function projectRulesForMember(db: Db, user: User, projectId: number): Pick<Project, 'id' | 'stanceLabels'> {
  const rules = findProjectRules(db, projectId, user.id);
  if (!rules) throw notFound('Project', projectId);
  assertMayWorkIn(user, projectId, () => rules.member);
  return { id: rules.id, stanceLabels: rules.stanceLabels };
}

/** Reviewers and admins see every annotator's labels; annotators see only their own (blind annotation). */
export function canSeeOthersLabels(user: User): boolean {
  return user.role === 'admin' || user.role === 'reviewer';
}
