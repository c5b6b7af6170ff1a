// eld's detection (npm `eld`, its extra-small n-gram set) computed again, faster: the same n-grams,
// scores and verdict, so every document gets the language eld itself gives it
// (tests/unit/languages.test.ts compares the two on thousands of texts). eld spends its ~100 µs per
// news paragraph on its data layout (an object per n-gram walked with for…in, a result object with
// closures, a sort of every language): here each n-gram's scores are one Int32Array, read once,
// and only the two best languages are kept. The text processing is eld's own, step for step.
//
// eld's data and its separator pattern are read from its own files (the package exports only the
// detector): their place is resolved from `eld/extrasmall`, so an update of eld brings its data.
// Ported from eld 2.1.0 (src/languageDetector.js, src/LanguageResult.js), Copyright 2023 Nito T.M.,
// Apache License 2.0.

interface EldData {
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

const base = import.meta.resolve('eld/extrasmall');
const load = async <T>(path: string): Promise<T> => (await import(new URL(path, base).href)) as T;
const { ngramsData } = await load<{ ngramsData: EldData }>('../ngrams/extrasmall.js');
const { separators } = await load<{ separators: RegExp }>('../regexPatterns.js');
const { dictionary } = await load<{ dictionary: string[] }>('../dictionary.js');
const { avgScore } = await load<{ avgScore: Record<string, number> }>('../avgScore.js');

const LANGUAGES = Object.keys(ngramsData.languages).length;
const codes = Array.from({ length: LANGUAGES }, (_, i) => ngramsData.languages[i]!);
/** eld subtracts this from every stored score to keep its data small. */
const BASE_NGRAM_SCORE = 53;

let table: Map<string, Int32Array> | undefined;
/** Each n-gram's [language, score + BASE_NGRAM_SCORE, …], built on first use (~40,000 n-grams). */
function ngramTable(): Map<string, Int32Array> {
  if (table) return table;
  table = new Map();
  for (const [ngram, scores] of Object.entries(ngramsData.ngrams)) {
    const languages = Object.keys(scores);
    const entry = new Int32Array(2 * languages.length);
    languages.forEach((language, k) => {
      entry[2 * k] = Number(language);
      entry[2 * k + 1] = scores[language]! + BASE_NGRAM_SCORE;
    });
    table.set(ngram, entry);
  }
  return table;
}

/** eld's strToUtf8Bytes: the words of the text, each UTF-8 byte as one character of eld's dictionary. */
function utf8Words(str: string): string[] {
  let encoded = '';
  const words: string[] = [];
  let countBytes = 0;
  const cutAfter = 350;
  const enforceCutAfter = 380;
  for (let ii = 0; ii < str.length; ii++) {
    let charCode = str.charCodeAt(ii);
    if (charCode < 0x80) {
      if (charCode === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (countBytes > cutAfter) break;
      } else {
        encoded += str[ii];
      }
      countBytes++;
    } else if (charCode < 0x800) {
      encoded += dictionary[0xc0 | (charCode >> 6)]! + dictionary[0x80 | (charCode & 0x3f)]!;
      countBytes += 2;
    } else if (charCode < 0xd800 || charCode >= 0xe000) {
      encoded += dictionary[0xe0 | (charCode >> 12)]! + dictionary[0x80 | ((charCode >> 6) & 0x3f)]! + dictionary[0x80 | (charCode & 0x3f)]!;
      countBytes += 3;
    } else {
      ii++;
      charCode = 0x10000 + (((charCode & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
      encoded +=
        dictionary[0xf0 | (charCode >> 18)]! +
        dictionary[0x80 | ((charCode >> 12) & 0x3f)]! +
        dictionary[0x80 | ((charCode >> 6) & 0x3f)]! +
        dictionary[0x80 | (charCode & 0x3f)]!;
      countBytes += 4;
    }
    if (countBytes > enforceCutAfter) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}

/** eld's getByteNgrams: the distinct 4-byte n-grams of the words (3-byte stride), word starts and ends marked by a space. */
function ngramsOf(words: readonly string[]): Set<string> {
  const ngrams = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < len; j += 3) ngrams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    ngrams.add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  return ngrams;
}

/** What eld.detect(text) says: its language ('' when none) and whether `isReliable()` holds. */
export function detectLikeEld(input: string): { language: string; reliable: boolean } {
  const text = input.substring(0, 1000).replace(separators, ' ').trim().toLowerCase();
  const ngrams = ngramsOf(utf8Words(text));
  const scores = new Float64Array(LANGUAGES);
  const known = ngramTable();
  for (const ngram of ngrams) {
    const entry = known.get(ngram);
    if (entry === undefined) continue;
    for (let k = 0; k < entry.length; k += 2) scores[entry[k]!]! += entry[k + 1]!;
  }
  // The language: the first with the highest raw score (eld's getMaxLang).
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < LANGUAGES; i++) {
    if (scores[i]! > 0 && scores[i]! > bestScore) {
      best = i;
      bestScore = scores[i]!;
    }
  }
  if (best < 0) return { language: '', reliable: false };
  const language = codes[best]!;
  const count = ngrams.size;
  if (count < 3) return { language, reliable: false };
  // eld's orderAndScale keeps every language scored above 0, scaled, sorted (stably) best first;
  // isReliable reads the first one's scaled score and, as eld does, the second one's language index.
  let first = -1;
  let firstScaled = 0;
  let second = -1;
  let secondScaled = 0;
  for (let i = 0; i < LANGUAGES; i++) {
    if (!(scores[i]! > 0)) continue;
    const perNgram = scores[i]! / count;
    const scaled = perNgram / (perNgram + 25);
    if (first < 0 || scaled > firstScaled) {
      second = first;
      secondScaled = firstScaled;
      first = i;
      firstScaled = scaled;
    } else if (second < 0 || scaled > secondScaled) {
      second = i;
      secondScaled = scaled;
    }
  }
  const next = second < 0 ? 0 : second;
  const reliable = !(avgScore[language]! * 0.75 > firstScaled || 0.01 > Math.abs(firstScaled - next));
  return { language, reliable };
}
