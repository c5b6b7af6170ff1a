import { describe, expect, it } from 'vitest';
import { findIllFormedText, loneSurrogateAt } from '../../shared/text.ts';

describe('loneSurrogateAt', () => {
  it('finds half a surrogate pair, high or low, and passes whole characters', () => {
    expect(loneSurrogateAt('plain ascii')).toBe(-1);
    expect(loneSurrogateAt('Café 😀 𠮷 “x”')).toBe(-1);
    expect(loneSurrogateAt('a\ud83d')).toBe(1);
    expect(loneSurrogateAt('\ude00b')).toBe(0);
    expect(loneSurrogateAt('😀\ude00')).toBe(2);
    expect(loneSurrogateAt('\ud83d\ud83d\ude00')).toBe(0);
    expect(loneSurrogateAt(`${'x'.repeat(1_000_000)}\udfff`)).toBe(1_000_000);
  });

  it('finds a NUL character, which no text may hold (PostgreSQL cannot store it)', () => {
    expect(loneSurrogateAt('a\u0000b')).toBe(1);
    expect(loneSurrogateAt('😀\u0000')).toBe(2);
  });
});

describe('findIllFormedText', () => {
  it('names the first problem in document order, keys included, with its position', () => {
    expect(findIllFormedText({ a: 'ok', b: ['fine', { c: 'x\ud800' }], d: '\ud800' })).toEqual({ path: 'b.1.c', position: 1, codeUnit: 0xd800, key: false });
    expect(findIllFormedText({ a: { 'k\udc00': 'v' }, z: '\ud800' })).toEqual({ path: 'a.k\udc00', position: 1, codeUnit: 0xdc00, key: true });
    expect(findIllFormedText('\ud800')).toMatchObject({ path: '(body)', position: 0 });
    expect(findIllFormedText({ n: 1, t: true, z: null, e: [], s: '😀' })).toBeUndefined();
  });

  it('walks a body nested 20,000 deep without overflowing the stack', () => {
    let deep: unknown = '\ud83d';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const found = findIllFormedText(deep);
    expect(found?.path.split('.')).toHaveLength(20_000);
    expect(found?.position).toBe(0);
  });
});
