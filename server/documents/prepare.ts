// The CPU work of importing a document, before any database: its hash, title, sentences with
// their boilerplate flags, and its language. Pure (no database, no clock), so a JSONL import can
// run it on a worker thread while the main thread writes the previous batch (prepareWorker.ts).
import { hash } from 'node:crypto';
import { segment } from '../text/segment.ts';
import { detectTitle, flagBoilerplate } from '../text/structure.ts';
import { detectLanguage } from '../text/language.ts';
import { languageOf } from '../../shared/language.ts';
import type { ImportDocument } from '../../shared/schemas/documents.ts';
import type { NewSentence } from './repo.ts';

export const sha256 = (text: string) => hash('sha256', text, 'hex');

/** Splits a text into the sentences Parley stores: offsets, paragraphs and boilerplate flags. */
export function prepareSentences(text: string): NewSentence[] {
  const spans = segment(text);
  const flags = flagBoilerplate(text, spans);
  return spans.map(({ start, end, paragraph }, index) => ({ start, end, paragraph, boilerplate: flags[index] ?? false }));
}

function titleOf(doc: ImportDocument): string {
  const title = doc.title ?? detectTitle(doc.text) ?? doc.source ?? doc.text.trim().split('\n')[0] ?? 'Untitled';
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/** A document as the import stores it. */
export interface PreparedDocument {
  doc: ImportDocument;
  title: string;
  hash: string;
  sentences: NewSentence[];
  meta: Record<string, unknown>;
}

/** A numbered line of a JSONL file, prepared, or what is wrong with it (preparer.ts, preparedBatch.ts). */
export type PreparedLine = { line: number; prepared: PreparedDocument; error?: undefined } | { line: number; prepared?: undefined; error: string };

export function prepareDocument(doc: ImportDocument): PreparedDocument {
  return {
    doc,
    title: titleOf(doc),
    hash: sha256(doc.text),
    sentences: prepareSentences(doc.text),
    // A language the import names (e.g. from the source's own metadata) is kept; otherwise detected.
    meta: { ...doc.meta, language: languageOf(doc.meta ?? {}) ?? detectLanguage(doc.text) },
  };
}
