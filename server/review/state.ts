// The disagreement queue's maintained state (migration 0014): a row per sentence whose annotators
// differ. Triggers mark a sentence stale in the transaction of each label write; before a page is
// read, the stale sentences of the project are compared again — with the comparison the queue has
// always used (compareAnnotators), on those sentences' labels only — so the figures are exactly
// what comparing every label of the project would give, at the cost of the sentences that changed.
import type { Db } from '../db/connection.ts';
import { jsonIntegerList } from '../db/dialect.ts';
import { sql, tuples, values } from '../db/statements.ts';
import { compareAnnotators, GOLD, groupLabels, unanimousLabel, type SentenceLabels } from '../agreement/compute.ts';
import { contradictions } from '../../shared/claimMatching.ts';
import { DisagreementField } from '../../shared/schemas/review.ts';
import type { ClaimFrameRow, LabelRow } from './repo.ts';

const FIELDS = DisagreementField.options;

/** The bit set of some fields (DisagreementField order) and back. */
export const fieldBit = (field: DisagreementField) => 1 << FIELDS.indexOf(field);
export const fieldsOf = (bits: number): DisagreementField[] => FIELDS.filter((field) => (bits & fieldBit(field)) !== 0);

/** Sentences compared per batch: one IN list of this many ids per read. */
const BATCH = 500;

export function labelsOf(db: Db, ids: readonly number[]): LabelRow[] {
  const list = JSON.stringify(ids);
  const annotations = tuples<[string], LabelRow>(
    db,
    `SELECT a.sentence_id, s.document_id, a.annotator_id, a.status FROM sentences s JOIN annotations a ON a.sentence_id = s.id
     WHERE s.id IN (${jsonIntegerList(db)})`,
  ).all(list);
  const gold = tuples<[string], LabelRow>(
    db,
    `SELECT g.sentence_id, s.document_id, 0, g.status FROM sentences s JOIN gold g ON g.sentence_id = s.id WHERE s.id IN (${jsonIntegerList(db)})`,
  ).all(list);
  return annotations.concat(gold);
}

export function framesOf(db: Db, ids: readonly number[]): ClaimFrameRow[] {
  const list = JSON.stringify(ids);
  const columns = 'c.stance, c.speaker_actor_id, c.speaker_start, c.speaker_end, c.target_actor_id, c.target_start, c.target_end, c.negated, c.hypothetical';
  // The same order as the project-wide read (listClaimFrames): by label, then claim position.
  const annotations = tuples<[string], ClaimFrameRow>(
    db,
    `SELECT a.sentence_id, a.annotator_id, ${columns} FROM annotations a JOIN claims c ON c.annotation_id = a.id
     WHERE a.sentence_id IN (${jsonIntegerList(db)}) ORDER BY a.id, c.position`,
  ).all(list);
  const gold = tuples<[string], ClaimFrameRow>(
    db,
    `SELECT g.sentence_id, 0, ${columns} FROM gold g JOIN gold_claims c ON c.gold_id = g.id
     WHERE g.sentence_id IN (${jsonIntegerList(db)}) ORDER BY g.id, c.position`,
  ).all(list);
  return annotations.concat(gold);
}

/**
 * What bulk accept does with a sentence: `accept` the one label all its annotators gave (not a skip,
 * no gold yet), or leave it to a reviewer as `contradicting` when that label's claims contradict
 * each other (gold needs a reviewer's word for that: saveGold); null when there is nothing to accept.
 * Annotators who gave one label gave the same claims, so one annotator's claims decide.
 */
export function unanimousVerdict(sentence: SentenceLabels): { verdict: 'accept' | 'contradicting'; annotators: number[] } | null {
  if (sentence.labels.has(GOLD)) return null;
  const agreed = unanimousLabel(sentence);
  if (!agreed || agreed.label.status === 'skipped') return null;
  return { verdict: contradictions(agreed.label.claims).length > 0 ? 'contradicting' : 'accept', annotators: agreed.annotators };
}

/** Whether the project has sentences to compare again (a read can skip the write transaction when not). */
export function hasStaleDisagreements(db: Db, projectId: number): boolean {
  return (
    values<[number], number>(db, 'SELECT 1 FROM sentence_disagreements WHERE project_id = ? AND stale = 1 LIMIT 1').get(projectId) !== undefined ||
    values<[number], number>(db, 'SELECT 1 FROM sentence_unanimous WHERE project_id = ? AND stale = 1 LIMIT 1').get(projectId) !== undefined
  );
}

/**
 * Compares the project's stale sentences again: a difference is written, an agreement drops the row
 * unless its one label contradicts itself (a `contradiction` row: bulk accept leaves it, so the
 * reviewer finds it in the queue); a sentence whose annotators all gave one label (not a skip) gets
 * its unanimous row (migration 0016), any other loses it. Call inside a write transaction.
 */
