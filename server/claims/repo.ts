// Claim rows, shared by annotations (`claims`) and gold labels (`gold_claims`): the two tables have
// the same columns because the claim is the same unit in both.
import { randomInt } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { ClaimColumns } from '../db/schema.ts';
import { deferred, sql } from '../db/statements.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';

/** Which claim table, and the column naming the row a claim belongs to. Never user input. */
export type ClaimTable = { table: 'claims'; owner: 'annotation_id' } | { table: 'gold_claims'; owner: 'gold_id' };
export const ANNOTATION_CLAIMS: ClaimTable = { table: 'claims', owner: 'annotation_id' };
export const GOLD_CLAIMS: ClaimTable = { table: 'gold_claims', owner: 'gold_id' };

/** A claim row of either table, with the id of the row it belongs to as `owner_id`. */
export interface ClaimRow extends ClaimColumns {
  owner_id: number;
}

/** A span from its two nullable columns. */
export const span = (start: number | null, end: number | null) => (start === null || end === null ? null : { start, end });

/** The columns a claim's content is stored in: claims, gold claims and a model's predictions. */
type ClaimContentColumns = Pick<
  ClaimColumns,
  | 'stance'
  | 'speaker_actor_id'
  | 'speaker_start'
  | 'speaker_end'
  | 'target_actor_id'
  | 'target_start'
  | 'target_end'
  | 'cue_start'
  | 'cue_end'
  | 'negated'
  | 'hypothetical'
>;

/** A claim's speaker, stance, target, cue and flags from the columns that store them. */
export function claimContent(row: ClaimContentColumns): Pick<Claim, 'speaker' | 'stance' | 'target' | 'cue' | 'negated' | 'hypothetical'> {
  return {
    speaker: { actorId: row.speaker_actor_id, span: span(row.speaker_start, row.speaker_end) },
    stance: row.stance,
    target: { actorId: row.target_actor_id, span: span(row.target_start, row.target_end) },
    cue: span(row.cue_start, row.cue_end),
    negated: row.negated === 1,
    hypothetical: row.hypothetical === 1,
  };
}

export function toClaim(row: ClaimRow): Claim {
  return {
    id: row.id,
    ...claimContent(row),
    origin: row.origin,
    originModel: row.origin_model,
    originScore: row.origin_score,
  };
}

/** The claims of one owner row, in order. */
export function listClaims(db: Db, where: ClaimTable, ownerId: number): Claim[] {
  return sql<[number], ClaimRow>(db, `SELECT *, ${where.owner} AS owner_id FROM ${where.table} WHERE ${where.owner} = ? ORDER BY position`)
    .all(ownerId)
    .map(toClaim);
}

export interface ClaimToWrite {
  id?: number;
  stance: string;
  speakerActorId: number | null;
  speakerSpan: { start: number; end: number } | null;
  targetActorId: number | null;
  targetSpan: { start: number; end: number } | null;
  cue: { start: number; end: number } | null;
  negated: boolean;
  hypothetical: boolean;
  origin: string;
  originModel: string | null;
  originScore: number | null;
}

/** A claim as written, as the API shows it (what reading it back would give). */
export function claimAsWritten(id: number, claim: ClaimToWrite): Claim {
  return {
    id,
    speaker: { actorId: claim.speakerActorId, span: claim.speakerSpan },
    stance: claim.stance,
    target: { actorId: claim.targetActorId, span: claim.targetSpan },
    cue: claim.cue,
    negated: claim.negated,
    hypothetical: claim.hypothetical,
    origin: claim.origin,
    originModel: claim.originModel,
    originScore: claim.originScore,
  };
}

/**
 * A new claim's id: random, not the next row number. Annotators see their claims' ids, and ids
 * that count up across the whole database would tell them how many claims others saved in between
 * (annotation is blind). 2^48 ids: a clash is rare, and its transaction runs again (insertClaims).
 */
const newClaimId = () => randomInt(1, 2 ** 48);

const CLAIM_COLUMNS = 17;

/**
 * The row claims belong to: its id, or, for an annotation inserted in the same transaction whose id
 * was not read back (a first label's save, deferred to its COMMIT), its sentence and annotator.
 */
