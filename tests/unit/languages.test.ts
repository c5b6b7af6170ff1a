// Chinese, Japanese and Arabic text (issue 17, item 6): sentences, words, direction, actor names
// and the language detected at import.
import { describe, expect, it } from 'vitest';
import { segment } from '../../server/text/segment.ts';
import { detectTitle } from '../../server/text/structure.ts';
import { detectLanguage, LANGUAGE_PREFIX } from '../../server/text/language.ts';
import { detectLikeEld } from '../../server/text/eldFast.ts';
import { eld } from 'eld/extrasmall';
import { sampleTexts } from '../support/importSample.ts';
import { actorNamedAt, spanNaming, textLinkSource } from '../../shared/actorLinks.ts';
import { languageName, sentenceWords, snapToSentenceWords, textDirection } from '../../shared/language.ts';
import { findActorMentions, type NamedActor } from '../../shared/suggestions.ts';
import { matchActors } from '../../client/actors/match.ts';
import { Actor } from '../../shared/schemas/actors.ts';

const sentences = (text: string) => segment(text).map((s) => text.slice(s.start, s.end));
const words = (text: string, language: string | null) => sentenceWords(text, 0, language).map((w) => text.slice(w.start, w.end));

const ZH = '以色列国防军称，已打击加沙的目标。哈马斯谴责了这次袭击！联合国呼吁各方保持克制？以色列总理办公室回应。';
const JA = 'イスラエル国防軍は声明を発表した。ハマスは非難した！国連は自制を求めた？';
const AR = 'قال الجيش الإسرائيلي إنه قصف أهدافا في غزة. هل ستتوقف الحرب؟ دعت الأمم المتحدة إلى ضبط النفس! وقالت حماس إن الهجوم جريمة.';

describe('sentences of Chinese, Japanese and Arabic text', () => {
  it('end at 。！？ with no space after them', () => {
    expect(sentences(ZH)).toEqual(['以色列国防军称，已打击加沙的目标。', '哈马斯谴责了这次袭击！', '联合国呼吁各方保持克制？', '以色列总理办公室回应。']);
    expect(sentences(JA)).toEqual(['イスラエル国防軍は声明を発表した。', 'ハマスは非難した！', '国連は自制を求めた？']);
  });

  it('end at the Arabic question mark ؟, with or without a space after it, and at . and !', () => {
    expect(sentences(AR)).toEqual([
      'قال الجيش الإسرائيلي إنه قصف أهدافا في غزة.',
      'هل ستتوقف الحرب؟',
      'دعت الأمم المتحدة إلى ضبط النفس!',
      'وقالت حماس إن الهجوم جريمة.',
    ]);
    expect(sentences('هل ستتوقف الحرب؟دعت الأمم المتحدة')).toEqual(['هل ستتوقف الحرب؟', 'دعت الأمم المتحدة']);
  });
});

describe('the headline of a Chinese, Japanese or Arabic text', () => {
  it('is its first line, though these scripts have no capitals; a line ending in 。 is prose', () => {
    expect(detectTitle(`以色列与哈马斯冲突升级\n\n${ZH}`)).toBe('以色列与哈马斯冲突升级');
    expect(detectTitle(`「停戦」交渉が再開\n\n${JA}`)).toBe('「停戦」交渉が再開');
    expect(detectTitle(`الحرب في غزة\n\n${AR}`)).toBe('الحرب في غزة');
    expect(detectTitle(ZH)).toBeNull();
  });
});

describe('words of a sentence', () => {
  it('are found by the dictionary in Chinese and Japanese, so 以色列 is a word of its own', () => {
    expect(words('以色列国防军称，已打击加沙的目标。', 'zh').slice(0, 2)).toEqual(['以色列', '国防']);
    expect(words('以色列称', 'zh')).toEqual(['以色列', '称']);
    expect(words('イスラエル国防軍は声明を発表した。', 'ja')[0]).toBe('イスラエル');
  });

  it('keep Arabic vowel signs with their letters and English words as before', () => {
    expect(words('قال مُحَمَّد إنه', 'ar')).toEqual(['قال', 'مُحَمَّد', 'إنه']);
    expect(words('The U.S. and al-Assad met.', 'en')).toEqual(['The', 'U.S.', 'and', 'al-Assad', 'met']);
  });

  it('are offsets into the document, and a selection inside a Chinese word snaps to that word only', () => {
    const text = `Title\n\n${ZH}`;
    const sentence = { start: 7, end: 7 + ZH.indexOf('。') + 1 };
    expect(sentenceWords(text.slice(sentence.start, sentence.end), sentence.start, 'zh')[0]).toEqual({ start: 7, end: 10 });
    const at = () => sentence;
    expect(snapToSentenceWords(text, { start: 8, end: 9 }, at, 'zh')).toEqual({ start: 7, end: 10 });
    expect(snapToSentenceWords(text, { start: 9, end: 11 }, at, 'zh')).toEqual({ start: 7, end: 12 });
    const comma = text.indexOf('，');
    expect(snapToSentenceWords(text, { start: comma, end: comma + 1 }, at, 'zh')).toBeNull();
  });
});

describe('direction of a sentence', () => {
  it('follows its first letter, and the document language when it has none', () => {
    expect(textDirection('قال الجيش الإسرائيلي', 'ar')).toBe('rtl');
    expect(textDirection('«قال الجيش»', 'en')).toBe('rtl');
    expect(textDirection('IDF: قال الجيش', 'ar')).toBe('ltr');
    expect(textDirection('2024 – ١٢', 'ar')).toBe('rtl');
    expect(textDirection('2024', 'en')).toBe('ltr');
    expect(textDirection('以色列国防军称', 'zh')).toBe('ltr');
    expect(textDirection('צה"ל הודיע', null)).toBe('rtl');
  });
});

