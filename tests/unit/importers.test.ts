import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it, expect } from 'vitest';
import { fromHtml, fromJsonl, fromJsonlLines, fromMarkdown, fromPlainText, importerFor, type JsonlResult } from '../../server/text/importers.ts';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('importerFor', () => {
  it.each([
    ['story.txt', 'txt'],
    ['story.TEXT', 'txt'],
    ['notes.md', 'md'],
    ['notes.markdown', 'md'],
    ['batch.jsonl', 'jsonl'],
    ['batch.ndjson', 'jsonl'],
    ['page.html', 'html'],
    ['page.HTM', 'html'],
    ['archive.tar.gz', null],
    ['README', null],
    ['data.json', null],
  ])('%s → %s', (name, format) => {
    expect(importerFor(name)).toBe(format);
  });
});

describe('fromPlainText', () => {
  it('keeps the text as it is, titles it from the headline and records the file name', () => {
    const content = read('../../seeds/000_5ab1ce348375dfa9.txt');
    expect(fromPlainText('000_5ab1ce348375dfa9.txt', content)).toEqual({
      title: 'China Ready to Coordinate with Russia on Middle East Crisis',
      text: content,
      source: '000_5ab1ce348375dfa9.txt',
    });
  });

  it('drops a byte-order mark and Windows line ends, and leaves the title out when there is no headline', () => {
    const doc = fromPlainText('memo.txt', '\uFEFFThe ministry said it was ready to talk.\r\n\r\nNo more.\r\n');
    expect(doc).toEqual({ text: 'The ministry said it was ready to talk.\n\nNo more.\n', source: 'memo.txt' });
  });
});

describe('fromMarkdown', () => {
  it('converts markdown to the plain text annotators read', () => {
    const md = [
      '---',
      'title: "Front matter title"',
      'author: someone',
      '---',
      '# China and *Russia* Pledge [Cooperation](https://example.org/story)',
      'Beijing and Moscow said on **Tuesday** they would work',
      'together, in a statement quoted by _Xinhua_.',
      '',
      '## What they agreed',
      '* an immediate ceasefire;',
      '+ humanitarian access;',
      '  - including `fuel` deliveries',
      '1. first step',
      '',
      '> "There is no military solution," Wang said.',
      '',
      '---',
      '![A photo of the talks](talks.jpg) <span>Photo: AFP</span>',
      '',
      'Contact <press@example.org> or see <https://example.org>. Prices rose 5\\*2 times; snake_case_name stays.',
      '[1]: https://example.org/ref',
      '',
    ].join('\n');
    const doc = fromMarkdown('story.md', md);
    expect(doc.title).toBe('China and Russia Pledge Cooperation');
    expect(doc.source).toBe('story.md');
    expect(doc.text).toBe(
      [
        'China and Russia Pledge Cooperation',
        '',
        'Beijing and Moscow said on Tuesday they would work together, in a statement quoted by Xinhua.',
        '',
        'What they agreed',
        '',
        '- an immediate ceasefire;',
        '- humanitarian access;',
        '  - including fuel deliveries',
        '1. first step',
        '',
        '"There is no military solution," Wang said.',
        '',
        'A photo of the talks Photo: AFP',
        '',
        'Contact press@example.org or see https://example.org. Prices rose 5*2 times; snake_case_name stays.',
      ].join('\n'),
    );
  });

  it('keeps code blocks verbatim and falls back to the front matter title', () => {
    const doc = fromMarkdown('n.md', '---\ntitle: Notes\n---\nSome text.\n\n```\nkeep *this*  as is\n```\n');
    expect(doc).toEqual({ title: 'Notes', text: 'Some text.\n\nkeep *this*  as is', source: 'n.md' });
  });

  it('takes a setext heading as the title', () => {
    expect(fromMarkdown('s.md', 'Talks Resume\n============\n\nBody text here.').title).toBe('Talks Resume');
  });
});

describe('fromJsonl', () => {
  it('imports the good lines and names the bad line with what is wrong', () => {
    const content = [
      '{"title": "One", "text": "First story.", "published": "2024-02-05", "meta": {"lang": "en"}}',
      '{"title": "Two", "text": "Second story."',
      '{"text": "Third story.", "source": "https://example.org/3", "published": "2024-02-05T10:30:00Z"}',
    ].join('\n');
    const results = [...fromJsonl(content, 'batch.jsonl')];
    expect(results.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(results[0]).toEqual({
      line: 1,
      document: { title: 'One', text: 'First story.', published: '2024-02-05', meta: { lang: 'en' }, source: 'batch.jsonl' },
    });
    expect(results[1]?.document).toBeUndefined();
    expect(results[1]?.error).toMatch(/^batch\.jsonl line 2: malformed JSON/);
    expect(results[2]).toEqual({
      line: 3,
      document: { text: 'Third story.', source: 'https://example.org/3', published: '2024-02-05T10:30:00Z' },
    });
  });

  it('reports schema problems with their field, skips blank lines and counts them', () => {
    const content = [
      '{"text": "   "}',
      '',
      '{"text": "ok", "published": "05/02/2024"}',
      '{"text": "ok", "author": "someone"}',
      '["not", "an", "object"]',
      '{"title": null, "text": "Nulls mean absent.", "source": null}',
      '\r',
    ].join('\n');
    const results = [...fromJsonl(content)];
    expect(results.map((r) => r.line)).toEqual([1, 3, 4, 5, 6]);
    expect(results[0]?.error).toMatch(/^line 1: text: /);
    expect(results[1]?.error).toMatch(/^line 3: published: /);
    expect(results[2]?.error).toMatch(/^line 4: .*author/);
    expect(results[3]?.error).toMatch(/^line 5: .*object/);
    expect(results[4]).toEqual({ line: 6, document: { text: 'Nulls mean absent.' } });
  });

  it('rejects a text over 2,000,000 characters', () => {
    const [result] = [...fromJsonl(JSON.stringify({ text: 'a'.repeat(2_000_001) }))];
    expect(result?.error).toMatch(/^line 1: text: .*2000000/);
  });

  it('streams lines from a file through readline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-jsonl-'));
    try {
      const file = join(dir, 'batch.jsonl');
      const lines = Array.from({ length: 500 }, (_, i) =>
        i === 249 ? '{"text": 42}' : JSON.stringify({ title: `Story ${i + 1}`, text: `Body of story ${i + 1}.` }),
      );
      writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
      const input = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      const results: JsonlResult[] = [];
      for await (const result of fromJsonlLines(input, 'batch.jsonl')) results.push(result);

      expect(results).toHaveLength(500);
      expect(results.filter((r) => r.error).map((r) => r.error)).toEqual([expect.stringMatching(/^batch\.jsonl line 250: text: /)]);
      expect(results[0]).toEqual({ line: 1, document: { title: 'Story 1', text: 'Body of story 1.', source: 'batch.jsonl' } });
      expect(results[499]?.document?.title).toBe('Story 500');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same results from a string and from a line stream', async () => {
    const content = '{"text": "a"}\n\n{oops}\n{"text": "b"}';
    async function* linesOf(s: string): AsyncGenerator<string> {
      yield* s.split('\n');
    }
    const streamed: JsonlResult[] = [];
    for await (const result of fromJsonlLines(linesOf(content))) streamed.push(result);
    expect(streamed).toEqual([...fromJsonl(content)]);
  });
});

