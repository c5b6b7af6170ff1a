// Every permission rule of Parley, in one place (STYLE.md §4): who acts, which roles may do what,
// and the look-ups that check membership before the role. Services call these first.
import type { Db } from './db/connection.ts';
import { forbidden, notFound } from './http/errors.ts';
import { findActor } from './actors/repo.ts';
import { findSentenceHead, findSentenceRules, type SentenceHead, type SentenceRules } from './annotations/repo.ts';
import { findDocumentHead, type DocumentHead } from './documents/repo.ts';
import { findProject, isMember } from './projects/repo.ts';
import type { Actor } from '../shared/schemas/actors.ts';
import type { Project } from '../shared/schemas/projects.ts';
import type { Role, User } from '../shared/schemas/users.ts';

/** Named role sets. */
export const ADMINS = ['admin'] as const satisfies readonly Role[];
/** Those who see everyone's labels: reviewing and adjudication need them, blind annotation forbids them. */
export const REVIEWERS = ['admin', 'reviewer'] as const satisfies readonly Role[];

/**
 * Parley itself acting without a signed-in user: first start, the demo loader, the CLI (whoever
 * runs it can open the database anyway), test and bench fixtures. It passes every check, and its
 * audit events have no user (`user_id` NULL).
 */
export interface SystemPrincipal {
  readonly kind: 'system';
  readonly reason: 'first start' | 'demo' | 'cli' | 'test' | 'bench';
}

/** Who asks: a signed-in user, or the system. Services that act for a person (labels, queues) take a `User`. */
export type Principal = User | SystemPrincipal;

/** The system principal, saying why no user is involved. */
export function system(reason: SystemPrincipal['reason']): SystemPrincipal {
  return { kind: 'system', reason };
}

export function isSystem(who: Principal): who is SystemPrincipal {
  return 'kind' in who && who.kind === 'system';
}

/** The user an audit event records: null for the system. */
export function auditUserId(who: Principal): number | null {
  return isSystem(who) ? null : who.id;
}

/** What may be done, by which roles; `action` completes the 403's message "Only … accounts may <action>." */
export interface Permission {
  roles: readonly Role[];
  action: string;
}

/** Everything in Parley that needs a role beyond being a member of the project (or, for accounts and new projects, beyond being signed in). */
export const may = {
  createProjects: { roles: ADMINS, action: 'create projects' },
  changeProjects: { roles: ADMINS, action: 'change projects' },
  listMembers: { roles: REVIEWERS, action: 'list project members' },
  manageMembers: { roles: ADMINS, action: 'manage project members' },
  listUsers: { roles: ADMINS, action: 'list users' },
  createUsers: { roles: ADMINS, action: 'create users' },
  changeUsers: { roles: ADMINS, action: 'change users' },
  importDocuments: { roles: ADMINS, action: 'import documents' },
  importPredictions: { roles: ADMINS, action: 'import model predictions' },
  correctSentences: { roles: REVIEWERS, action: 'correct sentences' },
  editActorRegistry: { roles: ADMINS, action: 'edit the actor registry' },
  mergeActors: { roles: ADMINS, action: 'merge actors' },
  seeAssignments: { roles: REVIEWERS, action: 'see assignments' },
  assignDocuments: { roles: ADMINS, action: 'assign documents' },
  readSentenceHistory: { roles: REVIEWERS, action: "read a sentence's history (annotation is blind)" },
  readGold: { roles: REVIEWERS, action: 'read gold labels' },
  adjudicate: { roles: REVIEWERS, action: 'adjudicate' },
  seeDisagreements: { roles: REVIEWERS, action: 'see disagreements' },
  seeAgreement: { roles: REVIEWERS, action: 'see agreement (annotation is blind)' },
  exportDatasets: { roles: REVIEWERS, action: 'export datasets' },
} as const satisfies Record<string, Permission>;

/** Whether the caller has one of the roles; the system has them all. */
export function hasRole(who: Principal, roles: readonly Role[]): boolean {
  return isSystem(who) || roles.includes(who.role);
}

/** Whether the role allows it; the system is allowed everything. */
export function allows(who: Principal, permission: Permission): boolean {
  return hasRole(who, permission.roles);
}

/** A 403 unless the role allows it. */
export function assertAllowed(who: Principal, permission: Permission): void {
  if (!allows(who, permission)) {
    throw forbidden(`Only ${permission.roles.join(' or ')} accounts may ${permission.action}.`);
  }
}

