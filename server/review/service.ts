import type { Db } from '../db/connection.ts';
import { conflict, validationError } from '../http/errors.ts';
import { documentFor, may, projectFor, sentenceFor } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import { findAnnotation } from '../annotations/repo.ts';
import { checkClaims, spanTarget, toClaimToWrite } from '../claims/check.ts';
import { linkClaims } from '../claims/link.ts';
import { compareAnnotators, groupLabels, unanimousLabel } from '../agreement/compute.ts';
import type { Disagreement, DisagreementField, Gold, SaveGoldBody } from '../../shared/schemas/review.ts';
import type { User } from '../../shared/schemas/users.ts';
import { findGold, listClaimFrames, listGoldOfDocument, listLabelledSentences, listLabels, sentenceTexts, writeGold } from './repo.ts';
import { readTransaction, transaction } from '../db/transaction.ts';

/** Gold labels of a document (reviewers and admins: annotators never see gold while they work). */
export function getDocumentGold(db: Db, user: User, documentId: number): Gold[] {
  documentFor(db, user, documentId, may.readGold);
  return listGoldOfDocument(db, documentId);
}

/** Saves the adjudicated label of a sentence; a stale `baseVersion` gets 409 with the current gold. */
export function saveGold(db: Db, user: User, sentenceId: number, body: SaveGoldBody): Gold {
  const { sentence, project } = sentenceFor(db, user, sentenceId, may.adjudicate);
  return transaction(db, () => {
    const existing = findGold(db, sentenceId);
    const current = existing?.gold.version ?? 0;
    if (body.baseVersion != null && body.baseVersion !== current) {
      throw conflict(`The gold label of sentence ${sentenceId} was changed by someone else (now version ${current}).`, {
        current: existing?.gold ?? null,
      });
    }
    const named = checkClaims(db, project, spanTarget(db, sentence), body.claims, new Set(existing?.gold.claims.map((claim) => claim.id)));
    for (const annotatorId of body.sourceAnnotators) {
      if (!findAnnotation(db, sentenceId, annotatorId)) {
        throw validationError(`User ${annotatorId} has not labelled sentence ${sentenceId}.`, [
          { path: 'sourceAnnotators', message: `${annotatorId} is not an annotator of this sentence` },
        ]);
      }
    }
    const written = writeGold(db, existing, {
      sentenceId,
      status: body.status,
      method: body.method,
      reviewerId: user.id,
      sourceAnnotators: [...new Set(body.sourceAnnotators)],
      rationale: body.rationale?.trim() || null,
      // Spans that name an actor get it, picked actors get their span: for every client, not only the workspace.
      claims: linkClaims(db, sentence, body.claims, named).map(toClaimToWrite),
    });
    // The write is conditional on the version read above: nothing was written if another writer got there first.
    if (!written) {
      const latest = findGold(db, sentenceId)?.gold ?? null;
      throw conflict(`The gold label of sentence ${sentenceId} was changed by someone else (now version ${latest?.version ?? 0}).`, { current: latest });
    }
    const saved = findGold(db, sentenceId)!.gold;
    recordEvent(db, {
      userId: user.id,
      projectId: project.id,
      action: existing ? 'update' : 'create',
      entity: 'gold',
      entityId: sentenceId,
      before: existing?.gold ?? null,
      after: saved,
    });
    return saved;
  });
}

/** Sentences whose annotators differ, most disputed first. */
export function getDisagreements(
  db: Db,
  user: User,
  projectId: number,
  filter: { documentId?: number; field?: DisagreementField; resolved?: boolean; limit?: number },
): { disagreements: Disagreement[]; total: number } {
  projectFor(db, user, projectId, may.seeDisagreements);
  // One snapshot for the labels, their claims and the texts of the page: a save meanwhile cannot split them.
  return readTransaction(db, () => findDisagreements(db, projectId, filter));
}

function findDisagreements(
  db: Db,
  projectId: number,
  filter: { documentId?: number; field?: DisagreementField; resolved?: boolean; limit?: number },
): { disagreements: Disagreement[]; total: number } {
  const sentences = listLabelledSentences(db, projectId, filter.documentId);
  const grouped = groupLabels(listLabels(db, projectId, filter.documentId), listClaimFrames(db, projectId, filter.documentId));
  const found: (Omit<Disagreement, 'text' | 'documentTitle'> & { order: number })[] = [];
  sentences.forEach((sentence, order) => {
    const labels = grouped.get(sentence.id);
    if (!labels) return;
    const resolved = labels.labels.has(0);
    if (resolved && !filter.resolved) return;
    const difference = compareAnnotators(labels);
    if (!difference) return;
    if (filter.field && !difference.fields.includes(filter.field)) return;
    found.push({ sentenceId: sentence.id, documentId: sentence.documentId, index: sentence.index, resolved, order, ...difference });
  });
  found.sort((a, b) => b.dispute - a.dispute || b.fields.length - a.fields.length || a.order - b.order);
  const page = found.slice(0, filter.limit ?? 500);
  const texts = sentenceTexts(
    db,
    page.map((entry) => entry.sentenceId),
  );
  return {
    total: found.length,
    disagreements: page.map(({ order: _order, ...entry }) => ({
      ...entry,
      text: texts.get(entry.sentenceId)?.text ?? '',
      documentTitle: texts.get(entry.sentenceId)?.title ?? '',
    })),
  };
}

/** Counts (apply false) or accepts as gold (apply true) every sentence without gold whose annotators gave the same label (not a skip). */
export function acceptUnanimous(db: Db, user: User, projectId: number, apply: boolean, documentId?: number): { count: number; applied: boolean } {
  projectFor(db, user, projectId, may.adjudicate);
  // The dry run (the count shown before applying) only reads: it does not take the write lock.
  return (apply ? transaction : readTransaction)(db, () => {
    const grouped = groupLabels(listLabels(db, projectId, documentId), listClaimFrames(db, projectId, documentId));
    let count = 0;
    for (const sentence of grouped.values()) {
      if (sentence.labels.has(0)) continue;
      const unanimous = unanimousLabel(sentence);
      // A unanimous skip says the sentence could not be labelled: no answer to make gold of, so a reviewer decides.
      if (!unanimous || unanimous.label.status === 'skipped') continue;
      count++;
      if (!apply) continue;
      // Copy the first annotator's full claims (cue, flags, origin), which the agreement rows leave out.
      const source = findAnnotation(db, sentence.sentenceId, unanimous.annotators[0]!)!.annotation;
      writeGold(db, undefined, {
        sentenceId: sentence.sentenceId,
        status: source.status,
        method: 'unanimous',
        reviewerId: user.id,
        sourceAnnotators: unanimous.annotators,
        rationale: null,
        claims: source.claims.map((claim) => toClaimToWrite({ ...claim, id: undefined, cue: claim.cue })),
      });
      recordEvent(db, {
        userId: user.id,
        projectId,
        action: 'create',
        entity: 'gold',
        entityId: sentence.sentenceId,
        after: findGold(db, sentence.sentenceId)!.gold,
      });
    }
    return { count, applied: apply };
  });
}
