// Well-formed text: the one check, shared by every place text enters Parley (issue 12, item 5).
//
// A JavaScript string is UTF-16. Half of a surrogate pair on its own (e.g. from cutting an emoji
// in two with a code-unit slice, or a JSON "\ud83d" escape) is not a character: SQLite stores it as
// U+FFFD, so the stored text would differ from the text offsets and hashes were computed on.

declare global {
  interface String {
    /** ES2024 (Node 20, Chrome 111, Firefox 119, Safari 16.4); the project's lib is ES2023. */
    isWellFormed(): boolean;
  }
}

/**
 * With the `u` flag a surrogate pair is one code point, so `\p{Cs}` matches only a lone half. A NUL
 * (U+0000) is refused too: no text means one, and PostgreSQL's text cannot hold it (libpq would
 * store the text cut short at it), so the same text must be refused on both engines.
 */
const ILL_FORMED = /\p{Cs}|\u0000/u;

/** The code-unit position of the first lone surrogate or NUL in `text`, or -1 when the text is well-formed. */
export function loneSurrogateAt(text: string): number {
  // isWellFormed and includes are the fast path (instant for one-byte strings); the regex only runs to find the position.
  return text.isWellFormed() && !text.includes('\u0000') ? -1 : text.search(ILL_FORMED);
}

/** Where a JSON value holds text that is not well-formed: the path of the string ('documents.3.title') and the position in it. */
export interface IllFormedText {
  path: string;
  /** Code-unit offset of the lone surrogate in that string. */
  position: number;
  /** The lone surrogate's code unit, e.g. 0xd83d. */
  codeUnit: number;
  /** True when the string is an object key (the path then ends with that key). */
  key: boolean;
}

/** Where a lone surrogate was found. A function of its own, not a closure per call: an import checks every JSONL line, and under tsx each named closure costs a defineProperty. */
function found(text: string, position: number, path: string, key: boolean): IllFormedText {
  return { path: path || '(body)', position, codeUnit: text.charCodeAt(position), key };
}

/**
 * The first string (value or object key) in a parsed JSON value that holds a lone surrogate, or
 * undefined. Iterative, so a body nested 20,000 deep cannot overflow the stack; visits each value once.
 */
export function findIllFormedText(value: unknown): IllFormedText | undefined {
  // Each entry: a value, its path, and (for an object member) its key, checked just before the value.
  const stack: [value: unknown, path: string, key?: string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path, key] = stack.pop()!;
    if (key !== undefined) {
      const at = loneSurrogateAt(key);
      if (at >= 0) return found(key, at, path, true);
    }
    if (typeof current === 'string') {
      const at = loneSurrogateAt(current);
      if (at >= 0) return found(current, at, path, false);
    } else if (Array.isArray(current)) {
      // Pushed in reverse so the first problem in document order is the one reported.
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], path ? `${path}.${i}` : String(i)]);
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [name, member] = entries[i]!;
        stack.push([member, path ? `${path}.${name}` : name, name]);
      }
    }
  }
  return undefined;
}

/** What is wrong, in words: "position 12 holds half of a character (U+D83D, a lone surrogate)…". */
export function describeIllFormedText(problem: IllFormedText): string {
  const unit = `U+${problem.codeUnit.toString(16).toUpperCase().padStart(4, '0')}`;
  if (problem.codeUnit === 0) {
    return `${problem.key ? 'this key' : 'the text'} is not well-formed: position ${problem.position} (UTF-16 code units) holds a NUL character (U+0000), which no text may contain`;
  }
  return (
    `${problem.key ? 'this key' : 'the text'} is not well-formed: position ${problem.position} (UTF-16 code units) holds half of a character ` +
    `(${unit}, a lone surrogate), as when an emoji is cut in two; send whole characters`
  );
}