describe('actor names in scripts without spaces', () => {
  const ACTORS: NamedActor[] = [
    { id: 1, name: 'Israel', code: 'ISR', aliases: ['以色列', 'イスラエル', 'إسرائيل'] },
    { id: 2, name: 'Israel Defense Forces', code: 'IDF', aliases: ['以色列国防军', 'イスラエル国防軍'] },
    { id: 3, name: 'Hamas', code: null, aliases: ['哈马斯', 'حماس'] },
    { id: 4, name: 'China', code: 'CHN', aliases: [] },
  ];
  const found = (text: string) => findActorMentions(text, ACTORS).map((m) => [m.actorId, text.slice(m.start, m.end)]);

  it('match a name that touches the next word, longest name first', () => {
    expect(found('以色列总理办公室称，哈马斯谴责。')).toEqual([
      [1, '以色列'],
      [3, '哈马斯'],
    ]);
    expect(found('以色列国防军称')).toEqual([[2, '以色列国防军']]);
    expect(found('イスラエル国防軍は声明を発表した。イスラエルは')).toEqual([
      [2, 'イスラエル国防軍'],
      [1, 'イスラエル'],
    ]);
    expect(found('美国总统称China与以色列')).toEqual([
      [4, 'China'],
      [1, '以色列'],
    ]);
  });

  it('still match English and Arabic names as whole words only', () => {
    expect(found('The Israel Defense Forces said Israelis and Chinese in Israel.')).toEqual([
      [2, 'Israel Defense Forces'],
      [1, 'Israel'],
    ]);
    expect(found('وقالت حماس إن إسرائيل')).toEqual([
      [3, 'حماس'],
      [1, 'إسرائيل'],
    ]);
    expect(found('وقالت حماسة')).toEqual([]);
  });

  it('link a marked 以色列 to Israel and a picked Israel to its place in the sentence', () => {
    const text = '以色列国防军称，以色列不会停火。';
    const source = textLinkSource(text, { start: 0, end: text.length }, ACTORS);
    const second = text.indexOf('以色列', 1);
    expect(actorNamedAt({ start: second, end: second + 3 }, source)).toBe(1);
    expect(actorNamedAt({ start: 0, end: 3 }, source)).toBeNull(); // inside 以色列国防军, as "Israel" in "Israel Defense Forces"
    expect(spanNaming(1, source, null)).toEqual({ start: second, end: second + 3 });
  });

  it('are found by the picker from one character on', () => {
    const registry = ACTORS.map((actor) =>
      Actor.parse({
        id: actor.id,
        projectId: 1,
        name: actor.name,
        kind: 'state',
        code: actor.code,
        aliases: actor.aliases,
        parentId: null,
        status: 'accepted',
      }),
    );
    expect(matchActors(registry, '国防').map((m) => m.actor.id)).toEqual([2]);
    expect(matchActors(registry, '军').map((m) => m.actor.id)).toEqual([2]);
  });
});

describe('the language detected at import', () => {
  it('names Chinese, Japanese, Arabic and English text by their BCP 47 tags', () => {
    expect(detectLanguage(ZH)).toBe('zh');
    expect(detectLanguage(JA)).toBe('ja');
    expect(detectLanguage(AR)).toBe('ar');
    expect(detectLanguage('The Israeli military said on Tuesday it had struck targets in Gaza after rockets were fired overnight.')).toBe('en');
  });

  it('reads only a bounded prefix of the text, and says "und" when it cannot tell', () => {
    expect(detectLanguage(`${'The Israeli military said on Tuesday it had struck targets. '.repeat(20)}${'以色列国防军称'.repeat(5000)}`)).toBe('en');
    expect(LANGUAGE_PREFIX).toBeLessThanOrEqual(1000);
    expect(detectLanguage('12345 — 678')).toBe('und');
  });

  it('has an English name for the document list', () => {
    expect(languageName('zh')).toBe('Chinese');
    expect(languageName('ar')).toBe('Arabic');
    expect(languageName('und')).toBe('Unknown');
  });
});

describe("eld's verdict, computed faster (server/text/eldFast.ts)", () => {
  it('is the language and reliability eld itself gives, for thousands of texts in many scripts', () => {
    // Each sample text's opening (what the import reads) and slices of it from every tenth character on, of every length to 300.
    const inputs: string[] = [];
    for (const [n, text] of sampleTexts(400).entries()) {
      inputs.push(text.slice(Math.max(0, text.search(/\S/u)), LANGUAGE_PREFIX));
      for (let k = 0; k < 4; k++) {
        const from = (n * 37 + k * 101) % Math.max(1, text.length);
        inputs.push(text.slice(from - (from % 10), from + ((n * 13 + k * 71) % 300)));
      }
    }
    inputs.push('', ' ', 'a', 'ab c', "don't 'quote' it’s", '😀😀 ok', 'İstanbul ΣΊΣΥΦΟΣ ß', '12345');
    const languages = new Set<string>();
    for (const input of inputs) {
      const reference = eld.detect(input);
      const expected = { language: reference.language, reliable: reference.language !== '' && reference.isReliable() };
      expect(detectLikeEld(input), JSON.stringify(input)).toEqual(expected);
      languages.add(expected.language);
    }
    // The sample reaches many of eld's languages, not only English.
    expect(languages.size).toBeGreaterThanOrEqual(10);
  });
});
