import { describe, expect, it } from 'vitest';
import { matchingSentences, nextMatch, sentenceNumberIndex } from '../../client/annotations/find.ts';
import { resumeIndex } from '../../client/annotations/progress.ts';
import { labelSummary } from '../../client/annotations/summary.ts';
import { draftHasContent, fieldAfter, fieldBefore, firstMissing } from '../../client/annotations/editorSteps.ts';
import { codedActor } from '../../client/annotations/coding.ts';
import { EMPTY_DRAFT } from '../../client/annotations/claims.ts';
import { isAuthorName } from '../../shared/authorActor.ts';
import { DEFAULT_STANCE_LABELS } from '../../shared/schemas/projects.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation, Claim } from '../../shared/schemas/annotations.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

const TEXT = 'Erdoğan spoke. Russia condemned Israel. Leave a Reply. China urged talks.';
const sentenceAt = (index: number, text: string, boilerplate = false): Sentence => {
  const start = TEXT.indexOf(text);
  return { id: index + 1, index, paragraph: 0, start, end: start + text.length, text, boilerplate };
};
const sentences = [
  sentenceAt(0, 'Erdoğan spoke.'),
  sentenceAt(1, 'Russia condemned Israel.'),
  sentenceAt(2, 'Leave a Reply.', true),
  sentenceAt(3, 'China urged talks.'),
];
const annotation = (sentenceId: number, status: Annotation['status'], claims: Claim[] = []): Annotation => ({
  sentenceId,
  annotatorId: 1,
  status,
  claims,
  note: status === 'skipped' ? 'why' : null,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const actor = (id: number, name: string, kind: Actor['kind'] = 'state', parentId: number | null = null): Actor => ({
  id,
  projectId: 1,
  name,
  kind,
  code: null,
  aliases: [],
  parentId,
  status: 'accepted',
});

describe('where a document opens', () => {
  it('at its first sentence that still needs a label, boilerplate passed over', () => {
    expect(resumeIndex(sentences, new Map())).toBe(0);
    expect(resumeIndex(sentences, new Map([[1, annotation(1, 'no_claim')]]))).toBe(1);
    expect(resumeIndex(sentences, new Map([1, 2].map((id) => [id, annotation(id, 'no_claim')])))).toBe(3);
  });

  it('at its first sentence when every sentence is labelled', () => {
    expect(resumeIndex(sentences, new Map([1, 2, 4].map((id) => [id, annotation(id, 'no_claim')])))).toBe(0);
  });
});

describe('searching the sentences', () => {
  it('finds sentences by their text, case and accents aside', () => {
    expect(matchingSentences(sentences, 'erdogan')).toEqual([0]);
    expect(matchingSentences(sentences, 'ISRAEL')).toEqual([1]);
    expect(matchingSentences(sentences, 'ed')).toEqual([1, 3]);
    expect(matchingSentences(sentences, '   ')).toEqual([]);
  });

  it('moves to the next or previous match, wrapping around', () => {
    expect(nextMatch([0, 2, 5], 2, 1)).toBe(5);
    expect(nextMatch([0, 2, 5], 5, 1)).toBe(0);
    expect(nextMatch([0, 2, 5], 3, -1)).toBe(2);
    expect(nextMatch([0, 2, 5], 0, -1)).toBe(5);
    expect(nextMatch([], 0, 1)).toBe(-1);
  });

  it('reads a sentence number as the list shows it (from 1), refusing others', () => {
    expect(sentenceNumberIndex('1', 4)).toBe(0);
    expect(sentenceNumberIndex(' 4 ', 4)).toBe(3);
    expect(sentenceNumberIndex('5', 4)).toBeNull();
    expect(sentenceNumberIndex('0', 4)).toBeNull();
    expect(sentenceNumberIndex('2a', 4)).toBeNull();
  });
});

describe('a sentence label in short', () => {
  const byId = new Map([actor(1, 'Russia'), actor(2, 'Israel'), actor(3, 'China')].map((a) => [a.id, a]));
  const claim = (speaker: Claim['speaker'], stance: string, target: Claim['target']): Claim => ({
    id: 1,
    speaker,
    stance,
    target,
    cue: null,
    negated: false,
    hypothetical: false,
    origin: 'manual',
  });
  const summary = (a: Annotation | undefined) => labelSummary(a, byId, DEFAULT_STANCE_LABELS, TEXT);

  it('names each claim: speaker — stance → target, a span-only ref by its words', () => {
    const israel = { start: TEXT.indexOf('Israel'), end: TEXT.indexOf('Israel') + 6 };
    expect(summary(annotation(2, 'claims', [claim({ actorId: 1, span: null }, 'condemn', { actorId: null, span: israel })]))).toEqual([
      'Russia — condemn → “Israel”',
    ]);
  });

  it('spells out two claims and counts the rest', () => {
    const c = claim({ actorId: 3, span: null }, 'mediate', { actorId: 2, span: null });
    expect(summary(annotation(4, 'claims', [c, c, c]))).toEqual(['China — mediate → Israel', 'China — mediate → Israel', '+1 more']);
  });

  it('says when a claim is negated or hypothetical, so that it does not read as its plain stance', () => {
    const c = claim({ actorId: 3, span: null }, 'support', { actorId: 1, span: null });
    expect(
      summary(
        annotation(2, 'claims', [
          { ...c, negated: true },
          { ...c, negated: true, hypothetical: true },
        ]),
      ),
    ).toEqual(['China — support → Russia (negated)', 'China — support → Russia (negated, hypothetical)']);
    expect(summary(annotation(2, 'claims', [{ ...c, hypothetical: true }]))).toEqual(['China — support → Russia (hypothetical)']);
  });

  it('says no claim, skipped, or nothing', () => {
    expect(summary(annotation(1, 'no_claim'))).toEqual(['no claim']);
    expect(summary(annotation(1, 'skipped'))).toEqual(['skipped']);
    expect(summary(undefined)).toEqual([]);
  });
});

describe('the claim editor steps', () => {
  it('Esc goes back one field, out of the editor from the speaker', () => {
    expect(fieldBefore('target')).toBe('stance');
    expect(fieldBefore('stance')).toBe('speaker');
    expect(fieldBefore('speaker')).toBeNull();
    expect(fieldBefore('flags')).toBe('target');
    expect(fieldAfter('speaker')).toBe('stance');
    expect(fieldAfter('target')).toBe('speaker');
  });

  it('goes on at the first missing field, whatever order the parts came in', () => {
    const russia = { actorId: 1, span: null };
    expect(firstMissing(EMPTY_DRAFT)).toBe('speaker');
    expect(firstMissing({ ...EMPTY_DRAFT, target: russia })).toBe('speaker');
    expect(firstMissing({ ...EMPTY_DRAFT, speaker: russia, target: russia })).toBe('stance');
    expect(firstMissing({ ...EMPTY_DRAFT, stance: 'condemn', speaker: russia })).toBe('target');
  });

  it('keeps a draft that holds anything the user gave', () => {
    expect(draftHasContent(null)).toBe(false);
    expect(draftHasContent(EMPTY_DRAFT)).toBe(false);
    expect(draftHasContent({ ...EMPTY_DRAFT, stance: 'condemn' })).toBe(true);
    expect(draftHasContent({ ...EMPTY_DRAFT, negated: true })).toBe(true);
  });
});

describe('coding a picked actor', () => {
  const china = actor(3, 'China');
  const xi = actor(4, 'Xi Jinping', 'person', 3);
  const expert = actor(5, 'Liu Zhongmin', 'person');
  const byId = new Map([china, xi, expert].map((a) => [a.id, a]));

  it('records an official as their state, anyone else as themselves', () => {
    expect(codedActor(xi, byId)).toBe(china);
    expect(codedActor(expert, byId)).toBe(expert);
    expect(codedActor(china, byId)).toBe(china);
  });

  it('knows the author/outlet by its name, case and spacing aside', () => {
    expect(isAuthorName('The  Author/Outlet ')).toBe(true);
    expect(isAuthorName('the author')).toBe(false);
  });
});