describe('fromHtml', () => {
  const page = read('../fixtures/news-article.html');

  it('reduces a news page to its article: headline, paragraphs, byline and date', () => {
    const doc = fromHtml('news-article.html', page);
    expect(doc.title).toBe('Beijing and Moscow Pledge Joint Push for Gaza Ceasefire');
    expect(doc.source).toBe('news-article.html');
    expect(doc.published).toBe('2025-06-24T09:30:00Z');
    expect(doc.meta).toEqual({ byline: 'Lena Hartmann', siteName: 'Global Wire', lang: 'en' });
    expect(doc.text.split('\n\n')).toEqual([
      'Beijing and Moscow Pledge Joint Push for Gaza Ceasefire',
      'China and Russia said on Tuesday they would coordinate their diplomacy to secure an immediate ceasefire in Gaza, in a joint statement issued after talks between their foreign ministers in Beijing.',
      'Chinese Foreign Minister Wang Yi told reporters that the two countries “firmly oppose” any action that harms civilians and urged all parties to return to negotiations.',
      'Sponsored',
      'A shared position',
      "Russian Foreign Minister Sergei Lavrov said Moscow backed Beijing's offer to host talks, calling it a constructive step. The United States, he added, had blocked three draft resolutions at the Security Council.",
      '“There is no military solution to this conflict,” Wang said.',
      'The statement listed three priorities:',
      'an immediate and lasting ceasefire;',
      'unhindered humanitarian access;',
      'a two-state solution based on the 1967 borders.',
      'Analysts said the joint position reflected a deepening alignment between the two permanent members of the Security Council, although neither has offered concrete guarantees to either side.',
    ]);
  });

  it('never lets scripts, styles, handlers or page chrome into the text', () => {
    const { text } = fromHtml('news-article.html', page);
    for (const unwanted of [
      'INJECTED',
      'TRACKER',
      'dataLayer',
      'alert',
      'onclick',
      'track(',
      'font-family',
      'ADVERTISEMENT',
      'Buy cheap flights',
      'Please enable JavaScript',
      'Subscribe to our newsletter',
      'We use cookies',
      'Most Popular',
      'Share on Facebook',
      'Tuesday, June 24, 2025 | 31°C',
      'Middle East\n',
    ]) {
      expect(text).not.toContain(unwanted);
    }
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/[ \t]{2,}|\n{3,}/);
  });

  it('prefers the article:published_time meta tag and normalises a non-ISO date', () => {
    const html = `<html><head><title>Talks | Site</title>
      <meta property="article:published_time" content="Tue, 24 Jun 2025 09:30:00 GMT"></head>
      <body><article><h1>Talks</h1><time datetime="2020-01-01">old</time>
      <p>The two foreign ministers met in Beijing on Tuesday and agreed to keep talking about the war.</p>
      </article></body></html>`;
    expect(fromHtml('talks.html', html).published).toBe('2025-06-24T09:30:00.000Z');
  });

  it('accepts a bare fragment', () => {
    const doc = fromHtml('fragment.html', '<p>The two foreign ministers met in Beijing on Tuesday and agreed to keep talking.</p>');
    expect(doc.text).toBe('The two foreign ministers met in Beijing on Tuesday and agreed to keep talking.');
  });

  it('throws an error naming the file when the page has no article', () => {
    const nav = '<html><head><title>Home</title><script>alert(1)</script></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav></body></html>';
    expect(() => fromHtml('empty-page.html', nav)).toThrow(/empty-page\.html: no article text/);
    expect(() => fromHtml('blank.html', '')).toThrow(/blank\.html/);
  });
});

describe('hostile Markdown', () => {
  it('converts lines of 1,000,000 repeated openers without quadratic work', () => {
    for (const unit of ['[', '![', '[a](', '<a ', '<http:', '**a ', '*a ', '~~a ', '_a ', '`a']) {
      const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const doc = fromMarkdown('hostile.md', text);
      expect(doc.text.length).toBeGreaterThan(0);
    }
    // Linear work takes a few seconds on a loaded CI machine; quadratic work on 1,000,000 characters would take hours.
  }, 120_000);
});
