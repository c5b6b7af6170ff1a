import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { segment } from '../../server/text/segment.ts';
import { detectTitle, flagBoilerplate, isChromeText } from '../../server/text/structure.ts';

const seed = (name: string): string => readFileSync(new URL(`../../seeds/${name}`, import.meta.url), 'utf8');

/** The line holding a sentence, whitespace collapsed: the unit the expectations below are written in. */
function lineOf(text: string, start: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', start);
  return text
    .slice(from, nl === -1 ? text.length : nl)
    .replace(/\s+/g, ' ')
    .trim();
}

// Per seed: the headline, and every line whose sentences are site chrome (checked by eye against
// the seed files). Everything else, including subheadings and photo captions, is article text.
const SEEDS: Record<string, { title: string; boilerplate: string[] }> = {
  '000_5ab1ce348375dfa9.txt': {
    title: 'China Ready to Coordinate with Russia on Middle East Crisis',
    boilerplate: [
      'Home Latest Insights | News China Ready to Coordinate with Russia on Middle East Crisis',
      // The headline stands twice; the second is the page's repeat (see the dedicated test).
      'China Ready to Coordinate with Russia on Middle East Crisis',
      'Tekedia Mini-MBA (Feb 5 – May 4, 2024) has started; registration continues here.',
      'Tekedia AI in Business Masterclass opens registrations here.',
      'Join Tekedia Capital Syndicate and invest in Africa’s finest startups here.',
      'No posts to display',
      'Post Comment',
      'Please enter your comment!',
      'Please enter your name here',
    ],
  },
  '001_7aebcf7ab61dba2b.txt': {
    title: 'China ready to improve ties with Russia over Middle East situation',
    boilerplate: [
      '3 Min Read',
      'SEE ALSO: Australia Calls For Another Mass Evacuation As Monster Bushfires Return',
      'READ: Apple App Store Breaks Record, Gains $386m In One Day',
      'Share this Article',
      'Leave a comment',
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
      'This site uses Akismet to reduce spam. Learn how your comment data is processed.',
    ],
  },
  '002_bf7d06e5bfde3889.txt': {
    title: 'China and Russia Unite in Quest for Palestinian Rights Amid Israel-Gaza Crisis',
    boilerplate: [
      '-3.1 C',
      'Sunday, December 3, 2023',
      'WorldChina and Russia Unite in Quest for Palestinian Rights Amid Israel-Gaza Crisis',
      'Read More:',
      'Check out our other content',
      'Check out other tags:',
      'Most Popular Articles',
    ],
  },
  '003_d573818db18c95cc.txt': {
    title: 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict',
    boilerplate: ['Add a comment', 'Leave a Reply', 'Your email address will not be published. Required fields are marked *'],
  },
  '004_1513bdee8299cb1a.txt': {
    title: 'China and Syria Announce Strategic Partnership',
    boilerplate: [
      'Home » China and Syria Announce Strategic Partnership » China and Syria Announce Strategic Partnership',
      'Find More International News Here',
      'China and Syria Announce Strategic Partnership_4.1',
      'Republican-Led House Panel Initiates Biden Impeachment Inquiry_110.1',
    ],
  },
};

describe('detectTitle', () => {
  for (const [name, { title }] of Object.entries(SEEDS)) {
    it(`finds the headline of ${name}`, () => {
      expect(detectTitle(seed(name))).toBe(title);
    });
  }

  it('looks past navigation crumbs, date strips and reading-time lines', () => {
    expect(detectTitle('Home » World » Asia\nTuesday, June 24, 2025 | 31°C\n5 min read\n\nTalks Resume in Doha\n\nBody.')).toBe('Talks Resume in Doha');
  });

  it('returns null when the text opens with prose', () => {
    expect(detectTitle('China said on Tuesday it was ready to mediate. Russia agreed.\n\nMore text.')).toBeNull();
    expect(detectTitle('the ministry said it would respond to the statement in due course after consulting partners\n')).toBeNull();
    expect(detectTitle('')).toBeNull();
    expect(detectTitle('\n\n  \nLeave a Reply\n')).toBeNull();
  });

  it('accepts a headline ending in an abbreviation but not one ending in a full stop', () => {
    expect(detectTitle('Beijing Warns the U.S.\n\nText.')).toBe('Beijing Warns the U.S.');
    expect(detectTitle('Beijing warned Washington.\n\nText.')).toBeNull();
  });

  it('takes a long sentence-case line as a lede, a long Title Case line as a headline', () => {
    const lede = 'China and Russia said on Tuesday that they would work together to calm the situation in the region';
    const headline = 'China and Russia Say They Will Work Together to Calm the Situation in the Region After Talks';
    expect(detectTitle(`${lede}\n`)).toBeNull();
    expect(detectTitle(`${headline}\n`)).toBe(headline);
  });
});

