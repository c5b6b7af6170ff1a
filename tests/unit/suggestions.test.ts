import { describe, expect, it } from 'vitest';
import { findActorMentions, snapToWords, wordSpans, type NamedActor } from '../../shared/suggestions.ts';
// The cue lexicon the workspace ran before issue 16, kept as the suggestion bench's baseline.
import { findCues, suggestClaims } from '../../server/suggestions/lexicon.ts';

const actors: NamedActor[] = [
  { id: 1, name: 'China', code: 'CHN', aliases: ['Beijing', 'Chinese Foreign Ministry', 'Chinese Foreign Ministry spokesperson'] },
  { id: 2, name: 'Russia', code: 'RUS', aliases: ['Kremlin', 'Moscow'] },
  { id: 3, name: 'United States', code: 'USA', aliases: ['US', 'the US', 'U.S.', 'Washington'] },
  { id: 4, name: 'Israel', code: 'ISR', aliases: [] },
  { id: 5, name: 'Xi Jinping', code: null, aliases: ['Xi'] },
  { id: 6, name: 'Israel–Iran conflict', code: null, aliases: ['Israel-Iran conflict', 'Iran conflict'] },
  { id: 7, name: 'Iran', code: 'IRN', aliases: [] },
];

const texts = (text: string, spans: { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));

describe('actor mentions', () => {
  it('finds names and aliases case-insensitively, as whole words, with document offsets', () => {
    const text = 'Yesterday beijing and the KREMLIN criticized Israel.';
    const mentions = findActorMentions(text, actors, 100);
    expect(mentions.map((m) => m.actorId)).toEqual([1, 2, 4]);
    expect(mentions.map((m) => text.slice(m.start - 100, m.end - 100))).toEqual(['beijing', 'KREMLIN', 'Israel']);
  });

  it('does not match inside longer words', () => {
    expect(findActorMentions('Chinese scholars and Israelis met in Iranshahr.', actors)).toEqual([]);
  });

  it('matches short all-caps aliases only in capitals', () => {
    const text = 'Let us hope the US and the EU talk; CHN agreed.';
    const found = findActorMentions(text, actors);
    expect(texts(text, found)).toEqual(['the US', 'CHN']);
    expect(found.map((m) => m.actorId)).toEqual([3, 1]);
  });

  it('prefers the longest name at a position and drops names inside it', () => {
    const text = 'The Chinese Foreign Ministry spokesperson spoke on the Israel-Iran conflict and the U.S. role.';
    const found = findActorMentions(text, actors);
    expect(texts(text, found)).toEqual(['Chinese Foreign Ministry spokesperson', 'Israel-Iran conflict', 'U.S.']);
    expect(found.map((m) => m.actorId)).toEqual([1, 6, 3]);
  });

  it('matches a possessive name ("Israel\'s")', () => {
    expect(texts("Israel's actions", findActorMentions("Israel's actions", actors))).toEqual(['Israel']);
  });
});

describe('stance cues', () => {
  const keys = ['condemn', 'support', 'mediate'];
  it('finds inflected cues and phrases of each stance', () => {
    const text = 'Xi criticized Israel, backed Iran, and urged all parties to a ceasefire and de-escalation.';
    const cues = findCues(text, keys);
    expect(cues.map((c) => [text.slice(c.start, c.end), c.stance])).toEqual([
      ['criticized', 'condemn'],
      ['backed', 'support'],
      ['urged all parties', 'mediate'],
      ['ceasefire', 'mediate'],
      ['de-escalation', 'mediate'],
    ]);
  });

  it('ignores stances the project does not have and words that only start like a cue', () => {
    expect(findCues('They offered to mediate.', ['condemn'])).toEqual([]);
    expect(findCues('He came back and gave his background.', keys)).toEqual([]);
  });
});

describe('suggested claims', () => {
  it('takes the nearest actor before the cue as speaker and the first after it as target', () => {
    const text = 'Beijing said Xi criticized Israel over Iran.';
    const suggestions = suggestClaims(findActorMentions(text, actors), findCues(text, ['condemn']));
    expect(suggestions).toHaveLength(1);
    const [s] = suggestions;
    expect(s!.stance).toBe('condemn');
    expect(s!.speaker?.actorId).toBe(5);
    expect(s!.target?.actorId).toBe(4);
    expect(text.slice(s!.cue.start, s!.cue.end)).toBe('criticized');
  });

  it('records an official as their state when asked to', () => {
    const text = 'Xi criticized Israel.';
    const [s] = suggestClaims(findActorMentions(text, actors), findCues(text, ['condemn']), (id) => (id === 5 ? 1 : id));
    expect(s).toMatchObject({ speaker: { actorId: 1, span: { start: 0, end: 2 } }, target: { actorId: 4 } });
  });

  it('proposes a claim with a missing side when the cue has an actor on one side only', () => {
    const text = 'Instead, he urged all parties, particularly Israel, to cease hostilities.';
    const suggestions = suggestClaims(findActorMentions(text, actors), findCues(text, ['mediate']));
    expect(suggestions[0]).toMatchObject({ stance: 'mediate', speaker: null, target: { actorId: 4 } });
  });

  it('proposes nothing for a cue without actors', () => {
    expect(suggestClaims([], findCues('They called for dialogue.', ['mediate']))).toEqual([]);
  });
});

describe('word spans and snapping', () => {
  const text = 'He met Geng Shuang in the U.S. yesterday.';
  it('splits words, keeping the dots of abbreviations but not the full stop', () => {
    expect(texts(text, wordSpans(text))).toEqual(['He', 'met', 'Geng', 'Shuang', 'in', 'the', 'U.S.', 'yesterday']);
  });

  it('widens a selection to whole words and trims spaces and punctuation', () => {
    const start = text.indexOf('ng Sh');
    expect(texts(text, [snapToWords(text, { start, end: start + 5 })!])).toEqual(['Geng Shuang']);
    const us = text.indexOf(' U.S');
    expect(texts(text, [snapToWords(text, { start: us, end: us + 4 })!])).toEqual(['U.S.']);
    const last = text.indexOf('yesterday');
    expect(texts(text, [snapToWords(text, { start: last - 1, end: text.length })!])).toEqual(['yesterday']);
  });

  it('returns null when the selection holds no word', () => {
    expect(snapToWords(text, { start: 2, end: 3 })).toBeNull();
  });
});
