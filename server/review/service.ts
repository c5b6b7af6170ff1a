import type { Db } from '../db/connection.ts';
import { conflict, validationError } from '../http/errors.ts';
import { documentFor, may, projectFor, sentenceFor } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import { findAnnotation } from '../annotations/repo.ts';
import { checkClaims, spanTarget, toClaimToWrite } from '../claims/check.ts';
import { linkClaims } from '../claims/link.ts';
import { groupLabels } from '../agreement/compute.ts';
import { contradictions } from '../../shared/claimMatching.ts';
import type { Disagreement, DisagreementList, DisagreementSort, DisagreementsQuery, Gold, SaveGoldBody, UnanimousResult } from '../../shared/schemas/review.ts';
import type { SortOrder } from '../../shared/schemas/paging.ts';
import { cursorScope, keysetOf, pageFrom, type SortPart } from '../http/paging.ts';
import { sql, values } from '../db/statements.ts';
import {
  countUnanimous,
  DISAGREEMENT_COLUMNS,
  disagreementScope,
  fieldsOf,
  framesOf,
  hasStaleDisagreements,
  labelsOf,
  listUnanimous,
  queueContradicting,
  refreshDisagreements,
  unanimousVerdict,
  type DisagreementStateRow,
} from './state.ts';
import type { User } from '../../shared/schemas/users.ts';
import { findGold, listGoldOfDocument, sentenceTexts, writeGold } from './repo.ts';
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
    if (!body.allowContradictions) refuseContradictions(body.claims);
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

/**
 * Gold is the answer a dataset teaches: one speaker both supporting and condemning one target is
 * almost always a merge of two annotators' readings, not a reading. Refused unless the reviewer
 * confirmed it (`allowContradictions`); bulk accept leaves such labels to a reviewer (unanimousVerdict).
 */
function refuseContradictions(claims: SaveGoldBody['claims']): void {
  const pairs = contradictions(claims);
  if (pairs.length === 0) return;
  const said = pairs.map(
    ([i, j]) => `claims ${i + 1} and ${j + 1} have the same speaker and target but stances "${claims[i]!.stance}" and "${claims[j]!.stance}"`,
  );
  throw validationError(
    `The gold label contradicts itself: ${said.join('; ')}. Keep one of each pair, or send allowContradictions: true to save both.`,
    pairs.map(([i, j]) => ({
      path: `claims.${j}.stance`,
      message: `contradicts claim ${i + 1} ("${claims[i]!.stance}" of the same speaker towards the same target)`,
    })),
  );
}

/** Sentences accepted per read of their labels. */
const UNANIMOUS_BATCH = 500;

/** The keys of each sort of the queue (see DISAGREEMENT_SORTS), the last making the order total. */
const SORTS: Record<DisagreementSort, SortPart[]> = {
  // Most disputed first, then more fields, then in reading order: the order the queue always had.
  dispute: [
    { sql: 'x.dispute', kind: 'real' },
    { sql: 'x.field_count', kind: 'integer' },
    { sql: 'x.document_id', kind: 'integer', reverse: true },
    { sql: 'x.idx', kind: 'integer', reverse: true },
  ],
  position: [
    { sql: 'x.document_id', kind: 'integer' },
    { sql: 'x.idx', kind: 'integer' },
  ],
};
const DEFAULT_ORDER: Record<DisagreementSort, SortOrder> = { dispute: 'desc', position: 'asc' };

/** A page of the sentences whose annotators differ, most disputed first unless sorted otherwise. */
export function getDisagreements(db: Db, user: User, projectId: number, query: DisagreementsQuery): DisagreementList {
  projectFor(db, user, projectId, may.seeDisagreements);
  // Sentences whose labels changed since the last read are compared again first, in the transaction
  // that reads the page (a write, only then); one snapshot for the rows, the count and the texts.
  const stale = hasStaleDisagreements(db, projectId);
  return (stale ? transaction : readTransaction)(db, () => {
    if (stale) refreshDisagreements(db, projectId);
    const scope = disagreementScope(projectId, query);
    const order = query.order ?? DEFAULT_ORDER[query.sort];
    const cursorIn = cursorScope('disagreements', query.sort, order);
    const page = keysetOf(SORTS[query.sort], order, query.cursor, cursorIn);
    const rows = sql<(string | number)[], DisagreementStateRow>(
      db,
      `SELECT ${DISAGREEMENT_COLUMNS} FROM ${scope.from} WHERE ${scope.where} AND ${page.where} ORDER BY ${page.orderBy} LIMIT ?`,
    ).all(...scope.params, ...page.params, query.limit + 1);
    const total = values<(string | number)[], number>(db, `SELECT count(*) FROM ${scope.from} WHERE ${scope.where}`).get(...scope.params) ?? 0;
    const { rows: shown, nextCursor } = pageFrom(rows, query.limit, cursorIn, (row) =>
      query.sort === 'dispute' ? [row.dispute, row.fieldCount, row.documentId, row.index] : [row.documentId, row.index],
    );
    const texts = sentenceTexts(
      db,
      shown.map((row) => row.sentenceId),
    );
    return {
      disagreements: shown.map((row): Disagreement => ({
        sentenceId: row.sentenceId,
        documentId: row.documentId,
        documentTitle: texts.get(row.sentenceId)?.title ?? '',
        index: row.index,
        text: texts.get(row.sentenceId)?.text ?? '',
        annotators: row.annotators,
        fields: fieldsOf(row.fields),
        dispute: row.dispute,
        resolved: row.resolved === 1,
      })),
      total,
      nextCursor,
    };
  });
}

/**
 * Counts (apply false) or accepts as gold (apply true) every sentence without gold whose annotators
 * gave the same label (not a skip) — except a label whose claims contradict each other, which
 * saveGold would refuse without the reviewer's word: those are counted in `contradicting` and left
 * in the queue (refreshDisagreements gives them a `contradiction` row) to be decided one by one.
 */
export function acceptUnanimous(db: Db, user: User, projectId: number, apply: boolean, documentId?: number): UnanimousResult {
  projectFor(db, user, projectId, may.adjudicate);
  // The counts come from the maintained state (migrations 0014, 0016) and only read: they never wait
  // for the write lock. Applying brings the state up to date first (a write in any case).
  if (!apply) return readTransaction(db, () => ({ ...countUnanimous(db, projectId, documentId), applied: false }));
  return transaction(db, () => {
    if (hasStaleDisagreements(db, projectId)) refreshDisagreements(db, projectId);
    const ids = listUnanimous(db, projectId, documentId);
    let count = 0;
    const contradicting: number[] = [];
    // Only the labels of the sentences accepted are read, a batch at a time.
    for (let start = 0; start < ids.length; start += UNANIMOUS_BATCH) {
      const batch = ids.slice(start, start + UNANIMOUS_BATCH);
      const grouped = groupLabels(labelsOf(db, batch), framesOf(db, batch));
      for (const sentence of grouped.values()) {
        const unanimous = unanimousVerdict(sentence);
        if (!unanimous) continue;
        if (unanimous.verdict === 'contradicting') {
          contradicting.push(sentence.sentenceId);
          continue;
        }
        count++;
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
    }
    queueContradicting(db, projectId, contradicting);
    return { count, applied: apply, contradicting: contradicting.length };
  });
}
