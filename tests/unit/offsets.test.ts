import { describe, expect, it } from 'vitest';
import { offsetConverter } from '../../server/text/offsets.ts';

describe('offset conversion between UTF-16 and code points', () => {
  it('is the identity for text without astral characters', () => {
    const convert = offsetConverter('Café “quoted” 中文 text');
    expect(convert.toCodePoint(10)).toBe(10);
    expect(convert.toUtf16(10)).toBe(10);
  });

  it('agrees with Array.from on text with emoji and astral CJK, both ways', () => {
    const text = 'A 😀 b 𠀋c 👍🏽 d e\u0301 “x”';
    const convert = offsetConverter(text);
    const codePoints = Array.from(text);
    let utf16 = 0;
    codePoints.forEach((char, cp) => {
      expect(convert.toCodePoint(utf16)).toBe(cp);
      expect(convert.toUtf16(cp)).toBe(utf16);
      utf16 += char.length;
    });
    expect(convert.toCodePoint(text.length)).toBe(codePoints.length);
    expect(convert.toUtf16(codePoints.length)).toBe(text.length);
  });
});
