import { z } from 'zod';
import { IdParam, QueryFlag } from './common.ts';
import { AnnotationStatus } from './annotations.ts';
import { GoldMethod } from './review.ts';
import { DocumentStatus } from './documents.ts';
import { SearchText } from './paging.ts';

// The export record (DESIGN §7). Offsets here are Unicode code points, so that Python's
// text[start:end] is the span; every span also carries its text.

export const EXPORT_SCHEMA = 'parley.sentence/1';
export const EXPORT_FLAT_SCHEMA = 'parley.claim/1';

const Offset = z.number().int().min(0);

export const ExportActor = z.object({ id: z.number().int(), name: z.string(), code: z.string().nullable(), kind: z.string() });

/** A speaker or target: the actor (when one was picked) and the span of text (when one was marked). */
export const ExportRef = z.object({
  actor: ExportActor.nullable(),
  text: z.string().nullable(),
  start: Offset.nullable(),
  end: Offset.nullable(),
});

export const ExportSpan = z.object({ text: z.string(), start: Offset, end: Offset });

export const ExportClaim = z.object({
  speaker: ExportRef,
  stance: z.string(),
  target: ExportRef,
  cue: ExportSpan.nullable(),
  negated: z.boolean(),
  hypothetical: z.boolean(),
  /** 'manual', or the suggestion that proposed it. */
  origin: z.string(),
  /** The model behind an accepted suggestion and its score (absent in exports before issue 16: null). */
  origin_model: z
    .string()
    .nullable()
    .default(null)
    .describe("The model (and version) that proposed an accepted suggestion, e.g. 'parley-rules/1'; null for manual claims."),
  origin_score: z.number().nullable().default(null).describe("The accepted suggestion's score (0–1), when its source gave one."),
});
export type ExportClaim = z.infer<typeof ExportClaim>;

const Status = AnnotationStatus;

export const ExportDocument = z.object({
  id: z.number().int(),
  title: z.string(),
  source: z.string().nullable(),
  published: z.string().nullable(),
  text_sha256: z.string().length(64),
  language: z
    .string()
    .nullable()
    .default(null)
    .describe(
      "The document's language, as detected at import or given in its metadata: a BCP 47 tag ('en', 'zh', 'ar'), 'und' when undetermined; null when none was recorded.",
    ),
  /** The document-level split, when the export asked for one. */
  split: z.enum(['train', 'dev', 'test']).nullable(),
  /** The whole document text, when the export asked for it (`text=1`): every offset points into it. */
  text: z.string().optional(),
});

export const ExportSentence = z.object({
  index: z.number().int().min(0),
  paragraph: z.number().int().min(0),
  text: z.string(),
  start: Offset,
  end: Offset,
  boilerplate: z.boolean(),
});

export const ExportGold = z.object({
  status: Status,
  claims: z.array(ExportClaim),
  method: GoldMethod,
  /** Pseudonymous, like annotators. */
  reviewer: z.string(),
  /** Pseudonyms of the annotators the label was taken or merged from. */
  sources: z.array(z.string()),
  rationale: z.string().nullable(),
});

export const ExportAnnotation = z.object({
  annotator: z.string().describe("The annotator's pseudonym in the project (annotator-1, …): given at their first label there, never renumbered."),
  status: Status,
  claims: z.array(ExportClaim),
  note: z.string().nullable(),
  updated_at: z.string(),
});

export const ExportProvenance = z.object({
  tool_version: z.string(),
  codebook_version: z.number().int(),
  segmenter: z.string(),
  exported_at: z.string(),
});

/** One sentence per line. */
export const ExportRecord = z.object({
  schema: z.literal(EXPORT_SCHEMA),
  id: z.string().describe("The same on every installation: the document's text hash (12 hex digits) and the sentence index, e.g. 4b3669bf7516:7."),
  project: z.object({ id: z.number().int(), name: z.string() }),
  document: ExportDocument,
  sentence: ExportSentence,
  gold: ExportGold.nullable(),
  annotations: z.array(ExportAnnotation),
  agreement: z.object({ annotators: z.number().int(), unanimous: z.boolean() }),
  provenance: ExportProvenance,
});
export type ExportRecord = z.infer<typeof ExportRecord>;

