import type { Db } from '../db/connection.ts';
import { conflict, notFound, validationError } from '../http/errors.ts';
import { may, projectFor } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import { findDocumentHead, listDocuments } from '../documents/repo.ts';
import { listAnnotationsOfDocument } from '../annotations/repo.ts';
import { listAllProjects } from '../projects/repo.ts';
import { isMember } from '../projects/repo.ts';
import { findUserById } from '../users/repo.ts';
import type { Assignment, BulkAssignmentResult, Queue } from '../../shared/schemas/assignments.ts';
import type { DocumentSummary } from '../../shared/schemas/documents.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { User } from '../../shared/schemas/users.ts';
import {
  countAnnotatorsPerDocument,
  deleteAssignment,
  insertAssignment,
  insertAssignmentBelowOverlap,
  listAssignments,
  listDocumentsOfUser,
  listExpiredAssignments,
} from './repo.ts';
import { readTransaction, transaction } from '../db/transaction.ts';

/** Untouched assignments older than the project's hold time: their documents are back in the pool. */
function expiredHolds(db: Db, project: Project): { documentId: number; userId: number }[] {
  return listExpiredAssignments(db, project.id, new Date(Date.now() - project.holdHours * 3600_000).toISOString());
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

const isComplete = (doc: DocumentSummary) => doc.progress.total > 0 && doc.progress.mine >= doc.progress.total;

function computeQueue(db: Db, user: User, project: Project): Queue {
  const summaries = listDocuments(db, project.id, user.id, project.overlap);
  const mineIds = listDocumentsOfUser(db, project.id, user.id);
  const touched = new Set(mineIds.map((row) => row.documentId));
  const annotators = countAnnotatorsPerDocument(db, project.id);
  // An expired hold counts as released, as if the write had happened (a holder who labelled there still counts).
  for (const hold of expiredHolds(db, project)) {
    if (listAnnotationsOfDocument(db, hold.documentId, hold.userId).length > 0) continue;
    if (hold.userId === user.id) touched.delete(hold.documentId);
    annotators.set(hold.documentId, (annotators.get(hold.documentId) ?? 1) - 1);
  }
  return {
    mine: summaries.filter((doc) => touched.has(doc.id) && !isComplete(doc)),
    available: summaries
      .filter((doc) => !touched.has(doc.id) && (annotators.get(doc.id) ?? 0) < project.overlap && doc.progress.total > 0)
      .map((doc) => ({ ...doc, annotators: annotators.get(doc.id) ?? 0 }))
      .sort((a, b) => a.annotators - b.annotators || a.id - b.id),
    done: summaries.filter((doc) => touched.has(doc.id) && isComplete(doc)).length,
  };
}

/** My queue: what I hold, and what still needs annotators that I have not done, least-covered first. */
export function getQueue(db: Db, user: User, projectId: number): Queue {
  const project = projectFor(db, user, projectId);
  return readTransaction(db, () => computeQueue(db, user, project));
}

/** Takes the least-covered document I have not done; null when the pool is empty. */
export function takeNext(db: Db, user: User, projectId: number): DocumentSummary | null {
  const project = projectFor(db, user, projectId);
  return transaction(db, () => {
    releaseExpired(db, project);
    // The queue's count may be stale by the time of the write (another process): the insert checks
    // the overlap itself, and a document that filled up meanwhile gives way to the next candidate.
    for (const next of computeQueue(db, user, project).available) {
      if (!insertAssignmentBelowOverlap(db, { projectId, documentId: next.id, userId: user.id }, project.overlap)) continue;
      recordEvent(db, { userId: user.id, projectId, action: 'take', entity: 'assignment', entityId: next.id, after: { userId: user.id } });
      const { annotators: _annotators, ...summary } = next;
      return summary;
    }
    return null;
  });
}

/** Who holds what (reviewers and admins). */
export function getAssignments(db: Db, user: User, projectId: number): Assignment[] {
  const project = projectFor(db, user, projectId, may.seeAssignments);
  return readTransaction(db, () => {
    const expired = new Set(expiredHolds(db, project).map((hold) => `${hold.documentId}:${hold.userId}`));
    return listAssignments(db, projectId).filter((held) => !expired.has(`${held.documentId}:${held.userId}`));
  });
}

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
export function assignDocument(db: Db, user: User, projectId: number, documentId: number, userId: number, beyondOverlap = false): Assignment[] {
  const project = projectFor(db, user, projectId, may.assignDocuments);
  return transaction(db, () => {
    // A hold of this document that has expired would make the insert below a no-op that stays expired.
    releaseExpired(db, project);
    const doc = findDocumentHead(db, documentId);
    if (!doc || doc.projectId !== projectId) {
      throw validationError(`Document ${documentId} is not a document of project ${projectId}.`, [{ path: 'documentId', message: 'not in this project' }]);
    }
    assigneeOf(db, projectId, userId);
    const annotators = countAnnotatorsPerDocument(db, projectId).get(documentId) ?? 0;
    const already = listDocumentsOfUser(db, projectId, userId).some((row) => row.documentId === documentId);
    if (!beyondOverlap && !already && annotators >= project.overlap) {
      throw conflict(
        `"${doc.title}" already has ${annotators} annotator${annotators === 1 ? '' : 's'}, the project's overlap of ${project.overlap}. Send beyondOverlap: true to assign it anyway.`,
        { annotators, overlap: project.overlap },
      );
    }
    if (insertAssignment(db, { projectId, documentId, userId, assignedBy: user.id })) {
      recordEvent(db, { userId: user.id, projectId, action: 'assign', entity: 'assignment', entityId: documentId, after: { userId } });
    }
    return listAssignments(db, projectId);
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
    for (const next of computeQueue(db, assignee, project).available.slice(0, count)) {
      if (!insertAssignment(db, { projectId, documentId: next.id, userId, assignedBy: user.id })) continue;
      recordEvent(db, { userId: user.id, projectId, action: 'assign', entity: 'assignment', entityId: next.id, after: { userId, bulk: true } });
      assigned.push({ id: next.id, title: next.title });
    }
    return { assigned, assignments: listAssignments(db, projectId) };
  });
}

export function unassignDocument(db: Db, user: User, projectId: number, documentId: number, userId: number): Assignment[] {
  projectFor(db, user, projectId, may.assignDocuments);
  return transaction(db, () => {
    if (!deleteAssignment(db, projectId, documentId, userId)) throw notFound(`Assignment of document ${documentId} to user`, userId);
    recordEvent(db, { userId: user.id, projectId, action: 'unassign', entity: 'assignment', entityId: documentId, before: { userId } });
    return listAssignments(db, projectId);
  });
}
