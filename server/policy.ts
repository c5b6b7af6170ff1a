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

/**
 * What the caller asked for by id (a project, or a document, sentence, actor … of one). A non-member
 * is told it is not found, in the very words an unknown id gets: a 403 would confirm that the id
 * exists in a project they are not in. Members without the role get 403: they know the project.
 */
export interface Subject {
  what: string;
  id: number;
}

/** Admins work in every project, everyone else where they are members. */
function assertMayWorkIn(user: User, member: () => boolean, subject: Subject): void {
  if (user.role !== 'admin' && !member()) throw notFound(subject.what, subject.id);
}

/**
 * The project, when the user may work in it; checked before any role check, so a non-member gets
 * the 404 of `subject` (by default the project itself) whatever their role.
 */
export function projectForMember(db: Db, user: User, projectId: number, subject: Subject = { what: 'Project', id: projectId }): Project {
  const project = findProject(db, projectId);
  if (!project) throw notFound(subject.what, subject.id);
  assertMayWorkIn(user, () => isMember(db, projectId, user.id), subject);
  return project;
}

/** The same check for the hot path of saving labels: only the rules a label is checked against, in one read. */
export function projectRulesForMember(
  db: Db,
  user: User,
  projectId: number,
  subject: Subject = { what: 'Project', id: projectId },
): Pick<Project, 'id' | 'stanceLabels'> {
  const rules = findProjectRules(db, projectId, user.id);
  if (!rules) throw notFound(subject.what, subject.id);
  assertMayWorkIn(user, () => rules.member, subject);
  return { id: rules.id, stanceLabels: rules.stanceLabels };
}

/** Reviewers and admins see every annotator's labels; annotators see only their own (blind annotation). */
export function canSeeOthersLabels(user: User): boolean {
  return user.role === 'admin' || user.role === 'reviewer';
}
