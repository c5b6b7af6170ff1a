import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { may, projectFor } from '../policy.ts';
import { findActor, listActors } from '../actors/repo.ts';
import { findDocument } from '../documents/repo.ts';
import { listAnnotationsOfDocument } from '../annotations/repo.ts';
import { listGoldOfDocument } from '../review/repo.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { User } from '../../shared/schemas/users.ts';
import { ExportFlatRecord, ExportRecord, type ExportCount, type ExportJsonSchema } from '../../shared/schemas/export.ts';
import type { DocumentStatus } from '../../shared/schemas/documents.ts';
import { matchingDocumentIds } from '../documents/listing.ts';
import { countExportOf, listDocumentIdsForExport } from './repo.ts';
import { documentRecords, resolveNames, type RecordContext, type RecordOptions } from './records.ts';
import { findPseudonym, listPseudonyms, type PseudonymKind } from './pseudonyms.ts';
import { readTransaction } from '../db/transaction.ts';

export interface ExportOptions extends RecordOptions {
  documents?: readonly number[];
  /** The documents list's search and status filter: only the documents they keep. */
  q?: string;
  documentStatus?: DocumentStatus;
  limit?: number;
}

/**
 * The documents an export walks: the picked ids, narrowed by the documents list's search and status
 * filter when given (the same query as the list, so the export holds what the list showed).
 */
function documentsToExport(db: Db, project: Project, options: ExportOptions): number[] {
  // Only labelled sentences or gold are kept: a document nobody labelled adds nothing.
  const labelledOnly = options.status !== undefined || options.gold === 'only';
  if (options.q === undefined && options.documentStatus === undefined) return listDocumentIdsForExport(db, project.id, options.documents, labelledOnly);
  // Export is for reviewers and admins, who may filter by status.
  const matched = matchingDocumentIds(db, project.id, { userId: 0, othersProgress: true }, { q: options.q, status: options.documentStatus });
  const picked = options.documents ? new Set(options.documents) : undefined;
  return listDocumentIdsForExport(db, project.id, picked ? matched.filter((id) => picked.has(id)) : matched, labelledOnly);
}

/** The project, when the user may export it (reviewers and admins). */
export function projectForExport(db: Db, user: User, projectId: number): Project {
  return projectFor(db, user, projectId, may.exportDatasets);
}

/**
 * How long an export works before it lets the event loop answer other requests. An export of a
 * big project takes seconds to minutes of CPU; without a pause only socket backpressure would
 * interrupt it (never, for `count=1`), and every other request would wait behind it.
 */
const WORK_SLICE_MS = 20;

/** Lets pending I/O (other requests) run: setImmediate runs after the poll phase, a resolved promise would not. */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A function to await between pieces of work: it pauses once the current slice is used up (otherwise returns undefined). */
function slicer(): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < WORK_SLICE_MS) return undefined;
    return letOthersRun().then(() => {
      sliceStart = performance.now();
    });
  };
}

/**
 * Actors and pseudonyms for the records, read up front. One written after that (a new actor, a
 * first label) is looked up when a record first names it, in the transaction that read the
 * record's labels, so it is always there; each actor keeps the name it had when the export first
 * met it, so one export names an actor one way throughout.
 */
function recordContext(db: Db, project: Project): RecordContext {
  const actors = new Map<number, Actor>(listActors(db, project.id).map((actor) => [actor.id, actor]));
  const pseudonyms = listPseudonyms(db, project.id);
  const pseudonym = (kind: PseudonymKind) => (userId: number) => {
    let name = pseudonyms[kind].get(userId);
    if (name === undefined) {
      name = findPseudonym(db, project.id, userId, kind);
      // The triggers of migration 0005 give one with every label: a label without is a broken database.
      if (name === undefined) throw new Error(`User ${userId} labelled in project ${project.id} but has no ${kind} pseudonym.`);
      pseudonyms[kind].set(userId, name);
    }
    return name;
  };
  return {
    project: { id: project.id, name: project.name, codebookVersion: project.codebookVersion },
    actor: (id) => {
      let actor = actors.get(id);
      if (actor === undefined) {
        actor = findActor(db, id);
        if (actor === undefined) throw new Error(`A claim names actor ${id}, which does not exist.`);
        actors.set(id, actor);
      }
      return actor;
    },
    annotator: pseudonym('annotator'),
    reviewer: pseudonym('reviewer'),
    exportedAt: new Date().toISOString(),
  };
}