export function refreshDisagreements(db: Db, projectId: number): number {
  // A label taken back from a unanimous sentence marks only its unanimous row (it had no disagreement
  // row); taking a label back never makes annotators who agreed differ, so only that row can change.
  const stale = values<[number, number], number>(
    db,
    `SELECT sentence_id FROM sentence_disagreements WHERE project_id = ? AND stale = 1
     UNION SELECT sentence_id FROM sentence_unanimous WHERE project_id = ? AND stale = 1 ORDER BY 1`,
  ).all(projectId, projectId);
  const write = sql(
    db,
    'UPDATE sentence_disagreements SET stale = 0, annotators = ?, fields = ?, field_count = ?, dispute = ?, resolved = ? WHERE sentence_id = ?',
  );
  const drop = sql(db, 'DELETE FROM sentence_disagreements WHERE sentence_id = ?');
  const unanimous = sql(
    db,
    `INSERT INTO sentence_unanimous (sentence_id, project_id, document_id, boilerplate, resolved, stale)
     SELECT s.id, d.project_id, s.document_id, s.boilerplate, CAST(? AS INTEGER), 0 FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = ?
     ON CONFLICT (sentence_id) DO UPDATE SET resolved = excluded.resolved, boilerplate = excluded.boilerplate, stale = 0`,
  );
  const notUnanimous = sql(db, 'DELETE FROM sentence_unanimous WHERE sentence_id = ?');
  for (let start = 0; start < stale.length; start += BATCH) {
    const ids = stale.slice(start, start + BATCH);
    const grouped = groupLabels(labelsOf(db, ids), framesOf(db, ids));
    for (const id of ids) {
      const labels = grouped.get(id);
      const agreed = labels && unanimousLabel(labels);
      // A unanimous skip says the sentence could not be labelled: nothing to accept as gold.
      if (agreed && agreed.label.status !== 'skipped') unanimous.run(labels.labels.has(0) ? 1 : 0, id);
      else notUnanimous.run(id);
      const difference = labels && queueEntry(labels);
      if (!labels || !difference) {
        drop.run(id);
        continue;
      }
      const bits = difference.fields.reduce((sum, field) => sum | fieldBit(field), 0);
      write.run(difference.annotators, bits, difference.fields.length, difference.dispute, labels.labels.has(0) ? 1 : 0, id);
    }
  }
  return stale.length;
}

/**
 * Why a sentence is in the queue, or null: how its annotators differ (compareAnnotators), or, when
 * they all gave one label whose claims contradict each other, `contradiction` with dispute 0 (nobody
 * differs: the label itself is the question; bulk accept leaves it to a reviewer).
 */
export function queueEntry(labels: SentenceLabels): { fields: DisagreementField[]; dispute: number; annotators: number } | null {
  return compareAnnotators(labels) ?? contradiction(labels);
}

function contradiction(labels: SentenceLabels): { fields: DisagreementField[]; dispute: number; annotators: number } | null {
  // Gold aside: whether the sentence is resolved is the row's `resolved`, as for every other row.
  const withoutGold: SentenceLabels = { ...labels, labels: new Map([...labels.labels].filter(([id]) => id !== GOLD)) };
  const verdict = unanimousVerdict(withoutGold);
  return verdict?.verdict === 'contradicting' ? { fields: ['contradiction'], dispute: 0, annotators: verdict.annotators.length } : null;
}

/**
 * Gives the sentences bulk accept left out for contradicting themselves their queue row where they
 * have none — labels saved before the queue listed contradictions, which nothing marked to compare
 * again — so the reviewer finds every one it reports. Call inside a write transaction.
 */
export function queueContradicting(db: Db, projectId: number, ids: readonly number[]): void {
  if (ids.length === 0) return;
  const added = values<[string], number>(
    db,
    `INSERT INTO sentence_disagreements (sentence_id, project_id, document_id, idx, boilerplate)
     SELECT s.id, d.project_id, s.document_id, s.idx, s.boilerplate FROM sentences s JOIN documents d ON d.id = s.document_id
     WHERE s.id IN (${jsonIntegerList(db)})
     ON CONFLICT (sentence_id) DO NOTHING RETURNING sentence_id`,
  ).all(JSON.stringify(ids));
  // New rows are stale (the column's default): comparing them again writes their contradiction.
  if (added.length > 0) refreshDisagreements(db, projectId);
}

/** The unanimous sentences without gold (after refreshDisagreements), of the project or one document; columns of `u`. */
function unanimousScope(projectId: number, documentId: number | undefined): { where: string; params: number[] } {
  const where = 'u.project_id = ? AND u.resolved = 0 AND u.boilerplate = 0 AND u.stale = 0';
  return documentId === undefined ? { where, params: [projectId] } : { where: `${where} AND u.document_id = ?`, params: [projectId, documentId] };
}

/** The sentences of the project (or a document) whose labels changed since they were compared. */
function staleSentences(db: Db, projectId: number, documentId: number | undefined): number[] {
  const doc = documentId === undefined ? '' : ' AND document_id = ?';
  const params = documentId === undefined ? [projectId] : [projectId, documentId];
  return values<number[], number>(
    db,
    `SELECT sentence_id FROM sentence_disagreements WHERE project_id = ? AND stale = 1${doc}
     UNION SELECT sentence_id FROM sentence_unanimous WHERE project_id = ? AND stale = 1${doc} ORDER BY 1`,
  ).all(...params, ...params);
}

