// Builds export records (DESIGN §7) for one document at a time: offsets in code points, every
// span with its text, annotators pseudonymous.
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation, Claim } from '../../shared/schemas/annotations.ts';
import type { DocumentDetail } from '../../shared/schemas/documents.ts';
import type { Gold } from '../../shared/schemas/review.ts';
import {
  EXPORT_FLAT_SCHEMA,
  EXPORT_SCHEMA,
  type ExportClaim,
  type ExportFlatRecord,
  type ExportQuery,
  type ExportRecord,
  type ExportStatus,
} from '../../shared/schemas/export.ts';
import { offsetConverter, type OffsetConverter } from '../text/offsets.ts';
import { isUnanimous } from '../../shared/claimMatching.ts';

export const TOOL_VERSION = `parley ${z.object({ version: z.string() }).parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version}`;

export type Split = 'train' | 'dev' | 'test';

/** A document's split, from its text hash and the seed: the same on every installation and every run. */
export function splitOf(textSha256: string, seed: number, percentages: readonly [number, number, number]): Split {
  const bucket = hash('sha256', `${seed}:${textSha256}`, 'buffer').readUInt32BE(0) % 100;
  if (bucket < percentages[0]) return 'train';
  if (bucket < percentages[0] + percentages[1]) return 'dev';
  return 'test';
}

/**
 * A sentence record's id: the document's text hash (12 hex digits) and the sentence index, the same
 * on every installation. A flat record adds its origin and the claim's position in that label.
 */
export const sentenceRecordId = (textSha256: string, index: number) => `${textSha256.slice(0, 12)}:${index}`;

/** What records are built from besides the document: every lookup answers for any id the labels hold. */
export interface RecordContext {
  project: { id: number; name: string; codebookVersion: number };
  actor: (id: number) => Actor;
  /** The annotator's or reviewer's pseudonym in the project. */
  annotator: (userId: number) => string;
  reviewer: (userId: number) => string;
  exportedAt: string;
}

export interface RecordOptions {
  gold: ExportQuery['gold'];
  flat: boolean;
  status?: ExportStatus;
  boilerplate: boolean;
  /** Carry the whole document text in every record's document part. */
  documentText?: boolean;
  split?: readonly [number, number, number];
  seed: number;
}

/** Whether a sentence passes the status filter: an annotation of that status, or for `labelled` any label but a skip. */
function keptByStatus(status: ExportStatus, annotations: readonly Annotation[], hasGold: boolean): boolean {
  if (status === 'labelled') return hasGold || annotations.some((a) => a.status !== 'skipped');
  return annotations.some((a) => a.status === status);
}

function exportRef(ref: Claim['speaker'], context: RecordContext, text: string, convert: OffsetConverter) {
  const actor = ref.actorId === null ? undefined : context.actor(ref.actorId);
  return {
    actor: actor ? { id: actor.id, name: actor.name, code: actor.code, kind: actor.kind } : null,
    text: ref.span ? text.slice(ref.span.start, ref.span.end) : null,
    start: ref.span ? convert.toCodePoint(ref.span.start) : null,
    end: ref.span ? convert.toCodePoint(ref.span.end) : null,
  };
}

function exportClaim(claim: Claim, context: RecordContext, text: string, convert: OffsetConverter): ExportClaim {
  return {
    speaker: exportRef(claim.speaker, context, text, convert),
    stance: claim.stance,
    target: exportRef(claim.target, context, text, convert),
    cue: claim.cue
      ? { text: text.slice(claim.cue.start, claim.cue.end), start: convert.toCodePoint(claim.cue.start), end: convert.toCodePoint(claim.cue.end) }
      : null,
    negated: claim.negated,
    hypothetical: claim.hypothetical,
    origin: claim.origin,
    origin_model: claim.originModel ?? null,
    origin_score: claim.originScore ?? null,
  };
}

/**
 * Looks up every actor and pseudonym the labels name, so that the context holds them all: called in
 * the read transaction that read the labels, it lets the records be built after it, piece by piece,
 * with every name as that snapshot had it (an actor merged away meanwhile still resolves).
 */
export function resolveNames(annotations: readonly Annotation[], gold: readonly Gold[], context: RecordContext): void {
  const claimActors = (claims: readonly Claim[]) => {
    for (const claim of claims) {
      if (claim.speaker.actorId !== null) context.actor(claim.speaker.actorId);
      if (claim.target.actorId !== null) context.actor(claim.target.actorId);
    }
  };
  for (const annotation of annotations) {
    context.annotator(annotation.annotatorId);
    claimActors(annotation.claims);
  }
  for (const label of gold) {
    context.reviewer(label.reviewerId);
    for (const source of label.sourceAnnotators) context.annotator(source);
    claimActors(label.claims);
  }
}

/**
 * The records of one document, in sentence order, after the export's filters: a generator, so a
 * long document's records are built as they are written and the stream can pause between them.
 */
