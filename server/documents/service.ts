import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { notFound } from '../http/errors.ts';
import { assertAdmin, projectForMember } from '../policy.ts';
import { recordEvent } from '../events/repo.ts';
import { segment, SEGMENTER } from '../text/segment.ts';
import { detectTitle, flagBoilerplate } from '../text/structure.ts';
import type {
  DocumentDetail,
  DocumentSummary,
  ImportDocument,
  ImportResult,
} from '../../shared/schemas/documents.ts';
import type { User } from '../../shared/schemas/users.ts';
import { findDocument, findDocumentIdByHash, insertDocument, listDocuments, type NewSentence } from './repo.ts';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Splits a text into the sentences Parley stores: offsets, paragraphs and boilerplate flags. */
export function prepareSentences(text: string): NewSentence[] {
  const spans = segment(text);
  const flags = flagBoilerplate(text, spans);
  return spans.map((span, index) => ({ ...span, boilerplate: flags[index] ?? false }));
}

function titleOf(doc: ImportDocument): string {
  const title = doc.title ?? detectTitle(doc.text) ?? doc.source ?? doc.text.trim().split('\n')[0] ?? 'Untitled';
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/**
 * Imports documents into a project in one transaction: each is segmented and stored with its
 * sentences; a document whose text is already in the project is reported and skipped.
 * `user` null is the system (demo loader, CLI).
 */
export function importDocuments(db: Db, user: User | null, projectId: number, docs: readonly ImportDocument[]): ImportResult {
  if (user) {
    assertAdmin(user, 'import documents');
    projectForMember(db, user, projectId);
  }
  // Segmentation is pure CPU work: do it before the transaction so the write lock is held briefly.
  const prepared = docs.map((doc) => ({ doc, hash: sha256(doc.text), sentences: prepareSentences(doc.text) }));
  return db.transaction(() => {
    const result: ImportResult = { imported: [], duplicates: [] };
    prepared.forEach(({ doc, hash, sentences }, index) => {
      const title = titleOf(doc);
      const existingId = findDocumentIdByHash(db, projectId, hash);
      if (existingId !== undefined) {
        result.duplicates.push({ index, title, existingId });
        return;
      }
      const id = insertDocument(
        db,
        {
          projectId,
          title,
          source: doc.source ?? null,
          published: doc.published ?? null,
          text: doc.text,
          textSha256: hash,
          meta: doc.meta ?? {},
          segmenter: SEGMENTER,
          createdBy: user?.id ?? null,
        },
        sentences,
      );
      recordEvent(db, {
        userId: user?.id ?? null,
        projectId,
        action: 'import',
        entity: 'document',
        entityId: id,
        after: { title, source: doc.source ?? null, textSha256: hash, sentences: sentences.length },
      });
      result.imported.push({ index, id, title, sentences: sentences.length });
    });
    return result;
  })();
}

export function getDocuments(db: Db, user: User, projectId: number): DocumentSummary[] {
  const project = projectForMember(db, user, projectId);
  return listDocuments(db, projectId, user.id, project.overlap);
}

export function getDocument(db: Db, user: User, documentId: number): DocumentDetail {
  const doc = findDocument(db, documentId);
  if (!doc) throw notFound('Document', documentId);
  projectForMember(db, user, doc.projectId);
  return doc;
}
