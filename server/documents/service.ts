import type { Db } from '../db/connection.ts';
import { conflict, forbidden, validationError } from '../http/errors.ts';
import { auditUserId, canSeeOthersLabels, may, projectFor, subjectFor, type Principal } from '../policy.ts';
import { recordEvent, recordEvents } from '../events/repo.ts';
import { splitsCharacter } from '../claims/check.ts';
import { SEGMENTER } from '../text/segment.ts';
import { prepareDocument, type PreparedDocument } from './prepare.ts';
import type {
  DocumentDetail,
  DocumentFigures,
  DocumentList,
  DocumentListQuery,
  ImportDocument,
  ImportResult,
  Sentence,
} from '../../shared/schemas/documents.ts';
import type { User } from '../../shared/schemas/users.ts';
import {
  countLabelsOfDocument,
  deleteSentence,
  findDocument,
  findDocumentIdsByHash,
  findSentenceAt,
  findSentenceWithText,
  insertDocuments,
  insertSentence,
  setBoilerplate,
  setSentenceEnd,
  shiftSentenceIndices,
  type SentenceWithText,
} from './repo.ts';
import { readTransaction, transaction } from '../db/transaction.ts';
import { countSentence, projectFigures, uncountSentence } from './stats.ts';
import { listDocumentPage, type DocumentFilter } from './listing.ts';

export { prepareSentences, sha256 } from './prepare.ts';

/**
 * Imports documents into a project in one transaction: each is segmented and stored with its
 * sentences; a document whose text is already in the project is reported and skipped.
 * Admins import, and the system (demo loader, CLI).
 */
export function importDocuments(db: Db, who: Principal, projectId: number, docs: readonly ImportDocument[]): ImportResult {
  projectFor(db, who, projectId, may.importDocuments);
  // Segmentation and language detection are pure CPU work: done before the transaction so the write lock is held briefly.
  return storeDocuments(db, who, projectId, docs.map(prepareDocument));
}

/**
 * Stores prepared documents (prepare.ts) in one transaction; the caller has checked that `who`
 * may import into the project. Documents whose text is already there are reported, not stored.
 */
export function storeDocuments(db: Db, who: Principal, projectId: number, prepared: readonly PreparedDocument[]): ImportResult {
  return transaction(db, () => {
    const result: ImportResult = { imported: [], duplicates: [] };
    const existing = findDocumentIdsByHash(
      db,
      projectId,
      prepared.map(({ hash }) => hash),
    );
    // A text twice in one batch: the second is a duplicate of the first, whose id comes with the insert.
    const fresh: { index: number; title: string; entry: (typeof prepared)[number] }[] = [];
    const firstOfText = new Map<string, number>();
    const sameAsFresh: { duplicate: ImportResult['duplicates'][number]; freshIndex: number }[] = [];
    prepared.forEach((entry, index) => {
      const title = entry.title;
      const existingId = existing.get(entry.hash);
      const freshIndex = firstOfText.get(entry.hash);
      if (existingId !== undefined) result.duplicates.push({ index, title, existingId });
      else if (freshIndex !== undefined) {
        const duplicate = { index, title, existingId: 0 };
        result.duplicates.push(duplicate);
        sameAsFresh.push({ duplicate, freshIndex });
      } else {
        firstOfText.set(entry.hash, fresh.length);
        fresh.push({ index, title, entry });
      }
    });
    const ids = insertDocuments(
      db,
      fresh.map(({ title, entry: { doc, hash, sentences, meta } }) => ({
        doc: {
          projectId,
          title,
          source: doc.source ?? null,
          published: doc.published ?? null,
          text: doc.text,
          textSha256: hash,
          meta,
          segmenter: SEGMENTER,
          createdBy: auditUserId(who),
        },
        sentences,
      })),
    );
    for (const { duplicate, freshIndex } of sameAsFresh) duplicate.existingId = ids[freshIndex]!;
    recordEvents(
      db,
      fresh.map(({ title, entry: { doc, hash, sentences, meta } }, k) => ({
        userId: auditUserId(who),
        projectId,
        action: 'import',
        entity: 'document',
        entityId: ids[k]!,
        after: { title, source: doc.source ?? null, textSha256: hash, sentences: sentences.length, language: meta.language },
      })),
    );
    fresh.forEach(({ index, title, entry: { sentences } }, k) => result.imported.push({ index, id: ids[k]!, title, sentences: sentences.length }));
    return result;
  });
}

/**
 * Refuses an annotator a filter that tells of others' work (status, assignee): annotation is
 * blind. Their own progress (`mine`) is theirs to filter on.
 */
export function assertMayFilter(user: User, filter: DocumentFilter): void {
  if (canSeeOthersLabels(user)) return;
  for (const field of ['status', 'assignee'] as const) {
    if (filter[field] !== undefined) {
      throw forbidden(
        `Only reviewers and admins filter documents by ${field}: it tells of other annotators' work (annotation is blind). Filter by mine instead.`,
      );
    }
  }
}

/** A page of a project's documents with progress; only reviewers and admins get the figures that reflect others' work. */
export function getDocumentPage(db: Db, user: User, projectId: number, query: DocumentListQuery): DocumentList {
  projectFor(db, user, projectId);
  assertMayFilter(user, query);
  // One snapshot for the page and its total.
  return readTransaction(db, () => listDocumentPage(db, projectId, { userId: user.id, othersProgress: canSeeOthersLabels(user) }, query));
}

