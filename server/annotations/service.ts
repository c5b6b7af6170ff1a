import type { Db } from '../db/connection.ts';
import { conflict } from '../http/errors.ts';
import { documentFor, labelsVisibleTo, may, sentenceFor, sentenceRulesFor } from '../policy.ts';
import { listEventsFor, recordEvent } from '../events/repo.ts';
import type { HistoryEvent } from '../../shared/schemas/events.ts';
import { checkClaims, spanTarget, toClaimToWrite } from '../claims/check.ts';
import { linkClaims } from '../claims/link.ts';
import { touchAssignment } from '../assignments/repo.ts';
import type { Annotation, SaveAnnotationBody } from '../../shared/schemas/annotations.ts';
import type { User } from '../../shared/schemas/users.ts';
import { findAnnotation, removeAnnotation, listAnnotationsOfDocument, writeAnnotation } from './repo.ts';
import { transaction } from '../db/transaction.ts';

/** The 409 of a save or delete that started from another version than the stored one; it carries the stored label. */
function staleLabel(sentenceId: number, baseVersion: number, current: Annotation | null) {
  return conflict(
    `Your label of sentence ${sentenceId} was changed elsewhere (you edited version ${baseVersion}, the saved one is version ${current?.version ?? 0}).`,
    { current },
  );
}

/**
 * Saves the signed-in user's annotation of a sentence. Optimistic concurrency: when `baseVersion`
 * is given and is not the stored version, nothing is written and the 409 carries the current one.
 * "No label" is version 0; a new label continues the count of one taken back before, so a version
 * number a tab holds never comes back to mean another label.
 */
export function saveAnnotation(db: Db, user: User, sentenceId: number, body: SaveAnnotationBody): Annotation {
  // Every read sits inside the transaction: one snapshot, and no separate read transaction per lookup.
  return transaction(db, () => {
    const { sentence, project, label: existing, takenBackVersion } = sentenceRulesFor(db, user, sentenceId);
    const currentVersion = existing?.annotation.version ?? 0;
    if (body.baseVersion != null && body.baseVersion !== currentVersion) {
      throw staleLabel(sentenceId, body.baseVersion, existing?.annotation ?? null);
    }
    const named = checkClaims(db, project, spanTarget(db, sentence), body.claims, new Set(existing?.annotation.claims.map((claim) => claim.id)));
    const saved = writeAnnotation(
      db,
      existing,
      {
        sentenceId,
        annotatorId: user.id,
        status: body.status,
        note: body.note?.trim() || null,
        timeSpentMs: body.timeSpentMs ?? 0,
        // Spans that name an actor get it, picked actors get their span: for every client, not only the workspace.
        claims: linkClaims(db, sentence, body.claims, named).map(toClaimToWrite),
      },
      takenBackVersion,
    );
    if (!saved) throw staleLabel(sentenceId, currentVersion, findAnnotation(db, sentenceId, user.id)?.annotation ?? null);
    // Labelling a document means holding it: it leaves the pool for others and is not released as
    // untouched. Only a sentence's first label can be the first touch, so later edits skip the write.
    if (!existing) touchAssignment(db, project.id, sentence.documentId, user.id);
    recordEvent(db, {
      userId: user.id,
      projectId: project.id,
      action: existing ? 'update' : 'create',
      entity: 'annotation',
      entityId: sentenceId,
      before: existing?.annotation ?? null,
      after: saved,
    });
    return saved;
  });
}

/**
 * Takes the signed-in user's label of a sentence back, so it counts as not labelled (the
 * workspace's undo of a first label). Same optimistic concurrency as a save; deleting a label
 * that does not exist (base version 0) is a no-op.
 */
export function deleteAnnotation(db: Db, user: User, sentenceId: number, baseVersion: number): { ok: true } {
  const { project } = sentenceFor(db, user, sentenceId);
  transaction(db, () => {
    const existing = findAnnotation(db, sentenceId, user.id);
    const currentVersion = existing?.annotation.version ?? 0;
    if (baseVersion !== currentVersion) {
      throw staleLabel(sentenceId, baseVersion, existing?.annotation ?? null);
    }
    if (!existing) return;
    if (!removeAnnotation(db, existing)) throw staleLabel(sentenceId, baseVersion, findAnnotation(db, sentenceId, user.id)?.annotation ?? null);
    recordEvent(db, {
      userId: user.id,
      projectId: project.id,
      action: 'delete',
      entity: 'annotation',
      entityId: sentenceId,
      before: existing.annotation,
      after: null,
    });
  });
  return { ok: true };
}

/**
 * Annotations of a document. Blind annotation: annotators get their own only, whatever they ask
 * for; reviewers and admins may ask for one annotator (`annotator=<id>`) or get everyone's.
 */
export function getDocumentAnnotations(db: Db, user: User, documentId: number, annotator: 'me' | number | undefined): Annotation[] {
  documentFor(db, user, documentId);
  return listAnnotationsOfDocument(db, documentId, labelsVisibleTo(user, annotator));
}

/** The audit trail of one sentence: every label saved on it and every correction (reviewers and admins). */
export function getSentenceHistory(db: Db, user: User, sentenceId: number): HistoryEvent[] {
  const { sentence } = sentenceFor(db, user, sentenceId, may.readSentenceHistory);
  return listEventsFor(db, sentence.projectId, ['annotation', 'sentence', 'gold'], sentenceId);
}