/** Admins (and the system) work in every project, everyone else where they are members. */
export function worksInEveryProject(who: Principal): boolean {
  return hasRole(who, ADMINS);
}

/** Reviewers and admins see every annotator's labels; annotators see only their own (blind annotation). */
export function canSeeOthersLabels(who: Principal): boolean {
  return hasRole(who, REVIEWERS);
}

/**
 * Whose labels of a document a user gets when asking for `annotator` (`me`, an id, or undefined for
 * everyone's); null means everyone's. Annotators get only their own: asking for everyone's gives
 * their own, naming someone else is a 403.
 */
export function labelsVisibleTo(user: User, annotator: 'me' | number | undefined): number | null {
  if (annotator === 'me' || annotator === user.id) return user.id;
  if (canSeeOthersLabels(user)) return annotator ?? null;
  if (annotator !== undefined) throw forbidden('Annotators see only their own labels (annotation is blind).');
  return user.id;
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

function assertMayWorkIn(who: Principal, member: (userId: number) => boolean, subject: Subject): void {
  if (isSystem(who) || worksInEveryProject(who) || member(who.id)) return;
  throw notFound(subject.what, subject.id);
}

/**
 * The project, when the caller may work in it and, given a permission, their role allows it. The
 * membership check comes before the role, so a non-member gets the 404 of `subject` (by default
 * the project itself) whatever their role.
 */
export function projectFor(db: Db, who: Principal, projectId: number, permission?: Permission, subject: Subject = { what: 'Project', id: projectId }): Project {
  const project = findProject(db, projectId);
  if (!project) throw notFound(subject.what, subject.id);
  assertMayWorkIn(who, (userId) => isMember(db, projectId, userId), subject);
  if (permission) assertAllowed(who, permission);
  return project;
}

/**
 * Something of a project, as `find` reads it, with its project: the 404 of `subject` when it is
 * unknown or the caller is not a member of its project, then a 403 without the permission.
 */
export function subjectFor<T extends { projectId: number }>(
  db: Db,
  who: Principal,
  subject: Subject,
  find: (db: Db, id: number) => T | undefined,
  permission?: Permission,
): { found: T; project: Project } {
  const found = find(db, subject.id);
  if (!found) throw notFound(subject.what, subject.id);
  return { found, project: projectFor(db, who, found.projectId, permission, subject) };
}

/** A sentence the caller may work on (see `subjectFor`). */
export function sentenceFor(db: Db, who: Principal, sentenceId: number, permission?: Permission): { sentence: SentenceHead; project: Project } {
  const { found, project } = subjectFor(db, who, { what: 'Sentence', id: sentenceId }, findSentenceHead, permission);
  return { sentence: found, project };
}

/** A document the caller may work on (see `subjectFor`). */
export function documentFor(db: Db, who: Principal, documentId: number, permission?: Permission): { document: DocumentHead; project: Project } {
  const { found, project } = subjectFor(db, who, { what: 'Document', id: documentId }, findDocumentHead, permission);
  return { document: found, project };
}

/** An actor of the registry the caller may see or, given the permission, change (see `subjectFor`). */
export function actorFor(db: Db, who: Principal, actorId: number, permission?: Permission): { actor: Actor; project: Project } {
  const { found, project } = subjectFor(db, who, { what: 'Actor', id: actorId }, findActor, permission);
  return { actor: found, project };
}

/**
 * The hot path of saving labels: the sentence, only the rules its label is checked against (stance
 * keys), the membership and the user's own label, read in one statement. Any member may label.
 */
export function sentenceRulesFor(
  db: Db,
  user: User,
  sentenceId: number,
): {
  sentence: SentenceRules['sentence'];
  /** With the registry's version as read in the caller's transaction (the save's actor checks keep actors by it). */
  project: Pick<Project, 'id' | 'stanceLabels'> & { actorsVersion: number };
  label: SentenceRules['label'];
  takenBackVersion: number;
} {
  const subject = { what: 'Sentence', id: sentenceId };
  const rules = findSentenceRules(db, sentenceId, user.id);
  if (!rules) throw notFound(subject.what, subject.id);
  assertMayWorkIn(user, () => rules.member, subject);
  const project = { id: rules.sentence.projectId, stanceLabels: rules.stanceLabels, actorsVersion: rules.sentence.actorsVersion };
  return { sentence: rules.sentence, project, label: rules.label, takenBackVersion: rules.takenBackVersion };
}
