// JavaScript strings index UTF-16 code units; exports count Unicode code points (so Python's
// text[start:end] is the span). The two differ after every character outside the BMP (emoji,
// rare CJK): each such character is two code units but one code point.

/** Converts offsets of one text between UTF-16 code units and code points, in O(log n) per offset. */
export interface OffsetConverter {
  toCodePoint(utf16: number): number;
  toUtf16(codePoint: number): number;
}

const IDENTITY: OffsetConverter = { toCodePoint: (i) => i, toUtf16: (i) => i };

export function offsetConverter(text: string): OffsetConverter {
  // UTF-16 index of the second unit of every surrogate pair, in order.
  const lows: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        lows.push(i + 1);
        i++;
      }
    }
  }
  if (lows.length === 0) return IDENTITY;
  /** How many entries of `sorted` are below `value`. */
  const countBelow = (sorted: readonly number[], value: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // In code points, the k-th pair starts at lows[k] - 1 - k.
  const pairStarts = lows.map((low, k) => low - 1 - k);
  return {
    toCodePoint: (utf16) => utf16 - countBelow(lows, utf16),
    // Every pair that starts before the code point adds one code unit.
    toUtf16: (codePoint) => codePoint + countBelow(pairStarts, codePoint),
  };
}
