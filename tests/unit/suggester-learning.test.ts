// The suggester's lessons from gold (server/suggestions/learning.ts): counts that add and subtract
// by document, a built-in cue re-read or dropped only on enough evidence, gold cue words learned
// only from two documents, and reasons that say what was learned.
import { describe, expect, it } from 'vitest';
import { addLessons, applyLessons, lessonsOf, noLessons, type GoldDocument } from '../../server/suggestions/learning.ts';
import { suggestDocument, type SuggesterActor } from '../../server/suggestions/rules.ts';
import { compileActorMatcher } from '../../shared/suggestions.ts';
import { countAsState } from '../../shared/suggestionScore.ts';

const actors: SuggesterActor[] = ['China', 'Russia', 'Israel', 'Iran'].map((name, i) => ({
  id: i + 1,
  name,
  kind: 'state',
  code: null,
  aliases: [],
  parentId: null,
}));
const [CHINA, RUSSIA, ISRAEL, IRAN] = [1, 2, 3, 4];
const mentions = compileActorMatcher(actors);
const countAs = countAsState(actors);
const STANCES = ['condemn', 'support', 'mediate'];

/** A document of one sentence per line, with gold claims per line (null: no gold). */
function doc(lines: string[], gold: (readonly [number, string, number, string?][] | null)[]): { document: GoldDocument; text: string } {
  const text = lines.join(' ');
  let at = 0;
  const sentences = lines.map((line, id) => {
    const s = { id, start: at, end: at + line.length, boilerplate: false };
    at += line.length + 1;
    return s;
  });
  const frames = new Map(
    gold.flatMap((claims, id) =>
      claims === null
        ? []
        : [
            [
              id,
              claims.map(([speaker, stance, target, cueWord]) => {
                const start = cueWord ? text.indexOf(cueWord, sentences[id]!.start) : -1;
                return { speaker, stance, target, cue: start < 0 ? null : { start, end: start + cueWord!.length } };
              }),
            ] as const,
          ],
    ),
  );
  return { document: { text, sentences, gold: frames }, text };
}
const lessons = (d: ReturnType<typeof doc>) =>
  lessonsOf(d.document, suggestDocument({ text: d.text, sentences: d.document.sentences, actors, mentions, stanceKeys: STANCES }), countAs);

describe('learning from gold', () => {
  it('judges each built-in cue by its claims in gold: right, read as another stance, or wrong', () => {
    const d = doc(
      ['China backed Israel.', 'Russia backed Iran.', 'Russia criticized Israel.'],
      [[[CHINA, 'support', ISRAEL]], [[RUSSIA, 'condemn', IRAN]], []],
    );
    const learned = lessons(d);
    expect(learned).toMatchObject({ documents: 1, sentences: 3, claims: 2 });
    expect(learned.cues['back(?:s|ed|ing)']).toEqual({ right: 1, wrong: 0, stances: { condemn: 1 } });
    expect(learned.cues['critici[sz](?:e|es|ed|ing)']).toEqual({ right: 0, wrong: 1, stances: {} });
  });

  it('re-reads a cue as another stance, or drops it, only on three claims or more; one document subtracts out again', () => {
    const backed = doc(
      ['China backed Israel.', 'Russia backed Iran.', 'China backed Iran.', 'Russia warned Israel.', 'China warned Iran.', 'Russia warned Iran.'],
      [[[CHINA, 'condemn', ISRAEL]], [[RUSSIA, 'condemn', IRAN]], [[CHINA, 'condemn', IRAN]], [], [], []],
    );
    const one = lessons(doc(['China backed Israel.'], [[[CHINA, 'condemn', ISRAEL]]]));
    const sum = addLessons(lessons(backed), one);
    const applied = applyLessons(sum, STANCES);
    const backedEntry = applied.cues!.find((entry) => entry.pattern === 'back(?:s|ed|ing)')!;
    expect(backedEntry.stance).toBe('condemn');
    expect(backedEntry.learned).toBe("learned: this project's gold read this cue as condemn (4 of 4 claims of other documents)");
    expect(applied.cues!.some((entry) => entry.pattern === 'warn(?:s|ed)')).toBe(false);
    // Without `backed`, one claim is no lesson: the built-in cues stand.
    const alone = applyLessons(addLessons(sum, lessons(backed), -1), STANCES);
    expect(alone.cues!.find((entry) => entry.pattern === 'back(?:s|ed|ing)')!.stance).toBe('support');
    expect(alone.cues!.some((entry) => entry.pattern === 'warn(?:s|ed)')).toBe(true);
  });

  it('adds a gold cue word marked in two documents, and the rules use it with the lesson as reason', () => {
    const first = lessons(doc(['China lauded Israel.'], [[[CHINA, 'support', ISRAEL, 'lauded']]]));
    const second = lessons(doc(['Russia lauded Iran.'], [[[RUSSIA, 'support', IRAN, 'lauded']]]));
    expect(applyLessons(first, STANCES).cues!.some((entry) => entry.learned)).toBe(false);
    const learned = applyLessons(addLessons(first, second), STANCES);
    const text = 'Iran lauded China.';
    const claims = suggestDocument({
      text,
      sentences: [{ id: 7, start: 0, end: text.length, boilerplate: false }],
      actors,
      mentions,
      stanceKeys: STANCES,
      learned,
    });
    expect(claims.map((c) => [c.speaker.actorId, c.stance, c.target.actorId])).toEqual([[IRAN, 'support', CHINA]]);
    expect(claims[0]!.reason).toContain('learned: gold marked "lauded" as a support cue in 2 claims of 2 other documents');
    // A stance the project does not have is never learned.
    expect(applyLessons(addLessons(first, second), ['condemn']).cues!.some((entry) => entry.learned)).toBe(false);
  });

  it('takes the issue gold made a mediate target most often for a conflict only referred to, saying so', () => {
    const issues: SuggesterActor[] = [
      { id: 10, name: 'Gaza war', kind: 'issue', code: null, aliases: [], parentId: null },
      { id: 11, name: 'Yemen conflict', kind: 'issue', code: null, aliases: [], parentId: null },
    ];
    const all = [...actors, ...issues];
    const matcher = compileActorMatcher(all);
    const text = 'The Gaza war went on. The Yemen conflict flared. China urged restraint in the region.';
    const sentences = ['The Gaza war went on.', 'The Yemen conflict flared.', 'China urged restraint in the region.'].map((line, id) => {
      const start = text.indexOf(line);
      return { id, start, end: start + line.length, boilerplate: false };
    });
    const target = (learned?: ReturnType<typeof applyLessons>) =>
      suggestDocument({ text, sentences, actors: all, mentions: matcher, stanceKeys: STANCES, learned }).map((c) => [c.target.actorId, c.reason]);
    // The codebook's rule: a bare reference takes the conflict named last.
    expect(target()).toEqual([[11, expect.stringContaining('the conflict named last before')]]);
    const taught = { ...noLessons(), documents: 2, mediateTargets: { '10': 3, '11': 1 } };
    expect(target(applyLessons(taught, STANCES))).toEqual([
      [10, expect.stringContaining("learned: the issue this project's gold made a mediate target most often (3 claims")],
    ]);
    // Not clearly more often (3 against 2): the codebook's rule stands.
    expect(target(applyLessons({ ...taught, mediateTargets: { '10': 3, '11': 2 } }, STANCES))).toEqual([[11, expect.stringContaining('named last')]]);
  });

  it('learns nothing from no gold', () => {
    expect(applyLessons(noLessons(), STANCES)).toEqual({});
  });
});
