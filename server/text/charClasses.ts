// Character classes the segmenter reads, on UTF-16 code units (`String.prototype.charCodeAt`).
//
// ASCII is decided by comparisons; the Unicode property regexes run only on the rare code unit
// above 127. A position past the end of the text reads as -1 (`codeAt`), which belongs to no class.
// Astral characters (emoji) arrive as two surrogates, which belong to no class either: they are
// ordinary characters of a word.

export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const DOT = 0x2e;
/** U+2026 HORIZONTAL ELLIPSIS, "…": three dots in one character. */
export const ELLIPSIS = 0x2026;
export const RIGHT_PARENTHESIS = 0x29;
export const LEFT_PARENTHESIS = 0x28;
export const LEFT_SQUARE_BRACKET = 0x5b;
export const COMMERCIAL_AT = 0x40;
export const COLON = 0x3a;
export const SOLIDUS = 0x2f;

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;

/** The code unit at k, or -1 past the end of the text. */
export function codeAt(text: string, k: number): number {
  return k < text.length ? text.charCodeAt(k) : -1;
}

/**
 * Exactly the characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator:
 * tab to carriage return, space, no-break spaces, the Zs spaces, U+2028/U+2029 and the BOM), so
 * that spans equal their trimmed selves.
 */
export function isSpace(c: number): boolean {
  if (c < 128) return c === SPACE || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Line breaks: LF, CR, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR. */
export function isBreak(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

/** ASCII digits only: "٣" or "３" never make a number abbreviation or a list marker. */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Unicode Lu. */
export function isUpper(c: number): boolean {
  if (c < 128) return c >= 0x41 && c <= 0x5a;
  return UPPER.test(String.fromCharCode(c));
}

/** Unicode Ll. */
export function isLower(c: number): boolean {
  if (c < 128) return c >= 0x61 && c <= 0x7a;
  return LOWER.test(String.fromCharCode(c));
}

/** Unicode L (any letter, CJK included). */
export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCharCode(c));
}

/** Characters of a word before a period: letters, abbreviation dots and the "°" of "N°". */
export function isWordish(c: number): boolean {
  return c === DOT || c === 0xb0 || isLetter(c);
}

/**
 * "!" and "?" and their doubled forms: U+203C ‼, U+2047 ⁇, U+2048 ⁈, U+2049 ⁉ (not U+203D ‽,
 * which stays inside its word), and the Arabic-script stops (`isArabicStop`).
 */
export function isBang(c: number): boolean {
  return c === 0x21 || c === 0x3f || (c >= 0x203c && c <= 0x2049 && (c === 0x203c || c >= 0x2047)) || isArabicStop(c);
}

/**
 * U+061F ؟ ARABIC QUESTION MARK and U+06D4 ۔ ARABIC FULL STOP (Urdu): never inside a word or a
 * link, so a boundary even when the next word follows without a space. (Arabic ends statements
 * with the ordinary ".", and "!" is shared with Latin script.)
 */
export function isArabicStop(c: number): boolean {
  return c === 0x061f || c === 0x06d4;
}

/**
 * Sentence enders of Chinese and Japanese, a boundary even with no space after them: U+3002 。
 * IDEOGRAPHIC FULL STOP, U+FF01 ！ and U+FF1F ？ (fullwidth), U+FF61 ｡ (halfwidth full stop).
 */
export function isCjkStop(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff61;
}

/**
 * Quotes and brackets that may close after the stop, so `"Stop."` keeps its quote: " ' ) ] },
 * ” ’, » ›, CJK corner and angle brackets 」 』 〉 》 】, fullwidth ） and halfwidth ｣.
 */
export function isCloser(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x29 ||
    c === 0x5d ||
    c === 0x7d ||
    c === 0x201d ||
    c === 0x2019 ||
    c === 0xbb ||
    c === 0x203a ||
    c === 0x300d ||
    c === 0x300f ||
    c === 0xff09 ||
    c === 0x3009 ||
    c === 0x300b ||
    c === 0x3011 ||
    c === 0xff63
  );
}

/**
 * Quotes and brackets that may open a sentence before its first letter: " ' ( [ {, “ ‘ „, « ‹,
 * 「 『, fullwidth （, and Spanish ¿ ¡.
 */
export function isOpener(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x28 ||
    c === 0x5b ||
    c === 0x7b ||
    c === 0x201c ||
    c === 0x2018 ||
    c === 0x201e ||
    c === 0xab ||
    c === 0x2039 ||
    c === 0x300c ||
    c === 0x300e ||
    c === 0xff08 ||
    c === 0xbf ||
    c === 0xa1
  );
}

/** List bullets, each opening a sentence ("• first • second"): • ‣ ⁃ ◦ ▪ ● ■. */
export function isBullet(c: number): boolean {
  return c === 0x2022 || c === 0x2023 || c === 0x2043 || c === 0x25e6 || c === 0x25aa || c === 0x25cf || c === 0x25a0;
}

/**
 * Punctuation that ends a line in the middle of a sentence, so the next line continues it:
 * comma, semicolon, hyphen, en dash, em dash.
 */
export function isClauseJoiner(c: number): boolean {
  return c === 0x2c || c === 0x3b || c === 0x2d || c === 0x2013 || c === 0x2014;
}