/** `flat=1`: one claim per line, with where it came from. */
export const ExportFlatRecord = z.object({
  schema: z.literal(EXPORT_FLAT_SCHEMA),
  id: z
    .string()
    .describe(
      "Unique within the export and the same in every export of the same data: the sentence record's id, the origin and the claim's position in that label, e.g. 4b3669bf7516:7:annotator-2:0.",
    ),
  project: z.object({ id: z.number().int(), name: z.string() }),
  document: ExportDocument,
  sentence: ExportSentence,
  origin: z.string().describe("'gold', or the annotator's pseudonym."),
  claim: ExportClaim,
  provenance: ExportProvenance,
});
export type ExportFlatRecord = z.infer<typeof ExportFlatRecord>;

/** The export's status filter: an annotation status, or `labelled` (any label but a skip, or gold). */
export const ExportStatus = z.enum([...AnnotationStatus.options, 'labelled']);
export type ExportStatus = z.infer<typeof ExportStatus>;

export const ExportQuery = z
  .strictObject({
    /** only: sentences with a gold label, and only the gold; include (default): annotations and gold. */
    gold: z.enum(['only', 'include']).default('include'),
    /** `1`: one record per claim (parley.claim/1) instead of one per sentence. */
    flat: QueryFlag.prefault('0'),
    /** Comma-separated document ids. */
    documents: z
      .string()
      .regex(/^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15})*$/, 'must be comma-separated document ids')
      .transform((value) => value.split(',').map(Number))
      .optional(),
    /**
     * Only the documents whose title or source holds every word of this search, as the documents
     * list's `q` finds them: "export what this search matches" without sending every id. With
     * `documents`, the picked ids that match.
     */
    q: SearchText.optional(),
    /** Only the documents of this status, as the documents list's `status` filter keeps them. */
    documentStatus: DocumentStatus.optional(),
    /**
     * Keep sentences with at least one annotation of this status; `labelled`: with any label (a gold
     * label, or an annotation that is not a skip). The export page starts at `labelled`.
     */
    status: ExportStatus.optional(),
    /** `1`: every record's document carries the full text (offsets point into it). */
    text: QueryFlag.prefault('0'),
    /** `1`: include boilerplate sentences (default: include, flagged). `0`: leave them out. */
    boilerplate: QueryFlag.prefault('1'),
    /** A document-level split like `80,10,10` (train, dev, test percentages). */
    split: z
      .string()
      .regex(/^\d{1,3},\d{1,3},\d{1,3}$/, 'must be three percentages like 80,10,10')
      .transform((value) => value.split(',').map(Number) as [number, number, number])
      .refine((parts) => parts[0] + parts[1] + parts[2] === 100, 'percentages must add up to 100')
      .optional(),
    seed: z
      .string()
      .regex(/^\d{1,9}$/, 'must be a whole number')
      .transform(Number)
      .prefault('42'),
    /** Only count records (for the export page). */
    count: QueryFlag.prefault('0'),
    /** At most this many records (the export page's preview). */
    limit: z
      .string()
      .regex(/^\d{1,6}$/, 'must be a number')
      .transform(Number)
      .optional(),
  })
  .refine((query) => !(query.count && query.limit !== undefined), {
    message: 'count=1 counts the whole export: leave out limit',
    path: ['limit'],
  });
export type ExportQuery = z.infer<typeof ExportQuery>;

/**
 * What an export reads from its parsed query, for the route and the CLI alike: every filter as
 * parsed, `text` as `documentText`; `count` is the route's (answer the counts instead of the records).
 */
export function exportOptionsOf({ count: _count, text, ...filters }: ExportQuery) {
  return { ...filters, documentText: text };
}

export const ExportParams = z.object({ projectId: IdParam });

/** `GET /api/schema/export-record.json`: a JSON Schema (2020-12) with one branch per record kind. */
export const ExportJsonSchema = z.object({
  $schema: z.string(),
  $id: z.string(),
  title: z.string(),
  description: z.string(),
  oneOf: z.array(z.record(z.string(), z.unknown())),
});
export type ExportJsonSchema = z.infer<typeof ExportJsonSchema>;

export const ExportCount = z.object({ records: z.number().int(), sentences: z.number().int(), documents: z.number().int() });
export type ExportCount = z.infer<typeof ExportCount>;
