// What every import format does to a file before and after converting it: decoding, refusing a
// file with no text, and leaving absent fields out of the document.
import type { ImportDocument } from '../../shared/schemas/documents.ts';

/** A document ready to import: the shape of shared/schemas/documents.ts `ImportDocument`. */
export type ImportedDocument = ImportDocument;

// Decoding a file, not editing a document: a byte-order mark is not text, and Windows line ends
// would otherwise make "blank line" paragraph breaks and offsets differ between identical files.
export function decodeFileText(content: string): string {
  return content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * What is wrong with a file that holds no text at all, or null when it holds some. Checked on the
 * file before it is converted, so the message says "empty" rather than "no article found", and no
 * document without sentences is ever made of it.
 */
export function emptyFileProblem(fileName: string, content: string): string | null {
  const text = content.replace(/^\uFEFF/, '');
  return text.trim() === '' ? emptyFileMessage(fileName, text !== '') : null;
}

export const emptyFileMessage = (fileName: string, whitespace: boolean): string =>
  `${fileName} ${whitespace ? 'holds only whitespace' : 'is empty'}: there is no text to import`;

export function assertNotEmpty(fileName: string, content: string): void {
  const problem = emptyFileProblem(fileName, content);
  if (problem) throw new Error(problem);
}

/** Drop keys whose value is undefined, so documents compare and serialise without them. */
export function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
