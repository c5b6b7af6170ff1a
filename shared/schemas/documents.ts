import { z } from 'zod';
import { Id, IdParam, IsoDate } from './common.ts';
import { PAGE_LIMIT_MAX, pageOf, pageQuery } from './paging.ts';

/** The longest document text accepted, in characters (about 2 MB of news text). */
export const MAX_DOCUMENT_CHARS = 2_000_000;
/** The most documents one import request may carry. */
export const MAX_DOCUMENTS_PER_IMPORT = 1000;

/** The largest `meta` object kept with a document, as JSON text. */
export const MAX_META_CHARS = 100_000;

/** Metadata is stored as JSON: it must serialise (a 200,000-deep nesting does not) and stay small. */
function fitsAsJson(value: unknown): boolean {
  try {
    return JSON.stringify(value).length <= MAX_META_CHARS;
  } catch {
    return false;
  }
}

const IMPORT_FIELDS = ['title', 'text', 'source', 'published', 'meta'] as const;

/** A string field's type error in words ("is required", not "expected string, received undefined"). */
const textField = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string') };

/**
 * A document's `meta.language` as given: a well-formed BCP 47 tag, or nothing (absent, null or
 * blank: the import detects it). Anything else was stored as given (a tag no segmenter reads) or,
 * not being text, silently replaced by the detected language.
 */
