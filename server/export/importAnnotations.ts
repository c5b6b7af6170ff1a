// `npm run cli -- import-annotations`: annotations and gold from an export (or pre-annotations
// from another tool in the same format) into a project whose documents match by text hash.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { basename } from 'node:path';
import type { Db } from '../db/connection.ts';
import { recordEvent } from '../events/repo.ts';
import { findActorByName, insertActor } from '../actors/repo.ts';
import { findAnnotation, writeAnnotation } from '../annotations/repo.ts';
import { findDocument, findDocumentIdByHash } from '../documents/repo.ts';
import { findGold, writeGold } from '../review/repo.ts';
import { insertMember } from '../projects/repo.ts';
import { findUserByName, insertUser, updateUserRow } from '../users/repo.ts';
import type { ClaimToWrite } from '../claims/repo.ts';
import { checkClaims, splitsCharacter, toClaimToWrite, type SpanTarget } from '../claims/check.ts';
import { linkClaims } from '../claims/link.ts';
import { AppError } from '../http/errors.ts';
import type { z } from 'zod';
import { SaveAnnotationBody, type LabelClaims } from '../../shared/schemas/annotations.ts';
import { SaveGoldBody } from '../../shared/schemas/review.ts';
import { ActorKind } from '../../shared/schemas/actors.ts';
import type { DocumentDetail } from '../../shared/schemas/documents.ts';
import { ExportRecord, type ExportClaim } from '../../shared/schemas/export.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { USERNAME, type Role } from '../../shared/schemas/users.ts';
import { offsetConverter, type OffsetConverter } from '../text/offsets.ts';
import { firstUtf8FaultInFile } from '../text/utf8.ts';
import { describeIllFormedText, findIllFormedText } from '../../shared/text.ts';
import { batchTransaction, transaction } from '../db/transaction.ts';
import { keepPseudonym, pseudonymNumber, type PseudonymKind } from './pseudonyms.ts';

export interface ImportAnnotationsSummary {
  records: number;
  annotations: number;
  gold: number;
  createdUsers: string[];
  createdActors: string[];
  errors: { line: number; message: string }[];
}

/** Where pseudonyms become accounts: each pseudonym maps to an account of that name, unless `annotatorAs` names one for all. */
export interface ImportAnnotationsOptions {
  annotatorAs?: string;
}

const BATCH = 500;

class RecordError extends Error {}

