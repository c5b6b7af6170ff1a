// Model predictions (issue 16, item 4): claims a model proposes for sentences named by their export
// record id, imported through POST /api/projects/:projectId/predictions or the CLI's
// import-predictions, and served as suggestions of source 'model'. Every claim goes through the
// checks and the linking of a save (server/claims/check.ts, link.ts); an import with any bad record
// writes nothing and reports each one, and a model imported again replaces its earlier predictions.
import type { Db } from '../db/connection.ts';
import type { PredictionRow } from '../db/schema.ts';
import { now, sql } from '../db/statements.ts';
import { transaction } from '../db/transaction.ts';
import { AppError, validationError, type Issue } from '../http/errors.ts';
import { listActors } from '../actors/repo.ts';
import { checkClaims, splitsCharacter } from '../claims/check.ts';
import { linkClaims } from '../claims/link.ts';
import { claimContent } from '../claims/repo.ts';
import { findDocumentText } from '../documents/repo.ts';
import { recordEvent } from '../events/repo.ts';
import { offsetConverter, type OffsetConverter } from '../text/offsets.ts';
import { auditUserId, may, projectFor, type Principal } from '../policy.ts';
import type { ClaimInput } from '../../shared/schemas/annotations.ts';
import type { ImportPredictionsBody, ImportPredictionsResult, PredictedSide, PredictionRecord } from '../../shared/schemas/predictions.ts';
import type { Suggestion } from '../../shared/schemas/suggestions.ts';
import type { Project } from '../../shared/schemas/projects.ts';

export const MODEL_SOURCE = 'model';

interface ResolvedRecord {
  sentenceId: number;
  claims: readonly ClaimInput[];
  scores: (number | null)[];
}

/**
 * Finds what each record names (sentence, actors, spans); every problem becomes an issue with its
 * path. Given `onlyDocument`, every record must be a sentence of that document.
 */
