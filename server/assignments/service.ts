import type { Db } from '../db/connection.ts';
import { notFound, validationError } from '../http/errors.ts';
import { may, projectFor } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import { findDocumentHead, listDocuments } from '../documents/repo.ts';
import { isMember } from '../projects/repo.ts';
import { findUserById } from '../users/repo.ts';
import type { Assignment, Queue } from '../../shared/schemas/assignments.ts';
import type { DocumentSummary } from '../../shared/schemas/documents.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { User } from '../../shared/schemas/users.ts';
import {
  countAnnotatorsPerDocument,
  deleteAssignment,
  insertAssignment,
  listAssignments,
  listDocumentsOfUser,
  listExpiredAssignments,
} from './repo.ts';
import { readTransaction, transaction } from '../db/transaction.ts';

/** Untouched assignments older than the project's hold time are released, so their documents return to the pool. */
function releaseExpired(db: Db, project: Project): void {
  const cutoff = new Date(Date.now() - project.holdHours * 3600_000).toISOString();
  // Reading the queue writes only when a hold has expired: only then is the write lock taken.
  if (listExpiredAssignments(db, project.id, cutoff).length === 0) return;
  transaction(db, () => {
    for (const expired of listExpiredAssignments(db, project.id, cutoff)) {
      deleteAssignment(db, project.id, expired.documentId, expired.userId);
      recordEvent(db, { userId: null, projectId: project.id, action: 'release', entity: 'assignment', entityId: expired.documentId, before: expired });
    }
  });
}

const isComplete = (doc: DocumentSummary) => doc.progress.total > 0 && doc.progress.mine >= doc.progress.total;

function computeQueue(db: Db, user: User, project: Project): Queue {
  const summaries = listDocuments(db, project.id, user.id, project.overlap);
  const mineIds = listDocumentsOfUser(db, project.id, user.id);
  const touched = new Set(mineIds.map((row) => row.documentId));
  const annotators = countAnnotatorsPerDocument(db, project.id);
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
  releaseExpired(db, project);
  return readTransaction(db, () => computeQueue(db, user, project));
}

/** Takes the least-covered document I have not done; null when the pool is empty. */
export function takeNext(db: Db, user: User, projectId: number): DocumentSummary | null {
  const project = projectFor(db, user, projectId);
  return transaction(db, () => {
    releaseExpired(db, project);
    const next = computeQueue(db, user, project).available[0];
    if (!next) return null;
    insertAssignment(db, { projectId, documentId: next.id, userId: user.id, assignedBy: null });
    recordEvent(db, { userId: user.id, projectId, action: 'take', entity: 'assignment', entityId: next.id, after: { userId: user.id } });
    const { annotators: _annotators, ...summary } = next;
    return summary;
  });
}

/** Who holds what (reviewers and admins). */
export function getAssignments(db: Db, user: User, projectId: number): Assignment[] {
  const project = projectFor(db, user, projectId, may.seeAssignments);
  releaseExpired(db, project);
  return listAssignments(db, projectId);
}

/** An admin gives a document to a project member explicitly. */
export function assignDocument(db: Db, user: User, projectId: number, documentId: number, userId: number): Assignment[] {
  projectFor(db, user, projectId, may.assignDocuments);
  return transaction(db, () => {
    const doc = findDocumentHead(db, documentId);
    if (!doc || doc.projectId !== projectId) {
      throw validationError(`Document ${documentId} is not a document of project ${projectId}.`, [{ path: 'documentId', message: 'not in this project' }]);
    }
    const assignee = findUserById(db, userId);
    if (!assignee || !isMember(db, projectId, userId)) {
      throw validationError(`User ${userId} is not a member of project ${projectId}; add them to the project first.`, [
        { path: 'userId', message: 'not a member of this project' },
      ]);
    }
    if (insertAssignment(db, { projectId, documentId, userId, assignedBy: user.id })) {
      recordEvent(db, { userId: user.id, projectId, action: 'assign', entity: 'assignment', entityId: documentId, after: { userId } });
    }
    return listAssignments(db, projectId);
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
