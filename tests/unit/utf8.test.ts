import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstUtf8Fault, utf8Boundary } from '../../server/text/utf8.ts';

/** The first fault by the letter of RFC 3629, one byte at a time: the reference the fast search must agree with. */
function referenceFault(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const [length, low, high] =
      b < 0x80
        ? [1, 0, 0]
        : b >= 0xc2 && b <= 0xdf
          ? [2, 0x80, 0xbf]
          : b === 0xe0
            ? [3, 0xa0, 0xbf]
            : b === 0xed
              ? [3, 0x80, 0x9f]
              : b >= 0xe1 && b <= 0xef
                ? [3, 0x80, 0xbf]
                : b === 0xf0
                  ? [4, 0x90, 0xbf]
                  : b >= 0xf1 && b <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : b === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
    if (length === 0) return i;
    if (length > 1) {
      const second = bytes[i + 1];
      if (second === undefined || second < low || second > high) return i;
      for (let k = 2; k < length; k++) {
        const next = bytes[i + k];
        if (next === undefined || (next & 0xc0) !== 0x80) return i;
      }
    }
    i += length;
  }
  return -1;
}

describe('firstUtf8Fault', () => {
  it('finds the first byte that starts no character, an encoded surrogate and a cut-off end', () => {
    const of = (...parts: (string | number[])[]) => firstUtf8Fault(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));
    expect(of('Café 😀 “x”')).toBe(-1);
    expect(of('Smile ', [0xed, 0xa0, 0xbd], ' please')).toBe(6);
    expect(of('ab', [0xff], 'c')).toBe(2);
    expect(of('ab', [0x80])).toBe(2);
    expect(of('é', [0xe2, 0x82])).toBe(2); // "€" cut after two of its three bytes
    expect(of([0xc0, 0xaf])).toBe(0); // an overlong "/"
    expect(of('x'.repeat(100_000), [0xe9], 'y')).toBe(100_000);
  });

  it('agrees with a byte-by-byte reading of RFC 3629 on any bytes', () => {
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xed, 0xe0, 0xf0, 0xf4, 0xc2)), {
      maxLength: 40,
    });
    const text = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => [...Buffer.from(s)]);
    fc.assert(
      fc.property(fc.array(fc.oneof(bytes, text), { maxLength: 4 }), (parts) => {
        const all = Uint8Array.from(parts.flat());
        expect(firstUtf8Fault(all)).toBe(referenceFault(all));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts a prefix back to the end of its last whole character', () => {
    const euro = Buffer.from('a€'); // 61 E2 82 AC
    expect([1, 2, 3, 4].map((n) => utf8Boundary(euro, n))).toEqual([1, 1, 1, 4]);
  });
});