/**
 * How many sentences "accept unanimous" would make gold, and how many it would leave out because
 * their label contradicts itself, without writing: the state's counts (a unanimous sentence with a
 * queue row is one whose label contradicts itself: annotators who agree have no other row), with the
 * sentences whose labels changed since (few: every list read and every apply refreshes them)
 * compared here from their own labels, so a dry run never waits for the write lock.
 */
export function countUnanimous(db: Db, projectId: number, documentId?: number): { count: number; contradicting: number } {
  const scope = unanimousScope(projectId, documentId);
  /** The state's figures, of every sentence in scope or (`list`, a JSON array of ids) of some. */
  const inState = (list?: string) => {
    const among = (column: string) => (list === undefined ? '' : ` AND ${column} IN (${jsonIntegerList(db)})`);
    const ids = list === undefined ? [] : [list];
    const open =
      values<(string | number)[], number>(db, `SELECT count(*) FROM sentence_unanimous u WHERE ${scope.where}${among('u.sentence_id')}`).get(
        ...scope.params,
        ...ids,
      ) ?? 0;
    // Contradiction rows are the queue's only rows with dispute 0 (annotators who differ have a
    // dispute above 0): the queue's dispute index (partial on stale = 0 AND boilerplate = 0, both
    // spelt out so it applies) finds them without reading the other rows.
    const left =
      values<(string | number)[], number>(
        db,
        `SELECT count(*) FROM sentence_disagreements x
         WHERE x.project_id = ? AND x.dispute = 0 AND x.stale = 0 AND x.boilerplate = 0 AND x.resolved = 0 AND (x.fields & ?) <> 0${among('x.sentence_id')}
           AND EXISTS (SELECT 1 FROM sentence_unanimous u WHERE u.sentence_id = x.sentence_id AND ${scope.where})`,
      ).get(projectId, fieldBit('contradiction'), ...ids, ...scope.params) ?? 0;
    return { count: open - left, contradicting: left };
  };
  const total = inState();
  const stale = staleSentences(db, projectId, documentId);
  for (let start = 0; start < stale.length; start += BATCH) {
    const ids = stale.slice(start, start + BATCH);
    const list = JSON.stringify(ids);
    // The state's figures of these sentences are out of date: taken out, then counted from their labels.
    const counted = inState(list);
    total.count -= counted.count;
    total.contradicting -= counted.contradicting;
    const boilerplate = new Set(values<[string], number>(db, `SELECT id FROM sentences WHERE boilerplate = 1 AND id IN (${jsonIntegerList(db)})`).all(list));
    const grouped = groupLabels(labelsOf(db, ids), framesOf(db, ids));
    for (const id of ids) {
      const labels = grouped.get(id);
      const verdict = labels && !boilerplate.has(id) ? unanimousVerdict(labels) : null;
      if (verdict?.verdict === 'accept') total.count++;
      if (verdict?.verdict === 'contradicting') total.contradicting++;
    }
  }
  return total;
}

export function listUnanimous(db: Db, projectId: number, documentId?: number): number[] {
  const scope = unanimousScope(projectId, documentId);
  return values<number[], number>(db, `SELECT u.sentence_id FROM sentence_unanimous u WHERE ${scope.where} ORDER BY u.sentence_id`).all(...scope.params);
}

export interface DisagreementPageFilter {
  documentId?: number;
  field?: DisagreementField;
  resolved: boolean;
  /** A prefix of the document title, ignoring case. */
  q?: string;
}

export interface DisagreementStateRow {
  sentenceId: number;
  documentId: number;
  index: number;
  annotators: number;
  fields: number;
  fieldCount: number;
  dispute: number;
  resolved: number;
}

/** `lower(col) LIKE lower(?)` text for a prefix: the user's % and _ are literal. */
export const likePrefix = (q: string) => `${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The WHERE of the queue's rows (after refreshDisagreements) and its parameters. */
export function disagreementScope(projectId: number, filter: DisagreementPageFilter): { from: string; where: string; params: (string | number)[] } {
  const where = ['x.project_id = ?', 'x.stale = 0', 'x.boilerplate = 0'];
  const params: (string | number)[] = [projectId];
  if (!filter.resolved) where.push('x.resolved = 0');
  if (filter.documentId !== undefined) {
    where.push('x.document_id = ?');
    params.push(filter.documentId);
  }
  if (filter.field !== undefined) {
    where.push('(x.fields & ?) <> 0');
    params.push(fieldBit(filter.field));
  }
  let from = 'sentence_disagreements x';
  if (filter.q !== undefined) {
    from += ' JOIN documents d ON d.id = x.document_id';
    where.push("lower(d.title) LIKE lower(?) ESCAPE '\\'");
    params.push(likePrefix(filter.q));
  }
  return { from, where: where.join(' AND '), params };
}

export const DISAGREEMENT_COLUMNS = `x.sentence_id AS "sentenceId", x.document_id AS "documentId", x.idx AS "index", x.annotators, x.fields,
  x.field_count AS "fieldCount", x.dispute, x.resolved`;