function resolveRecords(db: Db, project: Pick<Project, 'id' | 'stanceLabels'>, records: readonly PredictionRecord[], onlyDocument?: number): ResolvedRecord[] {
  const issues: Issue[] = [];
  const actors = listActors(db, project.id);
  const named = new Map<string, Set<number>>();
  for (const actor of actors) {
    for (const word of [actor.name, actor.code ?? '', ...actor.aliases]) {
      const key = word.trim().toLocaleLowerCase();
      if (key) named.set(key, (named.get(key) ?? new Set()).add(actor.id));
    }
  }
  const documents = new Map<string, number[]>();
  for (const row of sql<[number], { id: number; text_sha256: string }>(db, 'SELECT id, text_sha256 FROM documents WHERE project_id = ?').all(project.id)) {
    const prefix = row.text_sha256.slice(0, 12);
    documents.set(prefix, [...(documents.get(prefix) ?? []), row.id]);
  }
  const texts = new Map<number, { text: string; convert: OffsetConverter }>();
  const sentenceAt = sql<[number, number], { id: number }>(db, 'SELECT id FROM sentences WHERE document_id = ? AND idx = ?');
  const seen = new Set<number>();

  const resolved = records.map((record, index): ResolvedRecord | null => {
    const at = `records.${index}`;
    const [prefix, sentenceIndex] = record.id.split(':') as [string, string];
    const candidates = documents.get(prefix) ?? [];
    if (candidates.length !== 1) {
      issues.push({
        path: `${at}.id`,
        message: candidates.length === 0 ? `no document of this project has the text hash ${prefix}…` : `the text hash ${prefix}… is ambiguous`,
      });
      return null;
    }
    const documentId = candidates[0]!;
    if (onlyDocument !== undefined && documentId !== onlyDocument) {
      issues.push({ path: `${at}.id`, message: `record ${record.id} is not a sentence of document ${onlyDocument}` });
      return null;
    }
    const sentence = sentenceAt.get(documentId, Number(sentenceIndex));
    if (!sentence) {
      issues.push({ path: `${at}.id`, message: `document ${documentId} has no sentence ${sentenceIndex}` });
      return null;
    }
    if (seen.has(sentence.id)) {
      issues.push({ path: `${at}.id`, message: `record ${record.id} appears twice` });
      return null;
    }
    seen.add(sentence.id);
    let doc = texts.get(documentId);
    if (!doc) {
      const text = findDocumentText(db, documentId);
      texts.set(documentId, (doc = { text, convert: offsetConverter(text) }));
    }
    const { text, convert } = doc;
    const toUtf16 = (s: { start: number; end: number }) => ({ start: convert.toUtf16(s.start), end: convert.toUtf16(s.end) });
    const before = issues.length;
    const side = (ref: PredictedSide, path: string): ClaimInput['speaker'] => {
      if ('actorId' in ref) return { actorId: ref.actorId };
      if ('span' in ref) return { span: toUtf16(ref.span) };
      const ids = [...(named.get(ref.actor.toLocaleLowerCase()) ?? [])];
      if (ids.length !== 1)
        issues.push({ path, message: ids.length === 0 ? `no actor of this project is named "${ref.actor}"` : `"${ref.actor}" names ${ids.length} actors` });
      return { actorId: ids[0] ?? 0 };
    };
    const claims = record.claims.map((claim, c): ClaimInput => ({
      speaker: side(claim.speaker, `${at}.claims.${c}.speaker.actor`),
      stance: claim.stance,
      target: side(claim.target, `${at}.claims.${c}.target.actor`),
      cue: claim.cue ? toUtf16(claim.cue) : null,
      negated: claim.negated ?? false,
      hypothetical: claim.hypothetical ?? false,
    }));
    if (issues.length > before) return null;
    try {
      const actorsNamed = checkClaims(
        db,
        project,
        // Messages in code points, as the records gave their spans.
        { textLength: text.length, splitsCharacterAt: (i) => splitsCharacter(text, i), shownAt: convert.toCodePoint },
        claims,
        new Set(),
      );
      const linked = linkClaims(db, { id: sentence.id, documentId, projectId: project.id }, claims, actorsNamed);
      return { sentenceId: sentence.id, claims: linked, scores: record.claims.map((claim) => claim.score ?? null) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      for (const issue of error.details.issues ?? []) issues.push({ path: `${at}.${issue.path}`, message: issue.message });
      return null;
    }
  });
  const first = issues[0];
  if (first) throw validationError(`Invalid predictions (nothing was imported): ${first.path}: ${first.message}`, issues);
  return resolved.filter((r): r is ResolvedRecord => r !== null);
}

/**
 * Imports a model's predictions into a project (admins), replacing that model's earlier ones, in
 * one transaction: all records or none.
 */
export function importPredictions(db: Db, who: Principal, projectId: number, body: ImportPredictionsBody): ImportPredictionsResult {
  return transaction(db, () => {
    const project = projectFor(db, who, projectId, may.importPredictions);
    return storePredictions(db, who, project, body.model, body.records);
  });
}

/**
 * Checks and stores a model's predictions, the one way predictions are written (an import, a
 * model backend's answer): replaces the model's earlier predictions in the whole project or, given
 * `documentId`, in that document only (whose sentences every record must then be), and records the
 * event. Runs inside the caller's transaction; a bad record throws a 400 with one issue each, before
 * anything is written.
 */
export function storePredictions(
  db: Db,
  who: Principal,
  project: Pick<Project, 'id' | 'stanceLabels'>,
  model: string,
  records: readonly PredictionRecord[],
  documentId?: number,
): ImportPredictionsResult {
  const resolved = resolveRecords(db, project, records, documentId);
  const replaced =
    documentId === undefined
      ? sql(db, 'DELETE FROM predictions WHERE project_id = ? AND model = ?').run(project.id, model).changes
      : sql(db, 'DELETE FROM predictions WHERE model = ? AND sentence_id IN (SELECT id FROM sentences WHERE document_id = ?)').run(model, documentId).changes;
  const insert = sql(
    db,
    `INSERT INTO predictions (project_id, model, sentence_id, position, stance, speaker_actor_id, speaker_start, speaker_end,
       target_actor_id, target_start, target_end, cue_start, cue_end, negated, hypothetical, score, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = now();
  let claims = 0;
  for (const record of resolved) {
    record.claims.forEach((claim, position) => {
      insert.run(
        project.id,
        model,
        record.sentenceId,
        position,
        claim.stance,
        claim.speaker.actorId ?? null,
        claim.speaker.span?.start ?? null,
        claim.speaker.span?.end ?? null,
        claim.target.actorId ?? null,
        claim.target.span?.start ?? null,
        claim.target.span?.end ?? null,
        claim.cue?.start ?? null,
        claim.cue?.end ?? null,
        claim.negated ? 1 : 0,
        claim.hypothetical ? 1 : 0,
        record.scores[position] ?? null,
        at,
      );
      claims++;
    });
  }
  const result = { model, records: resolved.length, claims, replaced };
  recordEvent(db, {
    userId: auditUserId(who),
    projectId: project.id,
    action: documentId === undefined ? 'import' : 'predict',
    entity: 'predictions',
    ...(documentId === undefined ? {} : { entityId: documentId }),
    after: documentId === undefined ? result : { ...result, documentId },
  });
  return result;
}

/** A document's predictions as suggestions, in sentence order, then by model. */
export function predictionSuggestions(db: Db, documentId: number): Suggestion[] {
  return sql<[number], PredictionRow>(
    db,
    `SELECT p.* FROM predictions p JOIN sentences s ON s.id = p.sentence_id
     WHERE s.document_id = ? ORDER BY s.idx, p.model, p.position`,
  )
    .all(documentId)
    .map((row) => ({
      sentenceId: row.sentence_id,
      source: MODEL_SOURCE,
      model: row.model,
      ...(row.score === null ? {} : { score: row.score }),
      claim: {
        ...claimContent(row),
        origin: `suggestion:${MODEL_SOURCE}`,
        originModel: row.model,
        originScore: row.score,
      },
    }));
}