export function* documentRecords(
  doc: DocumentDetail & { textSha256: string },
  annotations: readonly Annotation[],
  gold: readonly Gold[],
  context: RecordContext,
  options: RecordOptions,
): Generator<ExportRecord | ExportFlatRecord> {
  const convert = offsetConverter(doc.text);
  const bySentence = new Map<number, Annotation[]>();
  for (const annotation of annotations) {
    let list = bySentence.get(annotation.sentenceId);
    if (!list) bySentence.set(annotation.sentenceId, (list = []));
    list.push(annotation);
  }
  const goldBySentence = new Map(gold.map((g) => [g.sentenceId, g]));
  const provenance = {
    tool_version: TOOL_VERSION,
    codebook_version: context.project.codebookVersion,
    segmenter: doc.segmenter,
    exported_at: context.exportedAt,
  };
  const documentPart = {
    id: doc.id,
    title: doc.title,
    source: doc.source,
    published: doc.published,
    text_sha256: doc.textSha256,
    language: doc.language,
    split: options.split ? splitOf(doc.textSha256, options.seed, options.split) : null,
    ...(options.documentText ? { text: doc.text } : {}),
  };
  for (const sentence of doc.sentences) {
    if (sentence.boilerplate && !options.boilerplate) continue;
    const sentenceGold = goldBySentence.get(sentence.id);
    const sentenceAnnotations = options.gold === 'only' ? [] : (bySentence.get(sentence.id) ?? []);
    if (options.gold === 'only' && !sentenceGold) continue;
    if (options.status && !keptByStatus(options.status, bySentence.get(sentence.id) ?? [], sentenceGold !== undefined)) continue;
    const id = sentenceRecordId(doc.textSha256, sentence.index);
    const sentencePart = {
      index: sentence.index,
      paragraph: sentence.paragraph,
      text: sentence.text,
      start: convert.toCodePoint(sentence.start),
      end: convert.toCodePoint(sentence.end),
      boilerplate: sentence.boilerplate,
    };
    const project = { id: context.project.id, name: context.project.name };
    const claimsOf = (claims: Claim[]) => claims.map((claim) => exportClaim(claim, context, doc.text, convert));
    if (options.flat) {
      const origins: [string, Claim[]][] = [
        ...(sentenceGold ? [['gold', sentenceGold.claims] as [string, Claim[]]] : []),
        ...sentenceAnnotations.map((a): [string, Claim[]] => [context.annotator(a.annotatorId), a.claims]),
      ];
      for (const [origin, claims] of origins) {
        for (const [position, claim] of claimsOf(claims).entries()) {
          yield {
            schema: EXPORT_FLAT_SCHEMA,
            id: `${id}:${origin}:${position}`,
            project,
            document: documentPart,
            sentence: sentencePart,
            origin,
            claim,
            provenance,
          };
        }
      }
      continue;
    }
    const all = bySentence.get(sentence.id) ?? [];
    const unanimous = isUnanimous(all);
    yield {
      schema: EXPORT_SCHEMA,
      id,
      project,
      document: documentPart,
      sentence: sentencePart,
      gold: sentenceGold
        ? {
            status: sentenceGold.status,
            claims: claimsOf(sentenceGold.claims),
            method: sentenceGold.method,
            reviewer: context.reviewer(sentenceGold.reviewerId),
            sources: sentenceGold.sourceAnnotators.map((userId) => context.annotator(userId)),
            rationale: sentenceGold.rationale,
          }
        : null,
      annotations: sentenceAnnotations.map((a) => ({
        annotator: context.annotator(a.annotatorId),
        status: a.status,
        claims: claimsOf(a.claims),
        note: a.note,
        updated_at: a.updatedAt,
      })),
      agreement: { annotators: all.length, unanimous },
      provenance,
    };
  }
}

/**
 * One record as a JSON line. The project, document and provenance parts are the same objects for
 * every record of a document, so each is stringified once per document, not once per sentence.
 */
export function createLineWriter(): (record: ExportRecord | ExportFlatRecord) => string {
  const shared = new WeakMap<object, string>();
  const once = (value: object) => {
    let json = shared.get(value);
    if (json === undefined) shared.set(value, (json = JSON.stringify(value)));
    return json;
  };
  return (record) => {
    const head = `{"schema":${JSON.stringify(record.schema)},"id":${JSON.stringify(record.id)},"project":${once(record.project)},"document":${once(record.document)},"sentence":${JSON.stringify(record.sentence)}`;
    const tail = `,"provenance":${once(record.provenance)}}\n`;
    if ('claim' in record) return `${head},"origin":${JSON.stringify(record.origin)},"claim":${JSON.stringify(record.claim)}${tail}`;
    return `${head},"gold":${JSON.stringify(record.gold)},"annotations":${JSON.stringify(record.annotations)},"agreement":${JSON.stringify(record.agreement)}${tail}`;
  };
}
