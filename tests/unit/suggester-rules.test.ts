// The built-in suggester's rules (server/suggestions/rules.ts) on sentences written for these tests,
// not taken from the gold set: each rule the issue asks for, as a reader would check it.
import { describe, expect, it } from 'vitest';
import { suggestDocument, type SuggesterActor } from '../../server/suggestions/rules.ts';
import { compileActorMatcher } from '../../shared/suggestions.ts';

const registry: SuggesterActor[] = [
  { id: 1, name: 'China', kind: 'state', code: 'CHN', aliases: ['Beijing'], parentId: null },
  { id: 2, name: 'Russia', kind: 'state', code: 'RUS', aliases: ['Moscow', 'Kremlin'], parentId: null },
  { id: 3, name: 'United States', kind: 'state', code: 'USA', aliases: ['U.S.', 'Washington'], parentId: null },
  { id: 4, name: 'Israel', kind: 'state', code: 'ISR', aliases: [], parentId: null },
  { id: 5, name: 'Iran', kind: 'state', code: 'IRN', aliases: ['Tehran'], parentId: null },
  { id: 6, name: 'Turkey', kind: 'state', code: 'TUR', aliases: [], parentId: null },
  { id: 10, name: 'Xi Jinping', kind: 'person', code: null, aliases: ['Xi'], parentId: 1 },
  { id: 11, name: 'Vladimir Putin', kind: 'person', code: null, aliases: ['Putin'], parentId: 2 },
  { id: 12, name: 'Mao Ning', kind: 'person', code: null, aliases: [], parentId: 1 },
  { id: 13, name: 'Jane Doe', kind: 'person', code: null, aliases: [], parentId: null },
  { id: 20, name: 'Israel–Iran conflict', kind: 'issue', code: null, aliases: ['Israel-Iran conflict'], parentId: null },
  { id: 21, name: 'Yemen conflict', kind: 'issue', code: null, aliases: ['war in Yemen'], parentId: null },
];
const names = new Map(registry.map((actor) => [actor.id, actor.name]));

/** The claims the rules propose for each sentence (one string per sentence, paragraphs apart). */
function suggest(...sentences: string[]) {
  let text = '';
  const spans = sentences.map((sentence, id) => {
    const start = text.length;
    text += `${sentence}\n\n`;
    return { id, start, end: start + sentence.length, boilerplate: false };
  });
  const claims = suggestDocument({
    text,
    sentences: spans,
    actors: registry,
    mentions: compileActorMatcher(registry),
    stanceKeys: ['condemn', 'support', 'mediate'],
  });
  return {
    text,
    claims,
    /** "speaker stance target" per claim of sentence `i`, with (negated) or (hypothetical) when set. */
    of: (i: number) =>
      claims
        .filter((c) => c.sentenceId === i)
        .map(
          (c) =>
            `${names.get(c.speaker.actorId)} ${c.stance}${c.negated ? ' (negated)' : ''}${c.hypothetical ? ' (hypothetical)' : ''} ${names.get(c.target.actorId)}`,
        ),
  };
}