export type ClaimOwner = number | { sentenceId: number; annotatorId: number };

/** The owner column's value as SQL, and its parameters. */
function ownerValue(where: ClaimTable, owner: ClaimOwner): { sql: string; params: unknown[] } {
  if (typeof owner === 'number') return { sql: '?', params: [owner] };
  if (where.table !== 'claims') throw new TypeError('Only an annotation is found by its sentence and annotator.');
  return { sql: '(SELECT id FROM annotations WHERE sentence_id = ? AND annotator_id = ?)', params: [owner.sentenceId, owner.annotatorId] };
}

/** One row of a claim table's columns after its id and owner, in insert order. */
function claimValues(position: number, claim: ClaimToWrite): unknown[] {
  return [
    position,
    claim.stance,
    claim.speakerActorId,
    claim.speakerSpan?.start ?? null,
    claim.speakerSpan?.end ?? null,
    claim.targetActorId,
    claim.targetSpan?.start ?? null,
    claim.targetSpan?.end ?? null,
    claim.cue?.start ?? null,
    claim.cue?.end ?? null,
    claim.negated ? 1 : 0,
    claim.hypothetical ? 1 : 0,
    claim.origin,
    claim.originModel,
    claim.originScore,
  ];
}

/**
 * INSERT of `rows` claims in one statement, deferred: nothing is read back, so on PostgreSQL it
 * travels with the save's COMMIT instead of costing a round trip of its own. A new random id that
 * repeats another claim's trips the primary key, and the whole transaction runs again with new
 * draws (RANDOM_ID_TABLES in server/db/driverErrors.ts, the retry in server/db/transaction.ts).
 */
function insertClaims(db: Db, where: ClaimTable, ownerSql: string, rows: number) {
  const row = `(?, ${ownerSql}, ${Array.from({ length: CLAIM_COLUMNS - 2 }, () => '?').join(', ')})`;
  return deferred<unknown[]>(
    db,
    `INSERT INTO ${where.table} (id, ${where.owner}, position, stance, speaker_actor_id, speaker_start, speaker_end,
       target_actor_id, target_start, target_end, cue_start, cue_end, negated, hypothetical, origin, origin_model, origin_score)
     VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
  );
}

/** Claims written per statement: a label's claims are one statement; an import's long lists a few. */
const CLAIMS_PER_INSERT = 16;

/**
 * Replaces the claims of one owner row (keeping ids the caller passes back, giving new claims a
 * random id) and returns the claims as written, with their ids; call inside a transaction. Nothing
 * is read back: on PostgreSQL the writes travel with the transaction's next statement or COMMIT.
 * `fresh`: the owner row was just inserted, so it has no claims to delete.
 */
export function replaceClaims(db: Db, where: ClaimTable, owner: ClaimOwner, claims: readonly ClaimToWrite[], { fresh = false } = {}): Claim[] {
  const ownerIs = ownerValue(where, owner);
  if (!fresh) deferred(db, `DELETE FROM ${where.table} WHERE ${where.owner} = ${ownerIs.sql}`)(...ownerIs.params);
  // Ids are distinct within the label: kept ids are checked to be its own and distinct, and a new
  // one is drawn again if it repeats one of them. (A kept id cannot clash with another row: the
  // owner's claims were deleted above; a new one rarely can, see insertClaims.)
  const taken = new Set(claims.flatMap((claim) => (claim.id === undefined ? [] : [claim.id])));
  const draw = () => {
    let id = newClaimId();
    while (taken.has(id)) id = newClaimId();
    taken.add(id);
    return id;
  };
  const ids = claims.map((claim) => claim.id ?? draw());
  for (let from = 0; from < claims.length; from += CLAIMS_PER_INSERT) {
    const batch = claims.slice(from, from + CLAIMS_PER_INSERT);
    insertClaims(db, where, ownerIs.sql, batch.length)(...batch.flatMap((claim, i) => [ids[from + i], ...ownerIs.params, ...claimValues(from + i, claim)]));
  }
  return claims.map((claim, i) => claimAsWritten(ids[i]!, claim));
}
