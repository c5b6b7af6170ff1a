import type { Db } from '../db/connection.ts';
import { assertRole, projectForMember } from '../policy.ts';
import { listActors } from '../actors/repo.ts';
import { findDocument } from '../documents/repo.ts';
import { listAnnotationsOfDocument } from '../annotations/repo.ts';
import { listGoldOfDocument } from '../review/repo.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { User } from '../../shared/schemas/users.ts';
import type { ExportFlatRecord, ExportRecord } from '../../shared/schemas/export.ts';
import { listDocumentsForExport, listLabellers } from './repo.ts';
import { documentRecords, type RecordContext, type RecordOptions } from './records.ts';

export interface ExportOptions extends RecordOptions {
  documents?: readonly number[];
  limit?: number;
}

/** The project, when the user may export it (reviewers and admins). */
export function projectForExport(db: Db, user: User, projectId: number): Project {
  const project = projectForMember(db, user, projectId);
  assertRole(user, ['admin', 'reviewer'], 'export datasets');
  return project;
}

/**
 * The export's records, one document at a time: nothing of the project is held in memory beyond
 * the document being written, and no database statement stays open while the consumer awaits.
 * `onDocument` reports progress (documents done, of how many).
 */
export async function* exportRecords(
  db: Db,
  project: Project,
  options: ExportOptions,
  onDocument: (done: number, total: number) => void = () => {},
): AsyncGenerator<ExportRecord | ExportFlatRecord> {
  const { annotators, reviewers } = listLabellers(db, project.id);
  const context: RecordContext = {
    project: { id: project.id, name: project.name, codebookVersion: project.codebookVersion },
    actorsById: new Map(listActors(db, project.id).map((actor) => [actor.id, actor])),
    pseudonyms: new Map(annotators.map((id, i) => [id, `annotator-${i + 1}`])),
    reviewerPseudonyms: new Map(reviewers.map((id, i) => [id, `reviewer-${i + 1}`])),
    exportedAt: new Date().toISOString(),
  };
  const documents = listDocumentsForExport(db, project.id, options.documents);
  let emitted = 0;
  for (const [done, head] of documents.entries()) {
    const doc = findDocument(db, head.id);
    if (!doc) continue; // deleted while the export ran
    const records = documentRecords(
      { ...doc, textSha256: head.textSha256 },
      listAnnotationsOfDocument(db, head.id, null),
      listGoldOfDocument(db, head.id),
      context,
      options,
    );
    for (const record of records) {
      if (options.limit !== undefined && emitted >= options.limit) return;
      emitted++;
      yield record;
    }
    onDocument(done + 1, documents.length);
  }
}