/**
 * The export's records, one document at a time. Each document (text, sentences, labels, gold and
 * the actors and pseudonyms they name) is read in one read transaction, so its records agree with
 * each other; a label saved while the export streams is in it when its document comes later.
 *
 * Not one snapshot for the whole stream, on purpose: a read transaction held for the minutes an
 * export takes keeps the WAL from restarting, so it grows for as long, and the background
 * checkpointer's RESTART, waiting for that reader, stalled every save by up to 100 ms each 250 ms.
 * No transaction stays open across an await. Nothing of the project is held in memory beyond the
 * document being written, and the event loop gets a turn every WORK_SLICE_MS. `onDocument`
 * reports progress (documents done, of how many).
 */
export async function* exportRecords(
  db: Db,
  project: Project,
  options: ExportOptions,
  onDocument: (done: number, total: number) => void = () => {},
): AsyncGenerator<ExportRecord | ExportFlatRecord> {
  const { context, documents } = readTransaction(db, () => ({
    context: recordContext(db, project),
    documents: documentsToExport(db, project, options),
  }));
  const pause = slicer();
  let emitted = 0;
  for (const [done, documentId] of documents.entries()) {
    // One read transaction per document: its text, labels and every name they use, as one snapshot.
    const read = readTransaction(db, () => {
      const doc = findDocument(db, documentId);
      if (!doc) return null; // deleted while the export ran
      const annotations = listAnnotationsOfDocument(db, documentId, null);
      const gold = listGoldOfDocument(db, documentId);
      resolveNames(annotations, gold, context);
      return { doc, annotations, gold };
    });
    if (read) {
      // Built record by record, with pauses between: a 20,000-sentence article is no longer one block.
      for (const record of documentRecords(read.doc, read.annotations, read.gold, context, options)) {
        if (options.limit !== undefined && emitted >= options.limit) return;
        emitted++;
        yield record;
        const wait = pause(); // undefined until the slice is used up: no extra await per record
        if (wait) await wait;
      }
    }
    onDocument(done + 1, documents.length);
    await pause();
  }
}

/** Documents counted per statement: the event loop gets a turn between batches. */
const COUNT_BATCH = 500;

/**
 * What the export with these options holds (`count=1`): the same numbers as counting the streamed
 * records, computed in SQL over batches of documents, pausing like the export itself.
 */
export async function countExport(db: Db, project: Project, options: ExportOptions): Promise<ExportCount> {
  const documents = documentsToExport(db, project, options);
  const filter = { goldOnly: options.gold === 'only', flat: options.flat, boilerplate: options.boilerplate, status: options.status ?? null };
  const pause = slicer();
  const count: ExportCount = { records: 0, sentences: 0, documents: 0 };
  for (let start = 0; start < documents.length; start += COUNT_BATCH) {
    const batch = documents.slice(start, start + COUNT_BATCH);
    const part = countExportOf(db, batch, filter);
    count.records += part.records;
    count.sentences += part.sentences;
    count.documents += part.documents;
    await pause();
  }
  return count;
}

/** The JSON Schema of both record kinds, generated from the zod schemas (`GET /api/schema/export-record.json`, `cli schema`). */
export function exportJsonSchema(): ExportJsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://parley.invalid/schema/export-record.json',
    title: 'Parley export record',
    description: 'One JSON object per line: parley.sentence/1 records (one per sentence), or parley.claim/1 records with flat=1.',
    oneOf: [z.toJSONSchema(ExportRecord, { target: 'draft-2020-12' }), z.toJSONSchema(ExportFlatRecord, { target: 'draft-2020-12' })].map(
      ({ $schema: _ignored, ...schema }) => schema,
    ),
  };
}
