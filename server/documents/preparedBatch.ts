// A prepared batch as a worker thread posts it (preparer.ts): the sentences of all its documents
// in one Int32Array whose buffer is transferred, not cloned. Structured cloning 6,000 sentence
// objects per batch of 500 articles cost ~20 µs per article to read back on the writing thread,
// as much as a fifth of writing the article; the documents' strings are still cloned (a copy each).
import type { PreparedDocument, PreparedLine } from './prepare.ts';

/** A line as posted: a document without its sentences (`sentences` says how many), or its error. */
type EncodedLine =
  { line: number; prepared: Omit<PreparedDocument, 'sentences'>; sentences: number; error?: undefined } | { line: number; prepared?: undefined; error: string };

export interface EncodedBatch {
  lines: EncodedLine[];
  /** start, end, paragraph, boilerplate (0/1) of every sentence, document after document. */
  spans: Int32Array<ArrayBuffer>;
}

const FIELDS = 4;

export function encodeBatch(lines: readonly PreparedLine[]): EncodedBatch {
  let total = 0;
  for (const { prepared } of lines) total += prepared?.sentences.length ?? 0;
  const spans = new Int32Array(FIELDS * total);
  let at = 0;
  const encoded = lines.map((entry): EncodedLine => {
    if (!entry.prepared) return entry;
    const { sentences, ...rest } = entry.prepared;
    for (const { start, end, paragraph, boilerplate } of sentences) {
      spans[at] = start;
      spans[at + 1] = end;
      spans[at + 2] = paragraph;
      spans[at + 3] = boilerplate ? 1 : 0;
      at += FIELDS;
    }
    return { line: entry.line, prepared: rest, sentences: sentences.length };
  });
  return { lines: encoded, spans };
}

export function decodeBatch({ lines, spans }: EncodedBatch): PreparedLine[] {
  let at = 0;
  return lines.map((entry): PreparedLine => {
    if (!entry.prepared) return entry;
    const sentences = new Array<PreparedDocument['sentences'][number]>(entry.sentences);
    for (let k = 0; k < entry.sentences; k++, at += FIELDS) {
      sentences[k] = { start: spans[at]!, end: spans[at + 1]!, paragraph: spans[at + 2]!, boilerplate: spans[at + 3] === 1 };
    }
    return { line: entry.line, prepared: { ...entry.prepared, sentences } };
  });
}
