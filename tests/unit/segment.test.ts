import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { segment, SEGMENTER, type SentenceSpan } from '../../server/text/segment.ts';

// The English Golden Rules (pragmatic_segmenter, MIT licence): source and licence in tests/fixtures/README.md.
const goldenPath = fileURLToPath(new URL('../fixtures/golden_rules.json', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../seeds/', import.meta.url));

interface GoldenRule {
  id: number;
  name: string;
  input: string;
  expected: string[];
  alt_expected?: string[];
}

/** The sentences as strings. */
function sentences(text: string): string[] {
  return segment(text).map((s) => text.slice(s.start, s.end));
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

// A line break, optional spaces, a line break; the \r of a \r\n is not a line break of its own.
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r|\n)/;

/**
 * Every promise segment() makes about offsets, checked on one text. Plain checks rather than one
 * expect() per span, so that texts with 100k sentences stay fast.
 */
function expectValidSpans(text: string, spans: SentenceSpan[]): void {
  const fail = (index: number, why: string): never => {
    const span = spans[index];
    throw new Error(`span ${index} ${JSON.stringify(span)} ${why}: ${JSON.stringify(span && text.slice(span.start, span.end))}`);
  };
  const covered = new Uint8Array(text.length);
  let previousEnd = 0;
  let previousParagraph = 0;
  for (const [index, span] of spans.entries()) {
    const slice = text.slice(span.start, span.end);
    if (!(span.start < span.end)) fail(index, 'is empty');
    if (span.start < previousEnd) fail(index, 'overlaps or is out of order');
    if (slice !== slice.trim()) fail(index, 'is not trimmed');
    if (BLANK_LINE.test(slice)) fail(index, 'crosses a blank line');
    if (index === 0 && span.paragraph !== 0) fail(index, 'does not start paragraph 0');
    const step = span.paragraph - previousParagraph;
    if (step !== 0 && step !== 1) fail(index, `moves the paragraph number by ${step}`);
    covered.fill(1, span.start, span.end);
    previousEnd = span.end;
    previousParagraph = span.paragraph;
  }
  for (let k = 0; k < text.length; k++) {
    if (covered[k] === 0 && text.charAt(k).trim() !== '') {
      throw new Error(`non-space character ${JSON.stringify(text.charAt(k))} at ${k} lies outside every sentence`);
    }
  }
}

function readSeed(prefix: string): string {
  const file = readdirSync(seedsDir).find((name) => name.startsWith(prefix) && name.endsWith('.txt'));
  if (file === undefined) throw new Error(`no seed ${prefix}*.txt in ${seedsDir}`);
  return readFileSync(seedsDir + file, 'utf8');
}

describe('segment', () => {
  it('names itself', () => {
    expect(SEGMENTER).toMatch(/^parley-rules\/\d+$/);
  });

  // The rules are a fixture inside the repository: a missing file is a failure, not a skip.
  describe('English Golden Rules', () => {
    const rules = (JSON.parse(readFileSync(goldenPath, 'utf8')) as { rules: GoldenRule[] }).rules;

    it('scores at least 48 of 52 (pragmatic_segmenter: 51)', () => {
      const failures: string[] = [];
      for (const rule of rules) {
        const actual = sentences(rule.input).map(collapse);
        const matches = (expected: string[]): boolean => JSON.stringify(expected.map(collapse)) === JSON.stringify(actual);
        if (matches(rule.expected) || (rule.alt_expected !== undefined && matches(rule.alt_expected))) continue;
        failures.push(`  #${rule.id} ${rule.name}\n    expected ${JSON.stringify(rule.expected)}\n    actual   ${JSON.stringify(actual)}`);
      }
      const score = rules.length - failures.length;
      console.log(`golden rules: ${score}/${rules.length}${failures.length > 0 ? `\n${failures.join('\n')}` : ''}`);
      expect(rules.length).toBe(52);
      expect(score).toBeGreaterThanOrEqual(48);
    });

    it('keeps offsets exact on every golden input', () => {
      for (const rule of rules) expectValidSpans(rule.input, segment(rule.input));
    });
  });

  describe('does not split', () => {
    it.each([
      'Iran struck U.S. military bases in Iraq.',
      'On Jan. 3 the U.S. ordered the airstrike.',
      'Mr. Smith went to Washington.',
      'He was ranked No. 5 in the world.',
      'The economy grew 3.5 percent last year.',
      'Some tools, e.g. this one, are free.',
      'They watched Dr. Who together.',
      'It raised $1.2 billion from investors.',
      'Please turn to p. 55 of the report.',
      'The summit opens at 5 p.m. Monday in Beijing.',
      'My name is Jonas E. Smith.',
      'Gov. Gavin Newsom (D-Calif.) signed the bill.',
      'The deal with Pitt, Briggs & Co. closed at noon.',
      'Visit www.example.com or write to jane.doe@example.org for details.',
      'She works at Yahoo! in the accounting department.',
      'This aligns with the U.S.-led international order.',
      '"Stop." she said.',
      'Lt. Gen. Mark Milley spoke in the U.K. on Sunday.',
      'J. K. Rowling and A. Smith met Sen. Warren.',
      'Why the U.S. Is Worried About China',
      'At 5 a.m. Mr. Smith went to the bank.',
    ])('%s', (text) => {
      expect(sentences(text)).toEqual([text]);
    });
  });

  describe('splits', () => {
    it.each([
      ['I visited the U.S. Then I went home.', ['I visited the U.S.', 'Then I went home.']],
      ['Troops remained in the U.S. The war was over.', ['Troops remained in the U.S.', 'The war was over.']],
      ['The talks ended at 5 p.m. The leaders left.', ['The talks ended at 5 p.m.', 'The leaders left.']],
      ['He said "Stop." Then he left.', ['He said "Stop."', 'Then he left.']],
      ['“We agree.” Notably, he said nothing else.', ['“We agree.”', 'Notably, he said nothing else.']],
      ['She has $100.00. It is in her bag.', ['She has $100.00.', 'It is in her bag.']],
      ['Why?! Nobody knows.', ['Why?!', 'Nobody knows.']],
      ['Wait... What happened?', ['Wait...', 'What happened?']],
      ['He was born in 1960. 25 years later he died.', ['He was born in 1960.', '25 years later he died.']],
      ['Hello world.Today is Tuesday.', ['Hello world.', 'Today is Tuesday.']],
      ['1. The first item 2. The second item', ['1. The first item', '2. The second item']],
      ['Ask Jane and co. They should know.', ['Ask Jane and co.', 'They should know.']],
      ['Fruit, nuts, etc. Officials banned them.', ['Fruit, nuts, etc.', 'Officials banned them.']],
      ['Photo: Reuters\nThe president spoke.', ['Photo: Reuters', 'The president spoke.']],
      ['Share this Article\nLeave a comment', ['Share this Article', 'Leave a comment']],
      ['Done。• \nFirst point • Second point', ['Done。', '•', 'First point', '• Second point']],
    ])('%s', (text, expected) => {
      expect(sentences(text)).toEqual(expected);
    });
  });

  describe('line breaks', () => {
    it('joins hard-wrapped prose whose next line starts in lower case', () => {
      expect(sentences('This is a sentence\ncut off in the middle.')).toEqual(['This is a sentence\ncut off in the middle.']);
      expect(sentences('The U.S.\nmilitary left.')).toEqual(['The U.S.\nmilitary left.']);
    });

    it('keeps a list of lower-case lines apart', () => {
      expect(sentences('features\ncontact manager\nevents, activities\n')).toEqual(['features', 'contact manager', 'events, activities']);
    });

    it('numbers paragraphs that hold sentences, across \\n, \\r\\n and \\r', () => {
      const text = '\r\n\r\nFirst one. Second one.\r\nThird line\r\n \t\r\nNext paragraph.\r\rLast.\n\n\n';
      const spans = segment(text);
      expect(spans.map((s) => [text.slice(s.start, s.end), s.paragraph])).toEqual([
        ['First one.', 0],
        ['Second one.', 0],
        ['Third line', 0],
        ['Next paragraph.', 1],
        ['Last.', 2],
      ]);
      expectValidSpans(text, spans);
    });
  });

  describe('seed articles', () => {
    it('keeps offsets exact on every seed', () => {
      const files = readdirSync(seedsDir).filter((name) => name.endsWith('.txt'));
      expect(files.length).toBe(5);
      for (const file of files) {
        const text = readFileSync(seedsDir + file, 'utf8');
        expectValidSpans(text, segment(text));
      }
    });

    // Counts checked by reading each split: headlines, captions, "SEE ALSO:" lines and site chrome
    // each stand alone; abbreviations such as "U.S." and "Jan." never end a sentence there.
    it.each([
      ['000', 36],
      ['001', 25],
      ['002', 40],
      ['003', 26],
      ['004', 29],
    ])('seed %s has %i sentences', (prefix, count) => {
      expect(segment(readSeed(prefix)).length).toBe(count);
    });

    it('000: headline, comment-form lines', () => {
      const got = sentences(readSeed('000'));
      expect(got[0]).toBe('Home Latest Insights | News China Ready to Coordinate with Russia on Middle East Crisis');
      expect(got.slice(-2)).toEqual(['Please enter your comment!', 'Please enter your name here']);
    });

    it('001: "SEE ALSO:" line, "Jan. 3", "U.S." mid-sentence, quotes on consecutive lines', () => {
      const got = sentences(readSeed('001'));
      expect(got).toContain('SEE ALSO: Australia Calls For Another Mass Evacuation As Monster Bushfires Return');
      expect(got).toContain(
        'On Jan. 3, the U.S. ordered the airstrike that killed Soleimani, who was allegedly planning an attack on the U.S. embassy in Iraq.',
      );
      expect(got).toContain('“The parties maintain close contact and interaction,” Geng said.');
      expect(got).toContain('Share this Article');
      expect(got).toContain('Leave a comment');
      expect(got.slice(-4)).toEqual([
        'Your email address will not be published.',
        'Required fields are marked *',
        'This site uses Akismet to reduce spam.',
        'Learn how your comment data is processed.',
      ]);
    });

    it('002: weather and date lines, closing quote before the next sentence', () => {
      const text = readSeed('002');
      const spans = segment(text);
      expect(spans.slice(0, 3).map((s) => [text.slice(s.start, s.end), s.paragraph])).toEqual([
        ['-3.1 C', 0],
        ['Sunday, December 3, 2023', 0],
        ['China and Russia Unite in Quest for Palestinian Rights Amid Israel-Gaza Crisis', 1],
      ]);
      const got = spans.map((s) => text.slice(s.start, s.end));
      expect(got.some((s) => s.endsWith('have not been guaranteed.”'))).toBe(true);
      expect(got.some((s) => s.startsWith('Notably, he did not'))).toBe(true);
      expect(got).toContain('China’s Stance and U.S. Divergence');
    });

    it('003: a photo caption on two lines makes three sentences', () => {
      const got = sentences(readSeed('003'));
      expect(got.slice(1, 4)).toEqual([
        'Chinese President Xi Jinping addresses students of MGIMO, on March 23, 2013 in Moscow Chinese President Xi Jinping addresses students of MGIMO, on March 23, 2013 in Moscow',
        'MOSCOW, RUSSIA - MARCH 23: Chinese President Xi Jinping addresses students of MGIMO, on March 23, 2013 in Moscow.',
        'Photo credit: shutterstock.com / mjaparidze - Kaliva.',
      ]);
    });

    it('004: "U.S.-led" and "U.N. Security Council" stay inside their sentences', () => {
      const got = sentences(readSeed('004'));
      expect(got).toContain('This move aligns with China’s strategy to position itself as a counterbalance to the U.S.-led international order.');
      expect(got.some((s) => s.startsWith('China has previously used its veto power in the U.N. Security Council'))).toBe(true);
    });
  });

  describe('edge cases', () => {
    it('returns nothing for empty or blank text', () => {
      expect(segment('')).toEqual([]);
      expect(segment(' \n\t\r\n\u00a0\u3000 ')).toEqual([]);
    });

    it('keeps text without a final stop', () => {
      expect(sentences('  no final stop here  ')).toEqual(['no final stop here']);
      expect(sentences('One. Two')).toEqual(['One.', 'Two']);
    });

    it('handles CRLF text', () => {
      const text = 'Headline\r\n\r\nFirst sentence. Second sentence.\r\nCaption line\r\n';
      expect(sentences(text)).toEqual(['Headline', 'First sentence.', 'Second sentence.', 'Caption line']);
      expectValidSpans(text, segment(text));
      const wrapped = 'This is a sentence\r\ncut off in the middle.\r\n';
      expect(sentences(wrapped)).toEqual(['This is a sentence\r\ncut off in the middle.']);
      expectValidSpans(wrapped, segment(wrapped));
    });

    it('keeps UTF-16 offsets exact around emoji and CJK', () => {
      const text = '🎉 Party time. 😀 Fun! 👍🏽 Done\n\n我们走吧。你好！好的？ 中文。';
      const spans = segment(text);
      expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['🎉 Party time.', '😀 Fun!', '👍🏽 Done', '我们走吧。', '你好！', '好的？', '中文。']);
      expect(spans[1]?.start).toBe(text.indexOf('😀'));
      expectValidSpans(text, spans);
    });

    // Linear, not quadratic. Each 200k-character text below takes 5–1,200 ms on a 2-core machine
    // (the most at load average 20, where the former 500 ms bound failed); a scan that recounted
    // the open sentence's words at each word did not finish in 120 s. The bound is loose enough
    // that load cannot fail it and far below any quadratic scan; the bench times these texts.
    const LINEAR_MS = 3_000;

    it('finishes a 200k-character paragraph with no punctuation quickly', () => {
      const text = 'word '.repeat(40_000);
      const began = performance.now();
      const spans = segment(text);
      expect(performance.now() - began).toBeLessThan(LINEAR_MS);
      expect(spans).toEqual([{ start: 0, end: text.length - 1, paragraph: 0 }]);
    });

    it(
      'stays linear on pathological runs of stops, quotes and abbreviations',
      () => {
        for (const unit of ['.', ' .', 'a.', '"', '(', 'U.S. ', 'Mr. ', '!?', '. . . . ', 'x@y.', '1. ', 'x\n']) {
          const text = unit.repeat(Math.ceil(200_000 / unit.length));
          const began = performance.now();
          const spans = segment(text);
          expect(performance.now() - began, JSON.stringify(unit)).toBeLessThan(LINEAR_MS);
          expectValidSpans(text, spans);
        }
      },
      12 * LINEAR_MS,
    );
  });
});
