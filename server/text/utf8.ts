// Finding where bytes stop being UTF-8, without decoding them in JavaScript: a body or file that is
// not UTF-8 is refused with the place of its first fault (issue 12, item 5), and finding it must not
// cost the server more than reading a good one does. isUtf8 is a native SIMD scan.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/** Bytes a lead byte says its character takes; 1 for ASCII and for bytes that start no character. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

/**
 * `n`, or less when the first `n` bytes end inside a character: the end of the last whole one.
 * (A character is at most 4 bytes, so at most 3 are given back.)
 */
export function utf8Boundary(bytes: Uint8Array, n: number): number {
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = bytes[n - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    return sequenceLength(byte) > back ? n - back : n;
  }
  return n;
}

/**
 * The byte offset of the first sequence in `bytes` that is not UTF-8 (an encoded surrogate
 * included), or -1. A binary search over prefixes, each cut back to a character boundary: a prefix
 * is UTF-8 exactly while it ends before the fault, so about log2(length) native scans find it.
 */
export function firstUtf8Fault(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let good = 0; // the longest prefix known to be UTF-8 once cut back to a boundary
  let bad = bytes.length + 1;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (isUtf8(bytes.subarray(0, utf8Boundary(bytes, mid)))) good = mid;
    else bad = mid;
  }
  return utf8Boundary(bytes, good);
}

/**
 * The byte offset of the first fault in a file that is not UTF-8, or -1: streamed once in bounded
 * memory (a 100 MB JSONL file too), so an import can refuse a file before it writes any of it. Each
 * chunk is cut before a character its end splits, so every piece checked starts on a boundary.
 */
export async function firstUtf8FaultInFile(path: string): Promise<number> {
  let carry = Buffer.alloc(0);
  let offset = 0; // file offset of carry[0]
  // Without an encoding the stream yields Buffers (its iterator is typed `any`).
  for await (const read of createReadStream(path)) {
    const chunk: Buffer = read;
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = utf8Boundary(bytes, bytes.length);
    const fault = firstUtf8Fault(bytes.subarray(0, cut));
    if (fault >= 0) return offset + fault;
    offset += cut;
    carry = Buffer.from(bytes.subarray(cut));
  }
  const fault = firstUtf8Fault(carry);
  return fault >= 0 ? offset + fault : -1;
}
