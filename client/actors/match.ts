import type { Actor } from '../../shared/schemas/actors.ts';
import { needsDictionaryWords } from '../../shared/language.ts';

/** How an actor matched the typed text, best first. */
export type MatchTier = 'exact' | 'prefix' | 'word' | 'substring' | 'fuzzy';

/** One ranked option of the picker: the actor and what of it matched (to show "alias Kremlin"). */
export interface ActorMatch {
  actor: Actor;
  tier: MatchTier;
  /** The name, alias or code that matched best. */
  term: string;
  field: 'name' | 'alias' | 'code';
  /** Edit distance for fuzzy matches (0 otherwise); lower is better. */
  distance: number;
}

const TIER_RANK: Record<MatchTier, number> = { exact: 0, prefix: 1, word: 2, substring: 3, fuzzy: 4 };
const FIELD_RANK = { name: 0, code: 1, alias: 2 } as const;

/**
 * Folds text for matching: case, accents ("Erdoğan" = "Erdogan"), dots ("U.S." = "US"),
 * apostrophes and dashes, so that people type what they see without punctuation.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/[.'’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Damerau–Levenshtein distance (adjacent transpositions count as one edit), giving up as soon as
 * it must exceed `max`: typos such as "Kremlim" or "Rusia" are 1 away.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2]! + 1);
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Whether every character of `query` appears in `term` in order, starting at the beginning of a
 * word ("vputin" in "vladimir putin", "unsc" in "un security council"). Anchoring the first letter
 * keeps long names from matching nearly anything.
 */
function isWordSubsequence(query: string, term: string): boolean {
  for (let start = term.indexOf(query[0]!); start >= 0; start = term.indexOf(query[0]!, start + 1)) {
    if (start > 0 && term[start - 1] !== ' ') continue;
    let i = 0;
    for (let j = start; j < term.length && i < query.length; j++) if (term[j] === query[i]) i++;
    if (i === query.length) return true;
  }
  return false;
}

/** Typos allowed for a query of this length: none for 1–3 characters (too many false hits), then 1, then 2. */
function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/** How well one folded term matches the folded query, or undefined. */
function matchTerm(q: string, t: string): { tier: MatchTier; distance: number } | undefined {
  if (!t) return undefined;
  if (t === q) return { tier: 'exact', distance: 0 };
  if (t.startsWith(q)) return { tier: 'prefix', distance: 0 };
  const words = t.split(' ');
  if (words.some((word) => word.startsWith(q))) return { tier: 'word', distance: 0 };
  // One character is a word in Chinese or Japanese ("军", army): a substring from the first one there.
  if ((q.length >= 2 || needsDictionaryWords(q)) && t.includes(q)) return { tier: 'substring', distance: 0 };
  const max = allowedEdits(q.length);
  if (max > 0) {
    // Against the whole term, each word, and the term's beginning as long as the query (a typo
    // while still typing: "Kremlm" → "Kreml…").
    let best = max + 1;
    for (const candidate of [t, ...words, t.slice(0, q.length)]) {
      best = Math.min(best, editDistance(q, candidate, max));
      if (best === 1) break;
    }
    if (best <= max) return { tier: 'fuzzy', distance: best };
  }
  // Initials and skipped letters ("vputin", "unsc"): weakest, and only for a few letters or more.
  const compact = q.replace(/ /g, '');
  if (compact.length >= 3 && isWordSubsequence(compact, t)) return { tier: 'fuzzy', distance: max + 1 };
  return undefined;
}

function compare(a: ActorMatch, b: ActorMatch): number {
  return (
    TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
    a.distance - b.distance ||
    FIELD_RANK[a.field] - FIELD_RANK[b.field] ||
    // An accepted actor before a proposal with an equally good match: proposals may be duplicates.
    Number(a.actor.status === 'proposed') - Number(b.actor.status === 'proposed') ||
    a.term.length - b.term.length ||
    a.actor.name.localeCompare(b.actor.name)
  );
}

/**
 * Ranks actors for type-ahead over names, aliases and codes: exact first, then prefix, then a word
 * of the term starting with the query, then substrings, then fuzzy (small edit distance, or the
 * letters in order). Within a tier: fewer edits, a name before a code before an alias, accepted
 * before proposed, shorter terms, then alphabetical. An empty query lists every actor by name.
 */
export function matchActors(actors: readonly Actor[], query: string, limit = 12): ActorMatch[] {
  const q = normalize(query);
  if (!q) {
    return [...actors]
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((actor) => ({ actor, tier: 'exact', term: actor.name, field: 'name', distance: 0 }));
  }
  const matches: ActorMatch[] = [];
  for (const actor of actors) {
    let best: ActorMatch | undefined;
    const terms: [string, ActorMatch['field']][] = [[actor.name, 'name'], ...actor.aliases.map((alias): [string, 'alias'] => [alias, 'alias'])];
    if (actor.code) terms.push([actor.code, 'code']);
    for (const [term, field] of terms) {
      const found = matchTerm(q, normalize(term));
      if (!found) continue;
      const candidate: ActorMatch = { actor, term, field, ...found };
      if (!best || compare(candidate, best) < 0) best = candidate;
    }
    if (best) matches.push(best);
  }
  return matches.sort(compare).slice(0, limit);
}

/** The ranked actors only (see `matchActors`). */
export function rankActors(actors: readonly Actor[], query: string, limit = 12): Actor[] {
  return matchActors(actors, query, limit).map((match) => match.actor);
}

/** Whether some actor's name, alias or code is exactly the typed text (then "Create …" would make a duplicate). */
export function hasExactMatch(actors: readonly Actor[], query: string): boolean {
  const q = normalize(query);
  return q !== '' && actors.some((actor) => [actor.name, actor.code ?? '', ...actor.aliases].some((term) => normalize(term) === q));
}