export async function importAnnotationsFile(
  db: Db,
  project: Project,
  path: string,
  options: ImportAnnotationsOptions = {},
  onProgress: (bytesRead: number) => void = () => {},
): Promise<ImportAnnotationsSummary> {
  const summary: ImportAnnotationsSummary = { records: 0, annotations: 0, gold: 0, createdUsers: [], createdActors: [], errors: [] };
  const documents = new Map<string, { doc: DocumentDetail; convert: OffsetConverter } | null>();
  const users = new Map<string, number>();

  const documentFor = (hash: string) => {
    if (!documents.has(hash)) {
      const id = findDocumentIdByHash(db, project.id, hash);
      const doc = id === undefined ? undefined : findDocument(db, id);
      documents.set(hash, doc ? { doc, convert: offsetConverter(doc.text) } : null);
    }
    return documents.get(hash) ?? null;
  };

  /** The account behind a pseudonym, created (disabled, no usable password) when missing. */
  const userFor = (name: string, role: Role) => {
    let id = users.get(name);
    if (id !== undefined) return id;
    const existing = findUserByName(db, name);
    if (existing) id = existing.id;
    else {
      // An account is made only under a name `users add` and the API would accept.
      const username = USERNAME.safeParse(name);
      if (!username.success) throw new RecordError(`${role} "${name}": a new account's name ${username.error.issues[0]?.message ?? 'is invalid'}`);
      // "!" is no scrypt hash: nobody can sign in as an imported pseudonym until an admin sets a password.
      id = insertUser(db, { username: name, passwordHash: '!', role }).id;
      updateUserRow(db, id, { role, disabled: true });
      recordEvent(db, { userId: null, action: 'create', entity: 'user', entityId: id, after: { username: name, role, imported: true } });
      summary.createdUsers.push(name);
    }
    insertMember(db, project.id, id);
    users.set(name, id);
    return id;
  };

  /**
   * The account of an exported annotator or reviewer. An export's pseudonym keeps its number in
   * this project when the number is free, so exporting again gives the same pseudonyms whatever
   * order the file first names them in (the next free number would follow file order).
   */
  const labellerFor = (name: string, kind: PseudonymKind) => {
    const everyoneAs = kind === 'annotator' ? options.annotatorAs : undefined;
    const id = userFor(everyoneAs ?? name, kind);
    const number = everyoneAs === undefined ? pseudonymNumber(name, kind) : undefined;
    if (number !== undefined) keepPseudonym(db, project.id, id, kind, number);
    return id;
  };

  const actorFor = (actor: NonNullable<ExportClaim['speaker']['actor']>) => {
    const found = findActorByName(db, project.id, actor.name);
    if (found) return found.id;
    const kind = ActorKind.safeParse(actor.kind);
    const created = insertActor(db, project.id, {
      name: actor.name,
      kind: kind.success ? kind.data : 'group',
      code: actor.code,
      aliases: [],
      parentId: null,
      status: 'proposed',
    });
    recordEvent(db, { userId: null, projectId: project.id, action: 'create', entity: 'actor', entityId: created.id, after: created });
    summary.createdActors.push(actor.name);
    return created.id;
  };

  /** An exported claim as the API's claim input: code points become UTF-16 offsets, actors are found or proposed by name. */
  const claimInput = (claim: ExportClaim, convert: OffsetConverter) => {
    const span = (start: number | null, end: number | null) =>
      start === null || end === null ? null : { start: convert.toUtf16(start), end: convert.toUtf16(end) };
    return {
      stance: claim.stance,
      speaker: { actorId: claim.speaker.actor ? actorFor(claim.speaker.actor) : null, span: span(claim.speaker.start, claim.speaker.end) },
      target: { actorId: claim.target.actor ? actorFor(claim.target.actor) : null, span: span(claim.target.start, claim.target.end) },
      cue: claim.cue ? span(claim.cue.start, claim.cue.end) : null,
      negated: claim.negated,
      hypothetical: claim.hypothetical,
      origin: claim.origin,
      originModel: claim.origin_model,
      originScore: claim.origin_score,
    };
  };

  /**
   * A label's claims (parsed by labelOf) through the checks and the linking every API save goes
   * through (server/claims/check.ts, server/claims/link.ts), so an import stores nothing the API
   * would refuse and links spans to actors as a save would.
   */
  const claimsOf = (claims: LabelClaims, found: { doc: DocumentDetail; convert: OffsetConverter }, sentenceId: number): ClaimToWrite[] => {
    const { doc, convert } = found;
    const target: SpanTarget = { textLength: doc.text.length, splitsCharacterAt: (at) => splitsCharacter(doc.text, at), shownAt: convert.toCodePoint };
    let named;
    try {
      named = checkClaims(db, project, target, claims, new Set());
    } catch (error) {
      const issue = error instanceof AppError ? error.details.issues?.[0] : undefined;
      if (issue) throw new RecordError(issue.message);
      throw error;
    }
    return linkClaims(db, { id: sentenceId, documentId: doc.id, projectId: project.id }, claims, named).map(toClaimToWrite);
  };

  /**
   * A label as the API's save would take it (the same schema: its claims, a status that agrees
   * with them, a skip's reason, the note's or rationale's length), or the record is refused.
   */
  const labelOf = <T extends { claims: LabelClaims }>(schema: z.ZodType<T>, where: string, body: Record<string, unknown>): T => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new RecordError(`${where}.${issue?.path.join('.') || 'label'}: ${issue?.message ?? 'invalid'}`);
  };

  const importRecord = (record: ExportRecord) => {
    const found = documentFor(record.document.text_sha256);
    if (!found) throw new RecordError(`no document of this project has text hash ${record.document.text_sha256.slice(0, 12)}…`);
    const { doc } = found;
    const sentence = doc.sentences[record.sentence.index];
    if (!sentence || sentence.text !== record.sentence.text) {
      throw new RecordError(`sentence ${record.sentence.index} of "${doc.title}" differs from the record: the document was segmented differently`);
    }
    record.annotations.forEach((annotation, k) => {
      const label = labelOf(SaveAnnotationBody, `annotations.${k}`, {
        status: annotation.status,
        note: annotation.note,
        claims: annotation.claims.map((claim) => claimInput(claim, found.convert)),
      });
      const annotatorId = labellerFor(annotation.annotator, 'annotator');
      const existing = findAnnotation(db, sentence.id, annotatorId);
      writeAnnotation(db, existing, {
        sentenceId: sentence.id,
        annotatorId,
        status: annotation.status,
        note: annotation.note,
        timeSpentMs: 0,
        claims: claimsOf(label.claims, found, sentence.id),
      });
      recordEvent(db, {
        userId: null,
        projectId: project.id,
        action: 'import',
        entity: 'annotation',
        entityId: sentence.id,
        before: existing?.annotation ?? null,
        after: findAnnotation(db, sentence.id, annotatorId)!.annotation,
      });
      summary.annotations++;
    });
    if (record.gold) {
      // Gold is checked as a reviewer's save is; its method stays the record's own (an export
      // also holds the bulk-accepted "unanimous", which a save cannot choose).
      const label = labelOf(SaveGoldBody, 'gold', {
        status: record.gold.status,
        method: 'accepted',
        rationale: record.gold.rationale,
        sourceAnnotators: record.gold.sources.map((_, k) => k + 1),
        claims: record.gold.claims.map((claim) => claimInput(claim, found.convert)),
      });
      const existing = findGold(db, sentence.id);
      writeGold(db, existing, {
        sentenceId: sentence.id,
        status: record.gold.status,
        method: record.gold.method,
        reviewerId: labellerFor(record.gold.reviewer, 'reviewer'),
        sourceAnnotators: record.gold.sources.map((name) => labellerFor(name, 'annotator')),
        rationale: record.gold.rationale,
        claims: claimsOf(label.claims, found, sentence.id),
      });
      recordEvent(db, {
        userId: null,
        projectId: project.id,
        action: 'import',
        entity: 'gold',
        entityId: sentence.id,
        before: existing?.gold ?? null,
        after: findGold(db, sentence.id)!.gold,
      });
      summary.gold++;
    }
  };

  // Decoding would put U+FFFD in place of bytes that are not UTF-8: such a file is refused whole, as document imports are.
  const fault = await firstUtf8FaultInFile(path);
  if (fault >= 0)
    throw new AppError('validation_error', `${basename(path)} is not UTF-8 text (byte ${fault} starts no character): nothing of it was imported.`);
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let batch: { line: number; record: ExportRecord }[] = [];
  // One transaction per batch; a bad record is rolled back alone (savepoint) and reported.
  const flush = () => {
    const counted = { records: summary.records, annotations: summary.annotations, gold: summary.gold, errors: summary.errors.length };
    const created = { users: summary.createdUsers.length, actors: summary.createdActors.length };
    batchTransaction(db, () => {
      // PostgreSQL runs the batch again when it loses a serialization conflict (server/db/postgres.ts):
      // each run starts from what was known before the batch, not from accounts a rolled-back run created.
      users.clear();
      Object.assign(summary, { records: counted.records, annotations: counted.annotations, gold: counted.gold });
      summary.errors.length = counted.errors;
      summary.createdUsers.length = created.users;
      summary.createdActors.length = created.actors;
      for (const { line, record } of batch) {
        const createdUsers = summary.createdUsers.length;
        const createdActors = summary.createdActors.length;
        const { annotations, gold } = summary;
        try {
          transaction(db, () => importRecord(record));
          summary.records++;
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          // The record's savepoint is rolled back, accounts it created included: forget what it
          // learnt, or a later record would write under an id SQLite hands to someone else.
          users.clear();
          summary.createdUsers.length = createdUsers;
          summary.createdActors.length = createdActors;
          Object.assign(summary, { annotations, gold });
          summary.errors.push({ line, message: error.message });
        }
      }
    });
    batch = [];
    onProgress(stream.bytesRead);
  };
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      summary.errors.push({ line: lineNumber, message: 'malformed JSON' });
      continue;
    }
    // A "\ud83d" escape is half a character: refused with where it is, as every API body is (shared/text.ts).
    const illFormed = findIllFormedText(json);
    if (illFormed) {
      summary.errors.push({ line: lineNumber, message: `${illFormed.path}: ${describeIllFormedText(illFormed)}` });
      continue;
    }
    const parsed = ExportRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const flat = typeof json === 'object' && json !== null && 'claim' in json;
      summary.errors.push({
        line: lineNumber,
        message: flat
          ? 'flat (one claim per line) records cannot be imported: export without flat=1'
          : `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
      });
      continue;
    }
    batch.push({ line: lineNumber, record: parsed.data });
    if (batch.length >= BATCH) flush();
  }
  flush();
  return summary;
}
