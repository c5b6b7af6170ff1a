import type { Db } from '../db/connection.ts';
import { conflict, forbidden, notFound, validationError, type Issue } from '../http/errors.ts';
import { assertRole, canSeeOthersLabels, projectForMember } from '../policy.ts';
import { listEventsFor, recordEvent } from '../events/repo.ts';
import type { HistoryEvent } from '../../shared/schemas/events.ts';
import { actorIdsInProject } from '../actors/repo.ts';
import { findDocumentHead } from '../documents/repo.ts';
import { touchAssignment } from '../assignments/repo.ts';
import type { Annotation, SaveAnnotationBody } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { User } from '../../shared/schemas/users.ts';
import { findAnnotation, findSentenceHead, removeAnnotation, listAnnotationsOfDocument, writeAnnotation, type SentenceHead } from './repo.ts';

/** Checks what the schema cannot: stances of this project, actors of this project, spans inside the document. */
function checkClaims(db: Db, project: Project, sentence: SentenceHead, body: SaveAnnotationBody, ownClaimIds: Set<number>): void {
  const issues: Issue[] = [];
  const stanceKeys = new Set(project.stanceLabels.map((label) => label.key));
  const actorIds = body.claims.flatMap((claim) => [claim.speaker.actorId, claim.target.actorId]).filter((id) => id != null);
  const known = actorIdsInProject(db, project.id, [...new Set(actorIds)]);

  const checkSpan = (span: Span | null | undefined, path: string) => {
    if (span && span.end > sentence.textLength) {
      issues.push({ path, message: `span ${span.start}–${span.end} lies outside the document (length ${sentence.textLength})` });
    }
  };

  body.claims.forEach((claim, index) => {
    const at = `claims.${index}`;
    if (claim.id !== undefined && !ownClaimIds.has(claim.id)) {
      issues.push({ path: `${at}.id`, message: `claim ${claim.id} is not a claim of this annotation` });
    }
    if (!stanceKeys.has(claim.stance)) {
      issues.push({ path: `${at}.stance`, message: `"${claim.stance}" is not a stance of this project (${[...stanceKeys].join(', ')})` });
    }
    for (const role of ['speaker', 'target'] as const) {
      const actorId = claim[role].actorId;
      if (actorId != null && !known.has(actorId)) {
        issues.push({ path: `${at}.${role}.actorId`, message: `actor ${actorId} is not an actor of this project` });
      }
      checkSpan(claim[role].span, `${at}.${role}.span`);
    }
    checkSpan(claim.cue, `${at}.cue`);
  });

  const first = issues[0];
  if (first) throw validationError(`Invalid claim: ${first.path}: ${first.message}`, issues);
}

/**
 * Saves the signed-in user's annotation of a sentence. Optimistic concurrency: when `baseVersion`
 * is given and is not the stored version, nothing is written and the 409 carries the current one.
 */
export function saveAnnotation(db: Db, user: User, sentenceId: number, body: SaveAnnotationBody): Annotation {
  const sentence = findSentenceHead(db, sentenceId);
  if (!sentence) throw notFound('Sentence', sentenceId);
  const project = projectForMember(db, user, sentence.projectId);

  return db.transaction(() => {
    const existing = findAnnotation(db, sentenceId, user.id);
    const currentVersion = existing?.annotation.version ?? 0;
    if (body.baseVersion != null && body.baseVersion !== currentVersion) {
      throw conflict(
        `Your label of sentence ${sentenceId} was changed elsewhere (you edited version ${body.baseVersion}, the saved one is version ${currentVersion}).`,
        { current: existing?.annotation ?? null },
      );
    }
    checkClaims(db, project, sentence, body, new Set(existing?.annotation.claims.map((claim) => claim.id)));
    writeAnnotation(db, existing?.id, {
      sentenceId,
      annotatorId: user.id,
      status: body.status,
      note: body.note?.trim() || null,
      timeSpentMs: body.timeSpentMs ?? 0,
      claims: body.claims.map((claim) => ({
        ...(claim.id === undefined ? {} : { id: claim.id }),
        stance: claim.stance,
        speakerActorId: claim.speaker.actorId ?? null,
        speakerSpan: claim.speaker.span ?? null,
        targetActorId: claim.target.actorId ?? null,
        targetSpan: claim.target.span ?? null,
        cue: claim.cue ?? null,
        negated: claim.negated ?? false,
        hypothetical: claim.hypothetical ?? false,
        origin: claim.origin ?? 'manual',
      })),
    });
    // Labelling a document means holding it: it leaves the pool for others and is not released as untouched.
    touchAssignment(db, project.id, sentence.documentId, user.id);
    const saved = findAnnotation(db, sentenceId, user.id)!.annotation;
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
  })();
}

/**
 * Takes the signed-in user's label of a sentence back, so it counts as not labelled (the
 * workspace's undo of a first label). Same optimistic concurrency as a save; deleting a label
 * that does not exist (base version 0) is a no-op.
 */
export function deleteAnnotation(db: Db, user: User, sentenceId: number, baseVersion: number): { ok: true } {
  const sentence = findSentenceHead(db, sentenceId);
  if (!sentence) throw notFound('Sentence', sentenceId);
  const project = projectForMember(db, user, sentence.projectId);
  db.transaction(() => {
    const existing = findAnnotation(db, sentenceId, user.id);
    const currentVersion = existing?.annotation.version ?? 0;
    if (baseVersion !== currentVersion) {
      throw conflict(
        `Your label of sentence ${sentenceId} was changed elsewhere (you edited version ${baseVersion}, the saved one is version ${currentVersion}).`,
        { current: existing?.annotation ?? null },
      );
    }
    if (!existing) return;
    removeAnnotation(db, existing.id);
    recordEvent(db, {
      userId: user.id,
      projectId: project.id,
      action: 'delete',
      entity: 'annotation',
      entityId: sentenceId,
      before: existing.annotation,
      after: null,
    });
  })();
  return { ok: true };
}

/**
 * Annotations of a document. Blind annotation: annotators get their own only, whatever they ask
 * for; reviewers and admins may ask for one annotator (`annotator=<id>`) or get everyone's.
 */
export function getDocumentAnnotations(db: Db, user: User, documentId: number, annotator: 'me' | number | undefined): Annotation[] {
  const doc = findDocumentHead(db, documentId);
  if (!doc) throw notFound('Document', documentId);
  projectForMember(db, user, doc.projectId);
  let annotatorId: number | null;
  if (annotator === 'me' || annotator === user.id) annotatorId = user.id;
  else if (!canSeeOthersLabels(user)) {
    if (annotator !== undefined) throw forbidden('Annotators see only their own labels (annotation is blind).');
    annotatorId = user.id;
  } else annotatorId = annotator ?? null;
  return listAnnotationsOfDocument(db, documentId, annotatorId);
}

/** The audit trail of one sentence: every label saved on it and every correction (reviewers and admins). */
export function getSentenceHistory(db: Db, user: User, sentenceId: number): HistoryEvent[] {
  const sentence = findSentenceHead(db, sentenceId);
  if (!sentence) throw notFound('Sentence', sentenceId);
  projectForMember(db, user, sentence.projectId);
  assertRole(user, ['admin', 'reviewer'], "read a sentence's history (annotation is blind)");
  return listEventsFor(db, ['annotation', 'sentence', 'gold'], sentenceId);
}
