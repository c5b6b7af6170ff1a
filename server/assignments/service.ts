import type { Db } from '../db/connection.ts';
import { conflict, notFound, validationError } from '../http/errors.ts';
import { may, projectFor } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import { findDocumentHead } from '../documents/repo.ts';
import { listAllProjects } from '../projects/repo.ts';
import { isMember } from '../projects/repo.ts';
import { findUserById } from '../users/repo.ts';
import { AssignmentsQuery, type AssignmentList, type BulkAssignmentResult, type Queue, type QueueQuery } from '../../shared/schemas/assignments.ts';
import { PAGE_LIMIT_MAX } from '../../shared/schemas/paging.ts';
import type { DocumentSummary } from '../../shared/schemas/documents.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { User } from '../../shared/schemas/users.ts';
import { deleteAssignment, insertAssignment, insertAssignmentBelowOverlap, listAssignments, listExpiredAssignments } from './repo.ts';
import { countHolders, holdCutoff, holdsOrLabelled, queuePage } from './queue.ts';
import { readTransaction, transaction } from '../db/transaction.ts';

/** Untouched assignments older than the project's hold time: their documents are back in the pool. */
function expiredHolds(db: Db, project: Project): { documentId: number; userId: number }[] {
  return listExpiredAssignments(db, project.id, holdCutoff(project));
}

/**
 * Deletes (and audits) the expired holds of a project. Only writes call it, and a timer
 * (`releaseExpiredHolds`): reads never write, they leave expired holds out instead.
 */
function releaseExpired(db: Db, project: Project): number {
  const expired = expiredHolds(db, project);
  if (expired.length === 0) return 0;
  return transaction(db, () => {
    for (const hold of expired) {
      deleteAssignment(db, project.id, hold.documentId, hold.userId);
      recordEvent(db, { userId: null, projectId: project.id, action: 'release', entity: 'assignment', entityId: hold.documentId, before: hold });
    }
    return expired.length;
  });
}

/** How often the server releases expired holds of every project (the queue already leaves them out when read). */
export const HOLD_RELEASE_INTERVAL_MS = 10 * 60_000;

/** Releases the expired holds of every project, one transaction per project that has any; returns how many. */
export function releaseExpiredHolds(db: Db): number {
  let released = 0;
  for (const project of listAllProjects(db)) released += releaseExpired(db, project);
  return released;
}

/** My queue: a page of what still needs annotators that I have not done (least-covered first), and what I hold. */
export function getQueue(db: Db, user: User, projectId: number, query: QueueQuery): Queue {
  const project = projectFor(db, user, projectId);
  return readTransaction(db, () => queuePage(db, user.id, project, query));
}

/** The queue's first candidates, least-covered first: "take next" and "assign next" try them in turn. */
function candidates(db: Db, userId: number, project: Project, limit: number, cursor?: string) {
  return queuePage(db, userId, project, { sort: 'coverage', order: 'asc', limit, cursor });
}

