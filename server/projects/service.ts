import type { Db } from '../db/connection.ts';
import { conflict, notFound, validationError } from '../http/errors.ts';
import { assertAllowed, auditUserId, may, projectFor, worksInEveryProject, type Principal } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import { findUserById } from '../users/repo.ts';
import { DEFAULT_STANCE_LABELS, type CreateProjectBody, type Project, type UpdateProjectBody } from '../../shared/schemas/projects.ts';
import type { Member } from '../../shared/schemas/members.ts';
import type { User } from '../../shared/schemas/users.ts';
import {
  countClaimsByStance,
  deleteMember,
  findProject,
  findProjectByName,
  insertMember,
  insertProject,
  listAllProjects,
  listMembers,
  listProjectsOfMember,
  updateProject as writeProject,
} from './repo.ts';
import { transaction } from '../db/transaction.ts';

export function listProjects(db: Db, user: User): Project[] {
  return worksInEveryProject(user) ? listAllProjects(db) : listProjectsOfMember(db, user.id);
}

export function getProject(db: Db, user: User, projectId: number): Project {
  return projectFor(db, user, projectId);
}

export function createProject(db: Db, who: Principal, body: CreateProjectBody): Project {
  assertAllowed(who, may.createProjects);
  if (findProjectByName(db, body.name)) throw conflict(`A project named "${body.name}" already exists.`);
  return transaction(db, () => {
    const project = insertProject(db, {
      name: body.name,
      stanceLabels: body.stanceLabels ?? DEFAULT_STANCE_LABELS,
      overlap: body.overlap ?? 2,
      holdHours: body.holdHours ?? 72,
      codebook: body.codebook ?? '',
    });
    recordEvent(db, { userId: auditUserId(who), projectId: project.id, action: 'create', entity: 'project', entityId: project.id, after: project });
    return project;
  });
}

export function updateProject(db: Db, user: User, projectId: number, body: UpdateProjectBody): Project {
  return transaction(db, () => {
    // Membership before the role: a non-member gets 404, not a 403 that confirms the project exists.
    const before = projectFor(db, user, projectId, may.changeProjects);
    if (body.baseVersion !== undefined && body.baseVersion !== before.version) {
      throw conflict(`Project ${projectId} was changed by someone else (now version ${before.version}). Reload and try again.`, {
        current: before,
      });
    }
    if (body.stanceLabels) {
      // A stance key is stored in every claim that uses it: it can only go while no claim does.
      const kept = new Set(body.stanceLabels.map((label) => label.key));
      const removed = before.stanceLabels.map((label) => label.key).filter((key) => !kept.has(key));
      const inUse = [...countClaimsByStance(db, projectId, removed)];
      if (inUse.length > 0) {
        throw conflict(
          `Stance ${inUse.map(([key, n]) => `"${key}" is used by ${n} claim(s)`).join(', ')}: keep its key (names, colours and definitions can change).`,
        );
      }
    }
    if (body.name !== undefined && body.name !== before.name) {
      const clash = findProjectByName(db, body.name);
      if (clash) throw conflict(`A project named "${body.name}" already exists.`);
    }
    const after = writeProject(db, before, {
      id: before.id,
      name: body.name ?? before.name,
      stanceLabels: body.stanceLabels ?? before.stanceLabels,
      overlap: body.overlap ?? before.overlap,
      holdHours: body.holdHours ?? before.holdHours,
      codebook: body.codebook ?? before.codebook,
      modelBackend: body.modelBackend,
    });
    // The write is conditional on `before.version`: nothing was written if another writer got there first.
    if (!after) {
      const current = findProject(db, projectId);
      throw conflict(`Project ${projectId} was changed by someone else (now version ${current?.version}). Reload and try again.`, { current });
    }
    recordEvent(db, { userId: user.id, projectId, action: 'update', entity: 'project', entityId: projectId, before, after });
    return after;
  });
}

export function getMembers(db: Db, user: User, projectId: number): Member[] {
  projectFor(db, user, projectId, may.listMembers);
  return listMembers(db, projectId);
}

export function addMember(db: Db, who: Principal, projectId: number, userId: number): Member[] {
  return transaction(db, () => {
    projectFor(db, who, projectId, may.manageMembers);
    const member = findUserById(db, userId);
    if (!member) throw validationError(`User ${userId} does not exist.`, [{ path: 'userId', message: 'unknown user' }]);
    if (insertMember(db, projectId, userId)) {
      recordEvent(db, { userId: auditUserId(who), projectId, action: 'add', entity: 'member', entityId: userId });
    }
    return listMembers(db, projectId);
  });
}

export function removeMember(db: Db, user: User, projectId: number, userId: number): Member[] {
  return transaction(db, () => {
    projectFor(db, user, projectId, may.manageMembers);
    if (!deleteMember(db, projectId, userId)) throw notFound(`Member ${userId} of project`, projectId);
    recordEvent(db, { userId: user.id, projectId, action: 'remove', entity: 'member', entityId: userId });
    return listMembers(db, projectId);
  });
}
