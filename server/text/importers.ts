// Import formats: turn an uploaded file into documents to store (no database, no HTTP).
//
// Whatever a converter produces becomes the document text that annotators read and that every
// offset points into, so converters reduce markup to plain text here, once, and the stored text is
// never touched again.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ImportDocument } from '../../shared/schemas/documents.ts';
import { assertNotEmpty, decodeFileText, emptyFileMessage, emptyFileProblem, withoutUndefined, type ImportedDocument } from './importFile.ts';
import { ISO_DATE, isRealDate } from '../../shared/schemas/common.ts';
import { detectTitle } from './structure.ts';
import { describeIllFormedText, findIllFormedText } from '../../shared/text.ts';

export type { ImportedDocument } from './importFile.ts';
export { emptyFileProblem } from './importFile.ts';
export { fromMarkdown } from './markdown.ts';

/** One line of a JSONL file: the document it holds, or what is wrong with it (`line` null: the whole file). */
export type JsonlResult = { line: number | null; document?: ImportedDocument; error?: string };

/** The import formats, chosen by file extension. */
export type ImportFormat = 'txt' | 'md' | 'jsonl' | 'html';

const EXTENSIONS: Record<string, ImportFormat> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  html: 'html',
  htm: 'html',
};

/** The importer for a file name by its extension (case-insensitive), or null when none fits. */
export function importerFor(fileName: string): ImportFormat | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return (match?.[1] && EXTENSIONS[match[1].toLowerCase()]) || null;
}

/** A plain-text file as it is; the headline, when the first lines have one, becomes the title. */
export function fromPlainText(fileName: string, content: string): ImportedDocument {
  assertNotEmpty(fileName, content);
  const text = decodeFileText(content);
  return withoutUndefined({ title: detectTitle(text) ?? undefined, text, source: fileName });
}

// ---------------------------------------------------------------------------------------------
// JSONL