/** Takes the least-covered document I have not done; null when the pool is empty. */
export function takeNext(db: Db, user: User, projectId: number): DocumentSummary | null {
  const project = projectFor(db, user, projectId);
  return transaction(db, () => {
    releaseExpired(db, project);
    // The queue's count may be stale by the time of the write (another process): the insert checks
    // the overlap itself, and a document that filled up meanwhile gives way to the next candidate.
    let cursor: string | undefined;
    do {
      const page = candidates(db, user.id, project, 20, cursor);
      for (const next of page.available) {
        if (!insertAssignmentBelowOverlap(db, { projectId, documentId: next.id, userId: user.id }, project.overlap)) continue;
        recordEvent(db, { userId: user.id, projectId, action: 'take', entity: 'assignment', entityId: next.id, after: { userId: user.id } });
        const { annotators: _annotators, ...summary } = next;
        return summary;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return null;
  });
}

/** Who holds what (reviewers and admins): a page. */
export function getAssignments(db: Db, user: User, projectId: number, query: AssignmentsQuery): AssignmentList {
  const project = projectFor(db, user, projectId, may.seeAssignments);
  return readTransaction(db, () => listAssignments(db, project, query));
}

/** What a change of assignments answers: the first page of the list in its default order. */
const firstPage = (db: Db, project: Project) => listAssignments(db, project, AssignmentsQuery.parse({}));

/** The assignee, when they are a member of the project (an admin can only give documents to members). */
function assigneeOf(db: Db, projectId: number, userId: number): User {
  const assignee = findUserById(db, userId);
  if (!assignee || !isMember(db, projectId, userId)) {
    throw validationError(`User ${userId} is not a member of project ${projectId}; add them to the project first.`, [
      { path: 'userId', message: 'not a member of this project' },
    ]);
  }
  return assignee;
}

/**
 * An admin gives a document to a project member explicitly. A document that already has the
 * project's overlap of annotators is refused unless `beyondOverlap` says so: a k + 1st annotator
 * is a deliberate choice (the page asks first), never a slip.
 */
export function assignDocument(db: Db, user: User, projectId: number, documentId: number, userId: number, beyondOverlap = false): AssignmentList {
  const project = projectFor(db, user, projectId, may.assignDocuments);
  return transaction(db, () => {
    // A hold of this document that has expired would make the insert below a no-op that stays expired.
    releaseExpired(db, project);
    const doc = findDocumentHead(db, documentId);
    if (!doc || doc.projectId !== projectId) {
      throw validationError(`Document ${documentId} is not a document of project ${projectId}.`, [{ path: 'documentId', message: 'not in this project' }]);
    }
    assigneeOf(db, projectId, userId);
    const cutoff = holdCutoff(project);
    const annotators = countHolders(db, documentId, cutoff);
    const already = holdsOrLabelled(db, documentId, userId, cutoff);
    if (!beyondOverlap && !already && annotators >= project.overlap) {
      throw conflict(
        `"${doc.title}" already has ${annotators} annotator${annotators === 1 ? '' : 's'}, the project's overlap of ${project.overlap}. Send beyondOverlap: true to assign it anyway.`,
        { annotators, overlap: project.overlap },
      );
    }
    if (insertAssignment(db, { projectId, documentId, userId, assignedBy: user.id })) {
      recordEvent(db, { userId: user.id, projectId, action: 'assign', entity: 'assignment', entityId: documentId, after: { userId } });
    }
    return firstPage(db, project);
  });
}

/**
 * An admin gives the next `count` documents of a member's queue to them: the documents that still
 * need annotators and that the member has not done, least-covered first (as "take next" picks
 * them), so never beyond the overlap. One transaction; one audit event per document.
 */
export function assignNextDocuments(db: Db, user: User, projectId: number, userId: number, count: number): BulkAssignmentResult {
  const project = projectFor(db, user, projectId, may.assignDocuments);
  return transaction(db, () => {
    releaseExpired(db, project);
    const assignee = assigneeOf(db, projectId, userId);
    const assigned: BulkAssignmentResult['assigned'] = [];
    // The candidates are read before any is given: giving one changes the order of the rest.
    const chosen: { id: number; title: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = candidates(db, assignee.id, project, Math.min(PAGE_LIMIT_MAX, count - chosen.length), cursor);
      chosen.push(...page.available.map((doc) => ({ id: doc.id, title: doc.title })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && chosen.length < count);
    for (const next of chosen) {
      if (!insertAssignment(db, { projectId, documentId: next.id, userId, assignedBy: user.id })) continue;
      recordEvent(db, { userId: user.id, projectId, action: 'assign', entity: 'assignment', entityId: next.id, after: { userId, bulk: true } });
      assigned.push(next);
    }
    return { assigned, ...firstPage(db, project) };
  });
}

export function unassignDocument(db: Db, user: User, projectId: number, documentId: number, userId: number): AssignmentList {
  const project = projectFor(db, user, projectId, may.assignDocuments);
  return transaction(db, () => {
    if (!deleteAssignment(db, projectId, documentId, userId)) throw notFound(`Assignment of document ${documentId} to user`, userId);
    recordEvent(db, { userId: user.id, projectId, action: 'unassign', entity: 'assignment', entityId: documentId, before: { userId } });
    return firstPage(db, project);
  });
}
