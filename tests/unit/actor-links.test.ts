import { describe, expect, it } from 'vitest';
import { actorNamedAt, linkClaim, setRefPart, textLinkSource } from '../../shared/actorLinks.ts';
import type { NamedActor } from '../../shared/suggestions.ts';

const ACTORS: NamedActor[] = [
  { id: 1, name: 'China', code: 'CHN', aliases: ['Beijing'] },
  { id: 2, name: 'United States', code: 'USA', aliases: ['U.S.', 'US', 'Washington'] },
  { id: 3, name: 'Israel', code: 'ISR', aliases: [] },
  { id: 4, name: 'Kremlin', code: null, aliases: ['the Kremlin'] },
  { id: 5, name: 'Israel Defense Forces', code: 'IDF', aliases: [] },
];
/** The actor the whole of `words` names, read as a text of its own. */
const namedBy = (words: string) => actorNamedAt({ start: 0, end: words.length }, textLinkSource(words, { start: 0, end: words.length }, ACTORS));
const TEXT = 'Beijing urged us and the US to talk. The Chinese envoy to Israel and China’s minister met. China said China agrees.';
const span = (words: string, from = 0) => ({ start: TEXT.indexOf(words, from), end: TEXT.indexOf(words, from) + words.length });
const sentenceOf = (index: number) => {
  const starts = [0, TEXT.indexOf('The Chinese'), TEXT.indexOf('China said')];
  return { start: starts[index]!, end: starts[index + 1] ?? TEXT.length };
};

describe('the actor a span names', () => {
  it('is the one actor whose name, alias or code is the whole span, allowing "the" and a possessive', () => {
    expect(namedBy('Beijing')).toBe(1);
    expect(namedBy('CHN')).toBe(1);
    expect(namedBy('China’s')).toBe(1);
    expect(namedBy('the US')).toBe(2);
    expect(namedBy('the Kremlin')).toBe(4);
    expect(namedBy('U.S.')).toBe(2);
  });

  it('is no one for a span that only contains a name, names two, or misses the case rule of short names', () => {
    expect(namedBy('The Chinese envoy to Israel')).toBeNull();
    expect(namedBy('China and Israel')).toBeNull();
    expect(namedBy('us')).toBeNull();
    expect(namedBy('')).toBeNull();
  });

  it('is read in its context, so a name inside a longer one names no one (longest name first)', () => {
    const text = 'The Israel Defense Forces said Israel would respond.';
    const sentence = { start: 0, end: text.length };
    const source = textLinkSource(text, sentence, ACTORS);
    const at = (words: string, from = 0) => ({ start: text.indexOf(words, from), end: text.indexOf(words, from) + words.length });
    expect(actorNamedAt(at('Israel'), source)).toBeNull();
    expect(actorNamedAt(at('Israel Defense Forces'), source)).toBe(5);
    expect(actorNamedAt(at('The Israel Defense Forces'), source)).toBe(5);
    expect(actorNamedAt(at('Israel', 10), source)).toBe(3);
    // A picked Israel gets its own mention, not the first word of the IDF's name.
    const linked = linkClaim({ speaker: { actorId: 5 }, stance: 'condemn', target: { actorId: 3 } }, source);
    expect(linked.speaker).toEqual({ actorId: 5, span: at('Israel Defense Forces') });
    expect(linked.target).toEqual({ actorId: 3, span: at('Israel', 10) });
  });
});

describe('linking a claim', () => {
  it('gives a span its actor and a picked actor the first place its sentence names it, one place per side', () => {
    const source = textLinkSource(TEXT, sentenceOf(2), ACTORS);
    const linked = linkClaim({ speaker: { actorId: 1 }, stance: 'support', target: { actorId: 1, span: null } }, source);
    expect(linked.speaker).toEqual({ actorId: 1, span: span('China', sentenceOf(2).start) });
    expect(linked.target).toEqual({ actorId: 1, span: span('China', sentenceOf(2).start + 6) });
  });

  it('leaves an actor alone whose name is not in its sentence, and a claim with both sides untouched', () => {
    const source = textLinkSource(TEXT, sentenceOf(0), ACTORS);
    const claim = { speaker: { actorId: 3, span: null }, stance: 'condemn', target: { actorId: 2, span: span('Beijing') } };
    expect(linkClaim(claim, source).speaker).toEqual({ actorId: 3, span: null });
    const whole = { speaker: { actorId: 2, span: span('Beijing') }, stance: 'condemn', target: { actorId: 1, span: span('Beijing') } };
    expect(linkClaim(whole, source)).toBe(whole);
  });
});

describe('setting one part of a ref in the workspace', () => {
  const source = textLinkSource(TEXT, sentenceOf(1), ACTORS);

  it('gives a new span the actor it names, and moves a link that only came from the old span', () => {
    expect(setRefPart(null, { span: span('China’s') }, source, null)).toEqual({ actorId: 1, span: span('China’s') });
    expect(setRefPart({ actorId: 3, span: span('Israel') }, { span: span('China’s') }, source, null)).toEqual({ actorId: 1, span: span('China’s') });
  });

  it('keeps an actor chosen apart from its span, and any actor when the new span names no one', () => {
    // China picked for the words "Israel" (a coding, not a name): re-marking keeps China.
    expect(setRefPart({ actorId: 1, span: span('Israel') }, { span: span('China’s') }, source, null)).toEqual({ actorId: 1, span: span('China’s') });
    expect(setRefPart({ actorId: 1, span: null }, { span: span('Israel') }, source, null)).toEqual({ actorId: 1, span: span('Israel') });
    expect(setRefPart({ actorId: 1, span: span('China’s') }, { span: span('The Chinese envoy') }, source, null)).toEqual({
      actorId: 1,
      span: span('The Chinese envoy'),
    });
  });

  it('keeps the span when an actor is picked, and otherwise finds the actor in the sentence', () => {
    expect(setRefPart(null, { actorId: 3 }, source, null)).toEqual({ actorId: 3, span: span('Israel') });
    expect(setRefPart({ actorId: 3, span: span('Israel') }, { actorId: 1 }, source, null)).toEqual({ actorId: 1, span: span('Israel') });
    expect(setRefPart(null, { actorId: 2 }, source, null)).toEqual({ actorId: 2, span: null });
  });
});