describe('the built-in suggester', () => {
  it('gives one claim per coordinated speaker and per coordinated target', () => {
    expect(suggest('Russia and China both condemned the strike on Iran.').of(0)).toEqual(['Russia condemn Iran', 'China condemn Iran']);
    expect(suggest('Beijing praised Turkey and Iran for their restraint.').of(0)).toEqual(['China support Turkey', 'China support Iran']);
    expect(suggest('On Monday, Xi and Putin denounced Washington.').of(0)).toEqual(['China condemn United States', 'Russia condemn United States']);
  });

  it('finds the speaker named after a quote, and codes the spokesperson as her state', () => {
    const { of, claims, text } = suggest('“We firmly oppose Israel’s strikes,” Mao Ning told reporters.');
    expect(of(0)).toEqual(['China condemn Israel']);
    expect(text.slice(claims[0]!.speaker.span.start, claims[0]!.speaker.span.end)).toBe('Mao Ning');
  });

  it('takes "the spokesman said" and "He also…" to be the previous sentence’s speaker, with the span there', () => {
    const { of, claims, text } = suggest(
      'Chinese President Xi Jinping met the Turkish leader on Monday and praised Turkey.',
      '“We welcome Tehran’s offer,” the spokesman said.',
      'He also criticized Washington’s decision to impose tariffs.',
    );
    expect(of(0)).toEqual(['China support Turkey']);
    expect(of(1)).toEqual(['China support Iran']);
    expect(of(2)).toEqual(['China condemn United States']);
    const he = claims.find((c) => c.sentenceId === 2)!;
    expect(text.slice(he.speaker.span.start, he.speaker.span.end)).toBe('Xi Jinping');
  });

  it('names the target of a possessive ("Washington’s decision")', () => {
    expect(suggest('Moscow criticized Washington’s decision to send troops.').of(0)).toEqual(['Russia condemn United States']);
  });

  it('sets negated for "did not criticize" and "stopped short of condemning", keeping the stance', () => {
    expect(suggest('Beijing did not criticize Tehran for the attack.').of(0)).toEqual(['China condemn (negated) Iran']);
    expect(suggest('Putin stopped short of condemning Israel.').of(0)).toEqual(['Russia condemn (negated) Israel']);
    expect(suggest('Putin condemned the attacks without naming Iran.').of(0)).toEqual(['Russia condemn (negated) Iran']);
  });

  it('sets hypothetical for a stance only considered', () => {
    expect(suggest('Washington is considering whether it would support Israel.').of(0)).toEqual(['United States support (hypothetical) Israel']);
  });

  it('targets a call on all parties at the conflict, named in the sentence or before it, never at a party', () => {
    const { of } = suggest('Fighting in the Israel-Iran conflict grew worse on Sunday.', 'Xi urged all parties, especially Israel, to show restraint.');
    expect(of(0)).toEqual([]);
    expect(of(1)).toEqual(['China mediate Israel–Iran conflict']);
    expect(suggest('Turkey offered to mediate in the war in Yemen.').of(0)).toEqual(['Turkey mediate Yemen conflict']);
  });

  it('never makes an issue the speaker, and proposes nothing half-empty', () => {
    const { claims } = suggest('The Israel-Iran conflict condemned thousands to flee.', 'Analysts praised the plan.', 'Jane Doe criticized the decision.');
    expect(claims).toEqual([]);
  });

  it('codes people as their state only when the registry gives them one', () => {
    expect(suggest('Jane Doe criticized Putin.').of(0)).toEqual(['Jane Doe condemn Russia']);
  });

  it('reads "vice versa" and a mutual relation as both directions', () => {
    expect(suggest('Beijing reaffirmed its support for Moscow and vice versa.').of(0)).toEqual(['China support Russia', 'Russia support China']);
    expect(suggest('Russia and Iran announced a strategic partnership.').of(0)).toEqual(['Russia support Iran', 'Iran support Russia']);
  });

  it('resolves "They" to the group named before', () => {
    const { of } = suggest('Russia and China met in Moscow.', 'They criticized Israel.');
    expect(of(1)).toEqual(['Russia condemn Israel', 'China condemn Israel']);
  });

  it('does not read a cue inside a name or a hyphenated modifier', () => {
    expect(suggest('The United States Navy arrived.', 'The Iran-backed group attacked.').claims).toEqual([]);
  });

  it('proposes only stances the project has', () => {
    const text = 'Xi praised Turkey and criticized Israel.';
    const claims = suggestDocument({
      text,
      sentences: [{ id: 0, start: 0, end: text.length, boilerplate: false }],
      actors: registry,
      mentions: compileActorMatcher(registry),
      stanceKeys: ['condemn'],
    });
    expect(claims.map((c) => [names.get(c.speaker.actorId), c.stance, names.get(c.target.actorId)])).toEqual([['China', 'condemn', 'Israel']]);
  });

  it('reads "X praised Y and criticized Z" as two claims of X', () => {
    expect(suggest('Xi praised Turkey and criticized Israel.').of(0)).toEqual(['China support Turkey', 'China condemn Israel']);
  });
});
