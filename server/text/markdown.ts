// Markdown import: the text annotators read, with the markup removed (server/text/importers.ts
// chooses the format). The stored text is never modified after import, so this reduction decides
// every Markdown document's text and offsets: change it only knowing that new imports will differ.
//
// Line rules rather than a Markdown parser (mdast-util-from-markdown was tried, issue 13 item 6): its
// parser, micromark 4, takes superlinear time on a line of repeated link openers (200 KB of "[a]("
// took ~100 s, 1 MB of "[" 14 s, on this 2-core machine under load), and this runs on the request
// thread; every rule here is linear (tests/unit/importers.test.ts, "hostile Markdown").
import { detectTitle } from './structure.ts';
import { assertNotEmpty, decodeFileText, withoutUndefined, type ImportedDocument } from './importFile.ts';

// Placeholders for backslash-escaped characters, so "\*" survives the emphasis rules below.
const ESCAPE_OPEN = '\uE000';
const ESCAPE_CLOSE = '\uE001';

/** Inline markdown to plain text: links and images as their text, no emphasis or code markers. */
function markdownInline(s: string): string {
  const escaped = s.replace(/\\([\\`*_{}[\]()#+\-.!>~|<])/g, (_, c: string) => `${ESCAPE_OPEN}${c.charCodeAt(0)}${ESCAPE_CLOSE}`);
  // Code spans keep their content verbatim; only the text between them gets the other rules.
  const parts = escaped.split(/(`+)([^`]+?)\1/);
  let out = '';
  for (let i = 0; i < parts.length; i += 3) {
    out += markdownPhrasing(parts[i] ?? '');
    out += parts[i + 2] ?? '';
  }
  return out.replace(new RegExp(`${ESCAPE_OPEN}(\\d+)${ESCAPE_CLOSE}`, 'g'), (_, code: string) => String.fromCharCode(Number(code)));
}

// Every pattern stops at the next opening delimiter (character classes exclude it) instead of
// scanning to the end of the line: a hostile line of 100,000 "[" or "**a " must cost linear time,
// not quadratic (the server converts uploads on the request path).
const PHRASING_RULES: [RegExp, string][] = [
  [/!\[([^[\]]*)\]\([^()]*\)/g, '$1'], // ![alt](src)
  [/!\[([^[\]]*)\]\[[^[\]]*\]/g, '$1'], // ![alt][ref]
  [/\[([^[\]]+)\]\([^()]*\)/g, '$1'], // [text](href "title")
  [/\[([^[\]]+)\]\[[^[\]]*\]/g, '$1'], // [text][ref], [text][]
  [/<((?:https?|mailto):[^<>\s]+)>/gi, '$1'], // <https://...>
  [/<([^<>\s@]+@[^<>\s@]+)>/g, '$1'], // <name@example.org>
  [/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/g, ''], // inline HTML tags
];
const EMPHASIS_RULES: [RegExp, string][] = [
  [/\*\*(?=[^\s*])([^*]+?)(?<=\S)\*\*/g, '$1'], // **strong**
  [/__(?=[^\s_])([^_]+?)(?<=\S)__/g, '$1'], // __strong__
  [/~~(?=[^\s~])([^~]+?)(?<=\S)~~/g, '$1'], // ~~strike~~
  [/\*(?=[^\s*])([^*]+?)(?<=\S)\*/g, '$1'], // *em*
  [/(?<![\p{L}\p{N}])_(?=[^\s_])([^_]+?)(?<=\S)_(?![\p{L}\p{N}])/gu, '$1'], // _em_, not snake_case
];

function markdownPhrasing(s: string): string {
  let out = s;
  for (const [pattern, replacement] of PHRASING_RULES) out = out.replace(pattern, replacement);
  // Twice: an inner emphasis ("**a *b* c**") hides the outer one's closing delimiter on the first pass.
  for (let pass = 0; pass < 2; pass++) for (const [pattern, replacement] of EMPHASIS_RULES) out = out.replace(pattern, replacement);
  return out.replace(/ {2,}$/, ''); // hard line break marker
}

/** Markdown as the plain text annotators read, with the first `# ` heading as its title. */
export function fromMarkdown(fileName: string, content: string): ImportedDocument {
  assertNotEmpty(fileName, content);
  const lines = decodeFileText(content).split('\n');
  let title: string | undefined;
  let i = 0;

  // YAML front matter is metadata, not article text; its title is a fallback for the heading.
  let frontTitle: string | undefined;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, n) => n > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (close > 0) {
      for (const l of lines.slice(1, close)) {
        const m = /^title:\s*(.+?)\s*$/.exec(l);
        if (m?.[1]) frontTitle = m[1].replace(/^(["'])(.*)\1$/, '$2');
      }
      i = close + 1;
    }
  }

  // `out` holds output lines; `joinable` says whether the last one is paragraph or list-item text
  // that a soft-wrapped next line continues. Markdown paragraphs are often wrapped at 80 columns,
  // and the segmenter ends a sentence at every single line break, so wrapped lines are rejoined.
  const out: string[] = [];
  let joinable = false;
  const block = (text: string): void => {
    out.push('', text, ''); // headings stand as paragraphs of their own
    joinable = false;
  };
  let fence: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1].charAt(0);
      if (fence === null) fence = marker;
      else if (fence === marker) fence = null;
      out.push('');
      joinable = false;
      continue;
    }
    if (fence !== null) {
      out.push(line); // code keeps its lines
      continue;
    }
    if (line.trim() === '') {
      out.push('');
      joinable = false;
      continue;
    }
    // Setext heading: a line underlined with === (h1) or --- (h2).
    const next = lines[i + 1] ?? '';
    if (/^\s{0,3}(=+|-+)\s*$/.test(next) && !/^\s*[-*+]\s/.test(line)) {
      const text = markdownInline(line.trim());
      if (title === undefined && next.trim().startsWith('=')) title = text;
      block(text);
      i++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      block(''); // thematic break: a paragraph boundary
      continue;
    }
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue; // link reference definition
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)(\s+#+)?\s*$/.exec(line);
    if (heading) {
      const text = markdownInline(heading[2] ?? '');
      if (title === undefined && heading[1] === '#') title = text;
      block(text);
      continue;
    }
    const unquoted = line.replace(/^(\s{0,3}>\s?)+/, '');
    // A line ending in two spaces or a backslash is a hard break: the next line stays its own.
    const hardBreak = / {2,}$|\\$/.test(unquoted);
    const body = unquoted.replace(/\\$/, '');
    const item = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(body);
    if (item) {
      const marker = /\d/.test(item[2] ?? '') ? (item[2] ?? '') : '-';
      out.push(`${item[1] ?? ''}${marker} ${markdownInline(item[3] ?? '')}`);
    } else if (joinable && out.length > 0) {
      out[out.length - 1] = `${out[out.length - 1] ?? ''} ${markdownInline(body.trim())}`;
    } else {
      out.push(markdownInline(body.trim()));
    }
    joinable = !hardBreak;
  }

  const text = out
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // Front matter, link definitions or rules alone leave nothing to annotate.
  if (text === '') throw new Error(`${fileName} holds no text once its Markdown markup is removed: there is nothing to import`);
  return withoutUndefined({
    title: title || frontTitle || detectTitle(text) || undefined,
    text,
    source: fileName,
  });
}
