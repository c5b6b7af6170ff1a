import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import {
  DocumentDetail,
  DocumentFigures,
  DocumentList,
  DocumentListQuery,
  DocumentParams,
  ImportDocumentsBody,
  ImportFileBody,
  ImportFileResult,
  ImportResult,
  Sentence,
  SentenceParams,
  SplitSentenceBody,
  UpdateSentenceBody,
} from '../../shared/schemas/documents.ts';
import { ProjectParams } from '../../shared/schemas/projects.ts';
import { getDocument, getDocumentFigures, getDocumentPage, importDocuments, mergeWithNext, splitSentence, updateSentence } from './service.ts';
import { importFile } from './files.ts';

export function documentsRoutes(db: Db): Router {
  const router = Router();
  router.post(
    '/projects/:projectId/documents',
    handle(
      {
        params: ProjectParams,
        body: ImportDocumentsBody,
        status: 201,
        summary: 'Import documents: one {title?, text, source?, published?, meta?} or {documents: [...]}; the same text again is a duplicate, skipped',
        access: 'admins',
        response: ImportResult,
      },
      ({ params, body }, { user }) => importDocuments(db, user, params.projectId, body.documents),
    ),
  );
  router.get(
    '/projects/:projectId/documents',
    handle(
      {
        params: ProjectParams,
        query: DocumentListQuery,
        summary: 'A page of documents with progress {total, mine, overall, adjudicated} and status: search (q), filters, sorts, keyset cursor',
        description:
          'Answers {documents, total, nextCursor}: pass nextCursor back as cursor (with the same q, filters and sort) for the next page; null on the last. ' +
          'q finds documents whose title or source holds every word as a word start. status and assignee are for reviewers and admins (403 for annotators); ' +
          'mine filters on your own progress. from and to bound the import date, both inclusive. ids (comma-separated, at most 200) keeps only those documents.',
        access: 'project members',
        response: DocumentList,
      },
      ({ params, query }, { user }) => getDocumentPage(db, user, params.projectId, query),
    ),
  );
  router.get(
    '/projects/:projectId/documents/figures',
    handle(
      {
        params: ProjectParams,
        summary: "The project's totals: documents, content sentences, my progress; for reviewers and admins overall, adjudicated and documents per status",
        access: 'project members',
        response: DocumentFigures,
      },
      ({ params }, { user }) => getDocumentFigures(db, user, params.projectId),
    ),
  );
  router.get(
    '/documents/:documentId',
    handle(
      { params: DocumentParams, summary: 'A document: its text and sentences', access: 'project members', response: DocumentDetail },
      ({ params }, { user }) => getDocument(db, user, params.documentId),
    ),
  );
  router.post(
    '/projects/:projectId/imports',
    handle(
      {
        params: ProjectParams,
        body: ImportFileBody,
        status: 201,
        summary: 'Import one file (txt, md, jsonl, html), or a chunk of JSONL lines starting at firstLine',
        description: 'The body may be as large as PARLEY_UPLOAD_MB (GET /api/session says how many bytes); every other body is limited to 5 MB.',
        access: 'admins',
        response: ImportFileResult,
      },
      ({ params, body }, { user }) => importFile(db, user, params.projectId, body),
    ),
  );
  router.patch(
    '/sentences/:sentenceId',
    handle(
      {
        params: SentenceParams,
        body: UpdateSentenceBody,
        summary: 'Set or clear the boilerplate flag of a sentence',
        access: 'reviewers and admins',
        response: Sentence,
      },
      ({ params, body }, { user }) => updateSentence(db, user, params.sentenceId, body),
    ),
  );
  router.post(
    '/sentences/:sentenceId/merge',
    handle(
      {
        params: SentenceParams,
        summary: 'Merge a sentence with the next one in its paragraph (409 once the document has annotations)',
        access: 'reviewers and admins',
        response: DocumentDetail,
      },
      ({ params }, { user }) => mergeWithNext(db, user, params.sentenceId),
    ),
  );
  router.post(
    '/sentences/:sentenceId/split',
    handle(
      {
        params: SentenceParams,
        body: SplitSentenceBody,
        summary: 'Split a sentence at a document offset inside it (409 once the document has annotations)',
        access: 'reviewers and admins',
        response: DocumentDetail,
      },
      ({ params, body }, { user }) => splitSentence(db, user, params.sentenceId, body.at),
    ),
  );
  return router;
}
