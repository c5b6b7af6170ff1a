// Segmenter throughput: Parley's rules against Intl.Segmenter, on 1 MB and 20 MB of news text,
// whether Parley's throughput holds from 1 MB to 20 MB (it must be linear), and its time on
// pathological texts (runs of stops, quotes, abbreviations).
//   npx tsx tests/bench/segment.ts      or      npm run bench -- segment
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { segment } from '../../server/text/segment.ts';
import { seededRandom } from '../support/random.ts';

const MB = 1024 * 1024;
const seedsDir = fileURLToPath(new URL('../../seeds/', import.meta.url));
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r|\n)/;

/**
 * News text of at least `bytes` UTF-8 bytes: articles of 5–20 paragraphs drawn from the seeds in
 * shuffled order; some paragraphs merged into one, some sentences re-ordered, some lines CRLF.
 */
function buildText(bytes: number, seed: number): string {
  const paragraphs = readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => readFileSync(seedsDir + name, 'utf8').split(BLANK_LINE))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const next = seededRandom(seed);
  const pick = (): string => paragraphs[Math.floor(next() * paragraphs.length)] ?? '';
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const count = 5 + Math.floor(next() * 16);
    for (let k = 0; k < count; k++) {
      let paragraph = pick();
      const roll = next();
      if (roll < 0.15)
        paragraph = `${paragraph} ${pick()}`; // a longer paragraph
      else if (roll < 0.25)
        paragraph = `${paragraph}\n${pick()}`; // a caption under a line
      else if (roll < 0.35) paragraph = paragraph.split('. ').reverse().join('. '); // new sentence order
      const separator = next() < 0.1 ? '\r\n\r\n' : '\n\n';
      parts.push(paragraph, separator);
      size += Buffer.byteLength(paragraph) + separator.length;
    }
  }
  return parts.join('');
}

/** Intl.Segmenter, fed one paragraph at a time: on a whole document it is quadratic in Node 20. */
function intlSegment(segmenter: Intl.Segmenter, text: string): number {
  let count = 0;
  for (const paragraph of text.split(BLANK_LINE)) {
    for (const piece of segmenter.segment(paragraph)) {
      if (piece.segment.trim() !== '') count++;
    }
  }
  return count;
}

/** Median MB/s of `runs` timed runs, after one untimed warm-up run. */
function throughput(run: () => number, megabytes: number, runs: number): { rate: number; count: number } {
  let count = run();
  const rates: number[] = [];
  for (let k = 0; k < runs; k++) {
    const began = performance.now();
    count = run();
    rates.push(megabytes / ((performance.now() - began) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { rate: rates[Math.floor(rates.length / 2)] ?? 0, count };
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const pad = (value: string, width: number): string => value.padStart(width);
const parleyRates: number[] = [];

console.log(`${'size'.padEnd(6)}${pad('parley MB/s', 13)}${pad('intl MB/s', 11)}${pad('ratio', 8)}${pad('sentences parley / intl', 26)}`);
for (const [megabytes, runs] of [
  [1, 9],
  [20, 3],
] as const) {
  const text = buildText(megabytes * MB, 42 + megabytes);
  const actual = Buffer.byteLength(text) / MB;
  const parley = throughput(() => segment(text).length, actual, runs);
  const intl = throughput(() => intlSegment(segmenter, text), actual, runs);
  parleyRates.push(parley.rate);
  console.log(
    `${`${megabytes} MB`.padEnd(6)}${pad(parley.rate.toFixed(1), 13)}${pad(intl.rate.toFixed(1), 11)}` +
      `${pad((parley.rate / intl.rate).toFixed(2), 8)}${pad(`${parley.count} / ${intl.count}`, 26)}`,
  );
}

const [small = 0, large = 0] = parleyRates;
const change = (large - small) / small;
console.log(
  `linear: parley on 20 MB runs at ${(100 * (1 + change)).toFixed(0)}% of its 1 MB rate ` + `(${Math.abs(change) <= 0.2 ? 'within' : 'NOT within'} 20%)`,
);

// The pathological texts that tests/unit/segment.test.ts holds to a loose bound: the figures here.
const units = ['.', ' .', 'a.', '"', '(', 'U.S. ', 'Mr. ', '!?', '. . . . ', 'x@y.', '1. ', 'x\n'];
const timings = units.map((unit) => {
  const text = unit.repeat(Math.ceil(200_000 / unit.length));
  const best = Math.min(
    ...[0, 1, 2].map(() => {
      const began = performance.now();
      segment(text);
      return performance.now() - began;
    }),
  );
  return `${JSON.stringify(unit)} ${best.toFixed(0)}`;
});
console.log(`pathological, 200k characters each, best of 3 (ms): ${timings.join(' | ')}`);