function languageTagOrAbsent(value: unknown): boolean {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return true;
  if (typeof value !== 'string' || value.trim() !== value) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** An empty or whitespace-only title means "no title": the import finds one as when it is absent. */
const blankAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * One document to import. The text is stored exactly as given: offsets point into it. Messages are
 * written for the person whose JSONL line or request it is (import outcomes show them as they are).
 */
export const ImportDocument = z.strictObject(
  {
    title: z.preprocess(blankAsAbsent, z.string(textField).trim().max(500, 'must be at most 500 characters').optional()),
    text: z
      .string(textField)
      .max(MAX_DOCUMENT_CHARS, `must be at most ${MAX_DOCUMENT_CHARS} characters`)
      .refine((text) => text.trim().length > 0, { message: 'must contain some non-whitespace text' }),
    source: z.string(textField).max(2000, 'must be at most 2000 characters').optional(),
    published: IsoDate.optional(),
    meta: z
      .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
      .refine(fitsAsJson, { message: `must be plain JSON of at most ${MAX_META_CHARS} characters (and not nested too deeply)` })
      .refine((meta) => languageTagOrAbsent(meta.language), {
        message: 'language must be a BCP 47 language tag such as "en", "zh-Hans" or "und" (or absent, null or empty: Parley detects it)',
        path: ['language'],
      })
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (a line may have ${IMPORT_FIELDS.slice(0, -1).join(', ')} and ${IMPORT_FIELDS.at(-1)})`
        : issue.code === 'invalid_type'
          ? 'must be a JSON object such as {"title": "…", "text": "…"}'
          : undefined,
  },
);
export type ImportDocument = z.infer<typeof ImportDocument>;

/** `POST /api/projects/:projectId/documents` takes one document or `{ documents: [...] }`. */
export const ImportDocumentsBody = z.preprocess(
  (body) => (typeof body === 'object' && body !== null && !('documents' in body) ? { documents: [body] } : body),
  z.strictObject({
    documents: z
      .array(ImportDocument)
      .min(1, 'must hold at least one document')
      .max(MAX_DOCUMENTS_PER_IMPORT, `at most ${MAX_DOCUMENTS_PER_IMPORT} documents per request`),
  }),
);
export type ImportDocumentsBody = z.infer<typeof ImportDocumentsBody>;

export const ImportResult = z.object({
  imported: z.array(z.object({ index: z.number().int(), id: Id, title: z.string(), sentences: z.number().int() })),
  duplicates: z.array(z.object({ index: z.number().int(), title: z.string(), existingId: Id })),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const Sentence = z.object({
  id: Id,
  index: z.number().int(),
  paragraph: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  boilerplate: z.boolean(),
});
export type Sentence = z.infer<typeof Sentence>;

/** Sentence counts behind a document's progress bars; boilerplate sentences are not counted. */
export const DocumentProgress = z.object({
  /** Sentences that need a label. */
  total: z.number().int(),
  /** Of those, labelled by the signed-in user. */
  mine: z.number().int(),
  /**
   * Of those, labelled by as many annotators as the project's overlap asks for. Null for
   * annotators: how far others have got would tell them about others' labels (annotation is blind).
   */
  overall: z.number().int().nullable(),
  /** Of those, with a gold label. Null for annotators, who never see gold. */
  adjudicated: z.number().int().nullable(),
});
export type DocumentProgress = z.infer<typeof DocumentProgress>;

/**
 * Where a document stands, for reviewers and admins (it reflects everyone's work). "Content
 * sentences" are the sentences that are not boilerplate; k is the project's overlap. Exactly one holds:
 * - `adjudicated`: it has content sentences and every one of them has a gold label;
 * - `complete`: not adjudicated, and every content sentence is labelled by at least k annotators
 *   (a document without content sentences is complete: there is nothing to label);
 * - `unassigned`: neither, and nobody holds it (no assignment: not taken from the queue, not
 *   assigned by an admin, not labelled by anyone);
 * - `in_progress`: neither complete nor adjudicated, and someone holds it.
 */
export const DocumentStatus = z.enum(['unassigned', 'in_progress', 'complete', 'adjudicated']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/**
 * Where a document stands for the signed-in user alone — the filter an annotator has, since
 * annotation is blind and `status` tells of others' work: `todo` none of its content sentences
 * labelled by me, `started` some, `done` all (a document without content sentences is done).
 */
export const MyDocumentProgress = z.enum(['todo', 'started', 'done']);
export type MyDocumentProgress = z.infer<typeof MyDocumentProgress>;

/**
 * Sorts of the documents list. `created`: import order (the default). `title`: by title as the
 * database collates it. `progress`: for reviewers and admins by the share of content sentences
 * labelled by k annotators (`overall / total`), for annotators by their own share (`mine /
 * total`); a document without content sentences counts as fully done for reviewers, as untouched
 * for annotators (nothing of theirs is in it). `published`: by the
 * publication date as imported, documents without one first (asc) or last (desc).
 */
export const DOCUMENT_SORTS = ['created', 'title', 'progress', 'published'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/**
 * `GET /api/projects/:projectId/documents`: a page of the project's documents (the paging
 * contract is shared/schemas/paging.ts). `q` searches titles and sources by words, each a prefix
 * ("gaza cease" finds "Gaza ceasefire talks"); punctuation is ignored. `status` and `assignee`
 * reflect others' work: reviewers and admins only (an annotator gets a 403). `from` and `to` bound
 * the import date (`createdAt`), both inclusive; a bare date means that whole day (UTC).
 */
export const DocumentListQuery = pageQuery(DOCUMENT_SORTS).extend({
  status: DocumentStatus.optional(),
  mine: MyDocumentProgress.optional(),
  /** A user id: the documents this user holds (took from the queue, was assigned, or labelled in). */
  assignee: IdParam.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /**
   * Comma-separated document ids: only these (at most a page of them), e.g. the titles of documents a
   * page's URL names by id. Ids of other projects or of no document are left out, not refused.
   */
  ids: z
    .string()
    .regex(/^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15})*$/, 'must be comma-separated document ids')
    .transform((value) => [...new Set(value.split(',').map(Number))])
    .refine((ids) => ids.length <= PAGE_LIMIT_MAX, `at most ${PAGE_LIMIT_MAX} ids`)
    .optional(),
});
export type DocumentListQuery = z.infer<typeof DocumentListQuery>;

export const DocumentSummary = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  source: z.string().nullable(),
  published: z.string().nullable(),
  sentenceCount: z.number().int(),
  /** The document's language (`meta.language`, detected at import unless given): a BCP 47 tag, 'und' when undetermined, null for documents imported before detection. */
  language: z.string().nullable(),
  progress: DocumentProgress,
  /** Where the document stands (see DocumentStatus); null for annotators, like `progress.overall`. */
  status: DocumentStatus.nullable(),
  createdAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/** A page of documents: `{documents, total, nextCursor}`; `total` counts every document the filters match. */
export const DocumentList = pageOf('documents', DocumentSummary);
export type DocumentList = z.infer<typeof DocumentList>;

/**
 * `GET /api/projects/:projectId/documents/figures`: the project's totals, summed from per-document
 * counters. Sentence counts are of content sentences (boilerplate is not counted), as in a
 * document's progress; `overall`, `adjudicated` and `byStatus` are null for annotators.
 */
export const DocumentFigures = z.object({
  documents: z.number().int(),
  sentences: z.number().int(),
  mine: z.number().int(),
  overall: z.number().int().nullable(),
  adjudicated: z.number().int().nullable(),
  byStatus: z.record(DocumentStatus, z.number().int()).nullable(),
});
export type DocumentFigures = z.infer<typeof DocumentFigures>;

export const DocumentDetail = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  source: z.string().nullable(),
  published: z.string().nullable(),
  text: z.string(),
  textSha256: z.string(),
  /** Holds `language`, detected at import unless the import gave one (a BCP 47 tag; 'und' when undetermined). */
  meta: z.record(z.string(), z.unknown()),
  /** `meta.language`, or null when the document has none. */
  language: z.string().nullable(),
  segmenter: z.string(),
  createdAt: z.string(),
  sentences: z.array(Sentence),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const DocumentParams = z.object({ documentId: IdParam });

/** File types Parley imports; the extension decides. */
export const IMPORT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.jsonl', '.ndjson', '.html', '.htm'] as const;

/**
 * One file (or, for JSONL, a chunk of whole lines of one file) sent from the browser. `firstLine`
 * is the line number of the chunk's first line, so errors name lines of the whole file.
 */
export const ImportFileBody = z.strictObject({
  fileName: z.string().trim().min(1).max(500),
  content: z.string().max(MAX_DOCUMENT_CHARS * 2, 'file is too large for one request; send JSONL in chunks'),
  firstLine: z.number().int().min(1).optional(),
});
export type ImportFileBody = z.infer<typeof ImportFileBody>;

export const ImportFileResult = z.object({
  fileName: z.string(),
  format: z.enum(['txt', 'md', 'jsonl', 'html']),
  imported: ImportResult.shape.imported,
  duplicates: ImportResult.shape.duplicates,
  /** Lines (JSONL) or whole files that could not be imported, with the reason. */
  errors: z.array(z.object({ line: z.number().int().nullable(), message: z.string() })),
});
export type ImportFileResult = z.infer<typeof ImportFileResult>;

export const SentenceParams = z.object({ sentenceId: IdParam });

/** A reviewer's correction of a boilerplate suggestion. */
export const UpdateSentenceBody = z.strictObject({ boilerplate: z.boolean() });
export type UpdateSentenceBody = z.infer<typeof UpdateSentenceBody>;

/** Split a sentence at a document offset strictly inside it. */
export const SplitSentenceBody = z.strictObject({ at: z.number().int().min(1) });
export type SplitSentenceBody = z.infer<typeof SplitSentenceBody>;