describe('flagBoilerplate on the seed articles', () => {
  for (const [name, { title, boilerplate }] of Object.entries(SEEDS)) {
    it(`flags the site chrome of ${name} and no article sentence`, () => {
      const text = seed(name);
      const sentences = segment(text);
      const flags = flagBoilerplate(text, sentences);
      expect(flags).toHaveLength(sentences.length);

      const expected = new Set(boilerplate);
      // The headline's own line is article text even where its repeats are listed as chrome.
      const headline = sentences.findIndex((s) => lineOf(text, s.start) === title);
      expect(headline).toBeGreaterThanOrEqual(0);
      const wrong = sentences
        .map((s, i) => ({ line: lineOf(text, s.start), sentence: text.slice(s.start, s.end), flag: flags[i], i }))
        .filter((s) => s.flag !== (s.i !== headline && expected.has(s.line)));
      expect(wrong).toEqual([]);
      // Every expected line is really in the seed (the expectations are not vacuous).
      const lines = new Set(sentences.map((s) => lineOf(text, s.start)));
      expect(boilerplate.filter((line) => !lines.has(line))).toEqual([]);
    });
  }

  it('keeps the first headline line and flags its repeats', () => {
    const text = seed('000_5ab1ce348375dfa9.txt');
    const sentences = segment(text);
    const flags = flagBoilerplate(text, sentences);
    const headline = 'China Ready to Coordinate with Russia on Middle East Crisis';
    const headlineFlags = sentences.filter((s) => text.slice(s.start, s.end) === headline).map((s) => flags[sentences.indexOf(s)]);
    expect(headlineFlags).toEqual([false, true]);
  });

  it('leaves photo captions and credits to the article', () => {
    const text = seed('003_d573818db18c95cc.txt');
    const sentences = segment(text);
    const flags = flagBoilerplate(text, sentences);
    const captions = sentences.filter((s) => /MGIMO|Photo credit/.test(text.slice(s.start, s.end)));
    expect(captions.length).toBeGreaterThan(0);
    expect(captions.map((s) => flags[sentences.indexOf(s)])).toEqual(captions.map(() => false));
  });

  it('flags without modifying the text and works on hand-made spans', () => {
    const text = 'Talks Resume\n\nThe talks resumed. Share this:\n\nLeave a Reply';
    const sentences = [
      { start: 0, end: 12, paragraph: 0 },
      { start: 14, end: 32, paragraph: 1 },
      { start: 33, end: 44, paragraph: 1 },
      { start: 46, end: 59, paragraph: 2 },
    ];
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['Talks Resume', 'The talks resumed.', 'Share this:', 'Leave a Reply']);
    expect(flagBoilerplate(text, sentences)).toEqual([false, false, true, true]);
  });
});

describe('isChromeText', () => {
  it.each([
    'Leave a Reply',
    'SEE ALSO: Australia Calls For Another Mass Evacuation',
    'READ: Apple App Store Breaks Record',
    'READ MORE: Oil prices rise',
    'Share this Article',
    'Share this:',
    '3 Min Read',
    'Tuesday, June 24, 2025 | 31°C',
    '-3.1 C',
    'Tekedia Mini-MBA (Feb 5 – May 4, 2024) has started; registration continues here.',
    'Tekedia AI in Business Masterclass opens registrations.',
    'Please enter your name here',
    'Please enter your comment!',
    'You have entered an incorrect email address!',
    'Subscribe to our newsletter',
    'Sign up for our daily newsletter',
    'We use cookies to improve your experience on our website.',
    'Related Articles',
    'Home Latest Insights | News China Ready to Coordinate with Russia',
    '© 2025 Global Wire. All rights reserved.',
  ])('flags %j', (line) => {
    expect(isChromeText(line)).toBe(true);
  });

  it.each([
    'Photo credit: shutterstock.com / mjaparidze - Kaliva.',
    'Image: Chinese President Xi Jinping in Moscow.',
    'China and Russia Stand United',
    'Gaza Crisis Background',
    'Home Secretary James Cleverly condemned the attack.',
    'Leaders from 20 countries will join the summit here.',
    'Voter registration opens on Monday, the election commission said.',
    'The course of the war changed in 2015, when Russia intervened.',
    'Read the full statement on the ministry website.',
    'Beijing said it would continue to share information with Moscow.',
    '“The Chinese side is ready to further strengthen strategic contact,” the spokesman said.',
    'On Jan. 3, the U.S. ordered the airstrike that killed Soleimani.',
  ])('keeps %j', (line) => {
    expect(isChromeText(line)).toBe(false);
  });
});
