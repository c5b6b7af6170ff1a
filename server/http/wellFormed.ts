// Text that is not well-formed is refused at the door, with the field and position (issue 12,
// item 5). Two ways it arrives: a JSON escape of half a surrogate pair ("\ud83d"), found in the
// parsed body by the shared check; and the same half encoded as raw bytes (ED A0 BD, e.g. Python's
// "surrogatepass"), which is not UTF-8 and which decoding would silently turn into three U+FFFD.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { describeIllFormedText, findIllFormedText, type IllFormedText } from '../../shared/text.ts';
import { validationError } from './errors.ts';
import { firstUtf8Fault } from '../text/utf8.ts';

const refuse = (problem: IllFormedText, part = 'body') => {
  const message = describeIllFormedText(problem);
  return validationError(`Invalid request ${part}: ${problem.path}: ${message}`, [{ path: problem.path, message }]);
};

/** Throws a 400 naming the first string of a parsed JSON body (or a request's query or path) that holds a lone surrogate or a NUL. */
export function assertWellFormed(value: unknown, part: 'path' | 'query' | 'body' = 'body'): void {
  const problem = findIllFormedText(value);
  if (problem) throw refuse(problem, part);
}

const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

/**
 * Decodes UTF-8 keeping what is wrong visible instead of replacing it with U+FFFD: an encoded
 * surrogate (ED A0–BF xx) becomes that surrogate, any other byte that starts no character becomes
 * U+DC80–U+DCFF (Python's "surrogateescape"). The result then fails the well-formed check at the
 * place of the fault. Also returns the byte offset of the first fault. Only runs on a body that is
 * already known not to be UTF-8.
 */
function decodeKeepingFaults(bytes: Uint8Array): { text: string; firstFault: number } {
  const units: number[] = [];
  const chunks: string[] = [];
  let firstFault = -1;
  const fault = (at: number) => {
    if (firstFault < 0) firstFault = at;
  };
  for (let i = 0; i < bytes.length;) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const b3 = bytes[i + 3];
    if (b0 < 0x80) {
      units.push(b0);
      i += 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf && isContinuation(b1)) {
      units.push(((b0 & 0x1f) << 6) | (b1! & 0x3f));
      i += 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef && isContinuation(b1) && isContinuation(b2) && (b0 !== 0xe0 || b1! >= 0xa0)) {
      const unit = ((b0 & 0x0f) << 12) | ((b1! & 0x3f) << 6) | (b2! & 0x3f);
      if (unit >= 0xd800 && unit <= 0xdfff) fault(i);
      units.push(unit);
      i += 3;
    } else if (
      b0 >= 0xf0 &&
      b0 <= 0xf4 &&
      isContinuation(b1) &&
      isContinuation(b2) &&
      isContinuation(b3) &&
      (b0 !== 0xf0 || b1! >= 0x90) &&
      (b0 !== 0xf4 || b1! <= 0x8f)
    ) {
      const point = ((b0 & 0x07) << 18) | ((b1! & 0x3f) << 12) | ((b2! & 0x3f) << 6) | (b3! & 0x3f);
      units.push(0xd800 + ((point - 0x10000) >> 10), 0xdc00 + ((point - 0x10000) & 0x3ff));
      i += 4;
    } else {
      fault(i);
      units.push(0xdc00 + b0);
      i += 1;
    }
    if (units.length >= 8192) chunks.push(String.fromCharCode(...units.splice(0)));
  }
  chunks.push(String.fromCharCode(...units));
  return { text: chunks.join(''), firstFault };
}

/**
 * `verify` for express.json: a body that is not UTF-8 gets a 400 naming the field and position of
 * the first fault when it lies inside a JSON string (else its byte offset), before it is decoded.
 * isUtf8 is a SIMD scan: well under a millisecond per megabyte.
 */
export function requireUtf8(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  // Another declared charset (utf-16) is decoded by the parser; the body walk still checks the result.
  if (encoding.toLowerCase() !== 'utf-8' || isUtf8(body)) return;
  // Naming the field means decoding in JavaScript and parsing twice: only for bodies small enough
  // that this costs milliseconds (every label, note and setting). A larger one — an upload, and
  // anyone can send 5 MB before signing in — gets the byte offset, found by native scans.
  if (body.length > NAMED_FAULT_LIMIT) throw notUtf8(body, firstUtf8Fault(body));
  const { text, firstFault } = decodeKeepingFaults(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const problem = parsed === undefined ? undefined : findIllFormedText(parsed);
  if (problem) throw refuse(problem);
  throw notUtf8(body, firstFault);
}

/** Bodies up to this size get the field of a fault named; larger ones its byte offset. */
const NAMED_FAULT_LIMIT = 64 * 1024;

function notUtf8(body: Buffer, at: number) {
  const byte = body[at] ?? 0;
  return validationError(
    `Invalid request body: it is not UTF-8 (byte ${at}, 0x${byte.toString(16).toUpperCase()}, starts no character); JSON bodies must be UTF-8.`,
    [{ path: '(body)', message: `not UTF-8 at byte ${at}` }],
  );
}