/** Validate one JSONL line; `line` is 1-based and counts blank lines, as editors do. */
export function parseJsonlLine(raw: string, line: number, fileName: string | undefined): JsonlResult {
  const where = fileName ? `${fileName} line ${line}` : `line ${line}`;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { line, error: `${where}: malformed JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  // A "\ud83d" escape decodes to half a character: refused like any ill-formed text (shared/text.ts).
  const illFormed = findIllFormedText(value);
  if (illFormed) return { line, error: `${where}: ${illFormed.path}: ${describeIllFormedText(illFormed)}` };
  // Exporters such as pandas write null for a missing field; null means "not given" here.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    value = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
  }
  const parsed = ImportDocument.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    return { line, error: `${where}: ${issues.join('; ')}` };
  }
  const document = parsed.data;
  return { line, document: document.source === undefined && fileName ? { ...document, source: fileName } : document };
}

/**
 * Documents from JSONL text, one per non-empty line; a bad line yields its error and the rest go on.
 * `firstLine` numbers the first line when the text is a chunk of a larger file.
 */
export function* fromJsonl(content: string, fileName?: string, firstLine = 1): Generator<JsonlResult> {
  // A chunk of a larger file (firstLine > 1) may be blank; a whole file that is has nothing to import.
  const empty = firstLine === 1 ? emptyFileProblem(fileName ?? 'the file', content) : null;
  if (empty) {
    yield { line: null, error: empty };
    return;
  }
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = (lines[n] ?? '').replace(/\r$/, '');
    if (raw.trim() === '') continue;
    yield parseJsonlLine(raw, n + firstLine, fileName);
  }
}

/**
 * Documents from a stream of JSONL lines (e.g. `readline` over a file stream), one line in memory
 * at a time, so a large file is imported in bounded memory.
 */
export async function* fromJsonlLines(lines: AsyncIterable<string>, fileName?: string): AsyncGenerator<JsonlResult> {
  for await (const entry of jsonlLines(lines, fileName)) yield entry.raw === undefined ? entry : parseJsonlLine(entry.raw, entry.line, fileName);
}

/** A JSONL line to parse (`raw`, numbered `line`), or what is wrong with the whole file. */
export type JsonlLine = { line: number; raw: string; error?: undefined } | { line: null; raw?: undefined; error: string };

/**
 * The non-blank lines of a JSONL stream, numbered, not yet parsed (a worker thread may parse them:
 * server/documents/prepareWorker.ts); a file with none yields its error.
 */
export async function* jsonlLines(lines: AsyncIterable<string>, fileName?: string): AsyncGenerator<JsonlLine> {
  let n = 0;
  let blank = true;
  let whitespace = false;
  for await (const rawLine of lines) {
    n++;
    const raw = (n === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine).replace(/\r$/, '');
    whitespace ||= raw !== '' || n > 1;
    if (raw.trim() === '') continue;
    blank = false;
    yield { line: n, raw };
  }
  if (blank) yield { line: null, error: emptyFileMessage(fileName ?? 'the file', whitespace) };
}

// ---------------------------------------------------------------------------------------------
// HTML

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

// Each of these starts a new paragraph; text between them is one paragraph.
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
// Never text, whatever Readability leaves in: code, styling, embedded and interactive content.
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'head',
  'title',
  'meta',
  'link',
]);
// A page whose article has no paragraph this long is a navigation or error page, not an article.
const MIN_ARTICLE_PARAGRAPH_WORDS = 8;

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

/** The text of a DOM subtree as paragraphs: one per block element, whitespace collapsed. */
function blockParagraphs(root: Node): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text !== '') paragraphs.push(text);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? '';
      return;
    }
    if (!isElement(node)) return; // comments, processing instructions
    const tag = node.tagName.toLowerCase();
    if (SKIP_TAGS.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs;
}

/** A published date as an ISO string the document schema accepts, or undefined. */
function normalizePublished(raw: string | null | undefined): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  if (ISO_DATE.test(s)) return isRealDate(s) ? s : undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function metaContent(document: Document, selector: string): string | undefined {
  return document.querySelector(selector)?.getAttribute('content')?.trim() || undefined;
}

/**
 * A news article page reduced to its article with Readability: the text is the article's
 * paragraphs separated by blank lines, headline first; byline and site go into meta.
 * Throws when the page holds no article text.
 */
export function fromHtml(fileName: string, html: string): ImportedDocument {
  assertNotEmpty(fileName, html);
  const source = decodeFileText(html);
  let { document } = parseHTML(source);
  // linkedom makes a bare fragment's first element (or nothing) the root; Readability needs <html>.
  if (document.documentElement?.tagName.toLowerCase() !== 'html') {
    ({ document } = parseHTML(`<!doctype html><html><body>${source}</body></html>`));
  }

  // Read the page's metadata before Readability, which prunes the document it is given.
  const publishedFromPage =
    metaContent(document, 'meta[property="article:published_time"]') ??
    metaContent(document, 'meta[itemprop="datePublished"]') ??
    (document.querySelector('time[datetime]')?.getAttribute('datetime') || undefined);
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') || metaContent(document, 'meta[property="og:url"]');

  // The identity serializer hands back the article's DOM node instead of an HTML string to re-parse.
  const article = new Readability<Node>(document, { serializer: (node) => node }).parse();
  const paragraphs = article?.content ? blockParagraphs(article.content) : [];
  if (!paragraphs.some((p) => p.split(' ').length >= MIN_ARTICLE_PARAGRAPH_WORDS)) {
    throw new Error(`${fileName}: no article text found in this HTML page`);
  }

  const title = article?.title?.replace(/\s+/g, ' ').trim() || undefined;
  // Readability drops the headline from the body; annotators read it too (headlines carry
  // claims), so it leads the text, as in the plain-text seeds.
  if (title && paragraphs[0] !== title) paragraphs.unshift(title);

  const byline = article?.byline
    ?.replace(/\s+/g, ' ')
    .replace(/^by\s+/i, '')
    .trim();
  const meta = withoutUndefined({
    byline: byline || undefined,
    siteName: article?.siteName?.trim() || undefined,
    lang: article?.lang?.trim() || undefined,
    url: url?.trim() || undefined,
  });
  return withoutUndefined({
    title: title ?? detectTitle(paragraphs.join('\n\n')) ?? undefined,
    text: paragraphs.join('\n\n'),
    source: fileName,
    published: normalizePublished(article?.publishedTime) ?? normalizePublished(publishedFromPage),
    meta: Object.keys(meta).length > 0 ? meta : undefined,
  });
}