/** The project's totals (documents, sentences, progress, documents per status). */
export function getDocumentFigures(db: Db, user: User, projectId: number): DocumentFigures {
  projectFor(db, user, projectId);
  return readTransaction(db, () => projectFigures(db, projectId, user.id, canSeeOthersLabels(user)));
}

export function getDocument(db: Db, user: User, documentId: number): DocumentDetail {
  return subjectFor(db, user, { what: 'Document', id: documentId }, findDocument).found;
}

/** A sentence a reviewer or admin may correct. */
function sentenceForCorrection(db: Db, user: User, sentenceId: number): SentenceWithText {
  return subjectFor(db, user, { what: 'Sentence', id: sentenceId }, findSentenceWithText, may.correctSentences).found;
}

/** Boundaries may move only while nobody has labelled the document (gold included): a label is tied to its sentence. */
function assertNoLabels(db: Db, documentId: number): void {
  const count = countLabelsOfDocument(db, documentId);
  if (count > 0) {
    throw conflict(
      `Document ${documentId} already has ${count} annotation(s) or gold label(s): its sentence boundaries can no longer change, because labels are tied to sentences.`,
    );
  }
}

/** Sets or clears a sentence's boilerplate flag (the importer's flags are suggestions). */
export function updateSentence(db: Db, user: User, sentenceId: number, body: { boilerplate: boolean }): Sentence {
  return transaction(db, () => {
    const sentence = sentenceForCorrection(db, user, sentenceId);
    setBoilerplate(db, sentenceId, body.boilerplate);
    recordEvent(db, {
      userId: user.id,
      projectId: sentence.projectId,
      action: 'update',
      entity: 'sentence',
      entityId: sentenceId,
      before: { boilerplate: sentence.boilerplate },
      after: { boilerplate: body.boilerplate },
    });
    return {
      id: sentence.id,
      index: sentence.index,
      paragraph: sentence.paragraph,
      start: sentence.start,
      end: sentence.end,
      text: sentence.text.slice(sentence.start, sentence.end),
      boilerplate: body.boilerplate,
    };
  });
}

/** Joins a sentence with the next one in the same paragraph. */
export function mergeWithNext(db: Db, user: User, sentenceId: number): DocumentDetail {
  return transaction(db, () => {
    const sentence = sentenceForCorrection(db, user, sentenceId);
    assertNoLabels(db, sentence.documentId);
    const next = findSentenceAt(db, sentence.documentId, sentence.index + 1);
    if (!next) throw validationError(`Sentence ${sentenceId} is the last of its document: there is nothing to merge it with.`);
    if (next.paragraph !== sentence.paragraph) {
      throw validationError(`Sentence ${sentenceId} ends its paragraph: sentences never cross a paragraph break.`);
    }
    setSentenceEnd(db, sentenceId, next.end);
    uncountSentence(db, next.id);
    deleteSentence(db, next.id);
    shiftSentenceIndices(db, sentence.documentId, sentence.index + 1, -1);
    recordEvent(db, {
      userId: user.id,
      projectId: sentence.projectId,
      action: 'merge',
      entity: 'sentence',
      entityId: sentenceId,
      before: { start: sentence.start, end: sentence.end, next: { id: next.id, start: next.start, end: next.end } },
      after: { start: sentence.start, end: next.end },
    });
    return findDocument(db, sentence.documentId)!;
  });
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/** Splits a sentence in two at a document offset; whitespace at the cut goes to neither part. */
export function splitSentence(db: Db, user: User, sentenceId: number, at: number): DocumentDetail {
  return transaction(db, () => {
    const sentence = sentenceForCorrection(db, user, sentenceId);
    assertNoLabels(db, sentence.documentId);
    let leftEnd = at;
    while (leftEnd > sentence.start && isSpace(sentence.text[leftEnd - 1])) leftEnd--;
    let rightStart = at;
    while (rightStart < sentence.end && isSpace(sentence.text[rightStart])) rightStart++;
    if (splitsCharacter(sentence.text, at)) {
      throw validationError(`Cannot split sentence ${sentenceId} at ${at}: that offset cuts a character (an emoji or other astral character) in two.`, [
        { path: 'at', message: 'must not fall inside a character' },
      ]);
    }
    if (at <= sentence.start || at >= sentence.end || leftEnd <= sentence.start || rightStart >= sentence.end) {
      throw validationError(`Cannot split sentence ${sentenceId} (offsets ${sentence.start}–${sentence.end}) at ${at}: both parts must hold text.`, [
        { path: 'at', message: `must lie inside the sentence, between two non-empty parts` },
      ]);
    }
    setSentenceEnd(db, sentenceId, leftEnd);
    shiftSentenceIndices(db, sentence.documentId, sentence.index, 1);
    insertSentence(db, sentence.documentId, {
      index: sentence.index + 1,
      paragraph: sentence.paragraph,
      start: rightStart,
      end: sentence.end,
      boilerplate: sentence.boilerplate,
    });
    countSentence(db, sentence.documentId, 1, sentence.boilerplate);
    recordEvent(db, {
      userId: user.id,
      projectId: sentence.projectId,
      action: 'split',
      entity: 'sentence',
      entityId: sentenceId,
      before: { start: sentence.start, end: sentence.end },
      after: { left: { start: sentence.start, end: leftEnd }, right: { start: rightStart, end: sentence.end } },
    });
    return findDocument(db, sentence.documentId)!;
  });
}
