// A fixed, varied sample of documents for checking that the import stores the same rows whatever
// its speed work does (tests/unit/import-rows.test.ts): lines of the seed articles shuffled and
// spliced with site chrome, date strips, headlines repeated, lists, abbreviations, Chinese,
// Japanese, Arabic, Cyrillic and accented Latin text, odd whitespace and line ends. A seeded
// generator: the same documents on every run.
import { readFileSync, readdirSync } from 'node:fs';
import { seededRandom } from './random.ts';

const SEEDS_DIR = new URL('../../seeds/', import.meta.url);

const EXTRA_LINES = [
  'Leave a Reply',
  'Your email address will not be published. Required fields are marked *',
  'Share this article',
  'SEE ALSO: Markets Rally As Talks Resume',
  '3 Min Read',
  'Tuesday, June 24, 2025 | 31°C',
  'Published: 2023-12-03 · 10:45 am GMT',
  'Home » World » Asia',
  'Tekedia Mini-MBA (Feb 5 – May 4, 2024) has started; registration continues here.',
  'Subscribe to our newsletter',
  'We use cookies to improve your experience.',
  '© 2024 Harbour Courier. All rights reserved.',
  'Advertisement',
  'photo_4.1',
  'Read more: the full statement is here.',
  '1. First point 2. Second point 3. Third point',
  '• one item • another item',
  'a) the first b) the second',
  'The U.S. military said on Jan. 3 that Mr. Smith left at 5 a.m. Later, officials met.',
  'Dr. J. K. Rowling met the Prime Minister... He said "Why?" and she laughed!',
  'Yahoo! in talks with eBay, iPhone sales up 3.5% at www.example.com today.That was new.',
  'It was a cold \nnight and the wind, \nblew hard across the plain',
  '以色列国防军称，已打击加沙的目标。哈马斯谴责了这次袭击！联合国呼吁各方保持克制？',
  'イスラエル国防軍は声明を発表した。ハマスは非難した！国連は自制を求めた？',
  'قال الجيش الإسرائيلي إنه قصف أهدافا في غزة. هل ستتوقف الحرب؟دعت الأمم المتحدة إلى ضبط النفس!',
  'Министерство иностранных дел России заявило во вторник, что переговоры продолжатся.',
  'Le ministère a déclaré mardi que les négociations reprendraient à Genève, selon l’AFP.',
  'Die Regierung in Berlin erklärte am Dienstag, dass die Gespräche fortgesetzt würden.',
  'El gobierno español anunció el martes que las conversaciones continuarán en Madrid.',
  'Ο υπουργός είπε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα στην Αθήνα.',
  '정부는 화요일 회담이 계속될 것이라고 밝혔다.',
  '12345 — 678',
  'Emoji 🎉 in a line 👍🏽 with “curly quotes” and ‘single’ ones — and dashes – too.',
  'He said: \u00a0 "we\u2019re ready"\u2009— the talks\u202fcontinue\u3000now.',
  'WorldChina and Russia Sign a Deal',
];

/** `count` document texts, the same on every call. */
export function sampleTexts(count: number): string[] {
  const seeds = readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(new URL(name, SEEDS_DIR), 'utf8'));
  const lines = [...seeds.flatMap((text) => text.split('\n')), ...EXTRA_LINES];
  const next = seededRandom(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const texts: string[] = [...seeds];
  while (texts.length < count) {
    const parts: string[] = [];
    const length = 1 + Math.floor(next() * 30);
    for (let k = 0; k < length; k++) {
      const line = pick(lines);
      const r = next();
      // Cut a line at a random place now and then, so stops land at line ends and text ends.
      parts.push(r < 0.1 ? line.slice(0, Math.floor(next() * line.length)) : line);
      parts.push(pick(['\n', '\n', '\n\n', '\n\n', '\r\n', '\n \n', ' ', '\n\n\n', '\u2029']));
    }
    const text = parts.join('');
    texts.push(next() < 0.3 ? text.trim() : text);
  }
  return texts.slice(0, count);
}
