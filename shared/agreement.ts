// Agreement metrics (DESIGN §6). Pure functions with no dependencies: the server computes the
// figures of the agreement report with them and the client may recompute a figure in the browser.

/** The levels of measurement Krippendorff's α knows; each has its own difference function δ². */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** A distance between two values in 0..1 that replaces the level's metric (e.g. `masiDistance`). */
export type AlphaDistance<V> = (a: V, b: V) => number;

/** Krippendorff's α with the counts it rests on, so a report can say how much data a figure has. */
export interface AlphaResult {
  /** α = 1 − D_o / D_e; 1 when D_e = 0 (every pairable value the same). */
  alpha: number;
  /** Pairable units: units with at least two values. */
  units: number;
  /** Pairable values n: the values in the pairable units. */
  values: number;
  /** Observed disagreement D_o. */
  observed: number;
  /** Expected disagreement D_e. */
  expected: number;
}

/**
 * Krippendorff's α, computed from the coincidence matrix as in Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability": α = 1 − D_o / D_e, where
 * D_o = (1/n) Σ_c Σ_k o_ck δ²_ck and D_e = 1/(n(n−1)) Σ_c Σ_k n_c n_k δ²_ck.
 *
 * `units[u]` holds the values the coders gave unit u (`null` = missing). Units with fewer than two
 * values are not pairable and are ignored; throws when no unit is pairable. Returns 1 when the
 * expected disagreement is 0 (all pairable values identical), where the formula is 0/0: nobody
 * disagreed, and there was nothing to disagree about.
 *
 * Values: for `nominal`, anything equal by value (primitives; arrays in order; Sets and plain
 * objects whatever their order, see `canonical`); for the other levels, finite numbers (≥ 0 for ratio).
 * With `distance`, the level is ignored and δ²_ck = distance(c, k) (not squared: as in Passonneau
 * 2006 and NLTK's AnnotationTask, Krippendorff's MASI use takes the distance as the difference
 * function itself). The distance must be symmetric and non-negative. It is called once per pair of
 * distinct values (by the same canonical key as `nominal`); two keys at distance 0, such as an array
 * and a Set of the same labels, give the same α as one value would.
 */
export function krippendorffAlpha<V>(units: ReadonlyArray<ReadonlyArray<V | null>>, level: AlphaLevel, distance?: AlphaDistance<V>): number {
  return krippendorffAlphaDetailed(units, level, distance).alpha;
}

/** `krippendorffAlpha` with the pairable unit and value counts and D_o, D_e (Krippendorff 2011). */
export function krippendorffAlphaDetailed<V>(units: ReadonlyArray<ReadonlyArray<V | null>>, level: AlphaLevel, distance?: AlphaDistance<V>): AlphaResult {
  const numeric = distance === undefined && level !== 'nominal';
  const interner = new Interner<V>();

  // Pass 1: intern the values of the pairable units as indices into `interner.values`, one flat
  // array with unit boundaries, and count each distinct value (the marginals n_c).
  const flat: number[] = [];
  const ends: number[] = [];
  const present: V[] = [];
  for (const unit of units) {
    present.length = 0;
    for (const value of unit) {
      if (value !== null && value !== undefined) present.push(value);
    }
    if (present.length < 2) continue;
    for (const value of present) {
      if (numeric) checkNumber(level, value);
      flat.push(interner.indexOf(value));
    }
    ends.push(flat.length);
  }
  if (ends.length === 0) {
    throw new Error("Krippendorff's alpha needs at least one pairable unit (a unit with two or more non-missing values); there is none.");
  }
  const distinct = interner.values;
  const counts = new Array<number>(distinct.length).fill(0);
  for (const index of flat) counts[index] = (counts[index] ?? 0) + 1;
  const n = flat.length;

  const delta2 = differenceFunction(level, distinct, counts, distance);

  // Pass 2: each unit adds its ordered pairs of values to the coincidences with weight 1/(m_u − 1);
  // summing δ² over them here is Σ o_ck δ²_ck without building the matrix itself.
  let observedSum = 0;
  let start = 0;
  for (const end of ends) {
    let unitSum = 0;
    for (let i = start; i < end; i++) {
      const c = flat[i] as number;
      for (let j = i + 1; j < end; j++) unitSum += delta2(c, flat[j] as number);
    }
    observedSum += (2 * unitSum) / (end - start - 1);
    start = end;
  }

  const expectedSum = expectedPairSum(level, distinct, counts, n, distance === undefined, delta2);
  const observed = observedSum / n;
  const expected = expectedSum / (n * (n - 1));
  const alpha = expected === 0 ? 1 : 1 - observed / expected;
  return { alpha, units: ends.length, values: n, observed, expected };
}

/** δ²_ck between two distinct-value indices, per level (Krippendorff 2011) or the caller's distance. */
function differenceFunction<V>(
  level: AlphaLevel,
  distinct: readonly V[],
  counts: readonly number[],
  distance: AlphaDistance<V> | undefined,
): (c: number, k: number) => number {
  if (distance !== undefined) return cachedDistance(distinct, distance);
  if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);

  // Safe: pass 1 ran `checkNumber` on every value at the numeric levels.
  const numbers = distinct as unknown as readonly number[];
  if (level === 'interval') {
    return (c, k) => {
      const d = (numbers[c] as number) - (numbers[k] as number);
      return d * d;
    };
  }
  if (level === 'ratio') {
    return (c, k) => {
      const x = numbers[c] as number;
      const y = numbers[k] as number;
      const sum = x + y;
      if (sum === 0) return 0; // both 0: the same value
      const d = (x - y) / sum;
      return d * d;
    };
  }

  // Ordinal: δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², over the ranks in value order, so the
  // difference between two ranks grows with how many values lie between them.
  const order = numbers.map((_, index) => index).sort((a, b) => (numbers[a] as number) - (numbers[b] as number));
  const position = new Array<number>(numbers.length).fill(0);
  const before = new Array<number>(numbers.length + 1).fill(0); // before[p] = Σ n_g over positions < p
  order.forEach((index, p) => {
    position[index] = p;
    before[p + 1] = (before[p] as number) + (counts[index] as number);
  });
  return (c, k) => {
    const p = Math.min(position[c] as number, position[k] as number);
    const q = Math.max(position[c] as number, position[k] as number);
    const d = (before[q + 1] as number) - (before[p] as number) - ((counts[c] as number) + (counts[k] as number)) / 2;
    return d * d;
  };
}

/** The caller's distance between distinct values, computed once per unordered pair. */
function cachedDistance<V>(distinct: readonly V[], distance: AlphaDistance<V>): (c: number, k: number) => number {
  const size = distinct.length;
  const cache = new Map<number, number>();
  return (c, k) => {
    if (c === k) return 0;
    const key = c < k ? c * size + k : k * size + c;
    let d = cache.get(key);
    if (d === undefined) {
      d = distance(distinct[c] as V, distinct[k] as V);
      if (!Number.isFinite(d) || d < 0) {
        throw new RangeError(`The distance function must return a finite number ≥ 0; it returned ${d}.`);
      }
      cache.set(key, d);
    }
    return d;
  };
}

/** Σ_c Σ_k n_c n_k δ²_ck, in closed form where the level allows it (large numbers of distinct values). */
function expectedPairSum<V>(
  level: AlphaLevel,
  distinct: readonly V[],
  counts: readonly number[],
  n: number,
  levelMetric: boolean,
  delta2: (c: number, k: number) => number,
): number {
  if (levelMetric && level === 'nominal') {
    let same = 0;
    for (const count of counts) same += count * count;
    return n * n - same;
  }
  if (levelMetric && level === 'interval') {
    // Σ_c Σ_k n_c n_k (x_c − x_k)² = 2n Σ_c n_c (x_c − mean)²; centring avoids cancellation.
    const numbers = distinct as unknown as readonly number[]; // checked in pass 1
    let total = 0;
    numbers.forEach((x, c) => (total += (counts[c] as number) * x));
    const mean = total / n;
    let squares = 0;
    numbers.forEach((x, c) => (squares += (counts[c] as number) * (x - mean) * (x - mean)));
    return 2 * n * squares;
  }
  let sum = 0;
  for (let c = 0; c < counts.length; c++) {
    for (let k = c + 1; k < counts.length; k++) sum += (counts[c] as number) * (counts[k] as number) * delta2(c, k);
  }
  return 2 * sum;
}

/**
 * Cohen's κ for two coders (Cohen 1960): κ = (p_o − p_e) / (1 − p_e), with p_e from each coder's
 * own label frequencies. Pairs where either value is `null` are dropped. Throws when the arrays
 * differ in length or no complete pair is left. When p_e = 1 (both coders used one and the same
 * label throughout) the formula is 0/0; returns 1, as the coders agreed on every item.
 * Labels are compared by value as in `krippendorffAlpha`'s nominal level.
 */
export function cohenKappa<V>(a: ReadonlyArray<V | null>, b: ReadonlyArray<V | null>): number {
  if (a.length !== b.length) {
    throw new Error(`Cohen's kappa needs two label arrays of equal length; got ${a.length} and ${b.length}.`);
  }
  const interner = new Interner<V>();
  const countsA: number[] = [];
  const countsB: number[] = [];
  let pairs = 0;
  let agreements = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    const c = interner.indexOf(x);
    const k = interner.indexOf(y);
    countsA[c] = (countsA[c] ?? 0) + 1;
    countsB[k] = (countsB[k] ?? 0) + 1;
    pairs++;
    if (c === k) agreements++;
  }
  if (pairs === 0) throw new Error("Cohen's kappa needs at least one item both coders labelled; there is none.");

  // In counts rather than proportions, so the one-label case is exactly 1 − p_e = 0.
  let chance = 0;
  for (let c = 0; c < interner.values.length; c++) chance += (countsA[c] ?? 0) * (countsB[c] ?? 0);
  const total = pairs * pairs;
  if (chance === total) return 1;
  return (pairs * agreements - chance) / (total - chance);
}

/**
 * Fleiss' κ (Fleiss 1971) from a subjects × categories table of counts: `counts[i][j]` raters put
 * subject i in category j, and every subject has the same number n ≥ 2 of raters.
 * κ = (P̄ − P̄_e) / (1 − P̄_e), P_i = (Σ_j n_ij² − n) / (n(n − 1)), P̄_e = Σ_j p_j².
 * Throws on an empty or ragged table, bad counts, or unequal or too few raters. When every rating
 * falls in one category (P̄_e = 1) returns 1, as all raters agreed on every subject.
 */
export function fleissKappa(counts: ReadonlyArray<ReadonlyArray<number>>): number {
  const first = counts[0];
  if (first === undefined || first.length === 0) {
    throw new Error("Fleiss' kappa needs at least one subject and one category.");
  }
  const categories = first.length;
  let raters = -1;
  const totals = new Array<number>(categories).fill(0);
  let agreementSum = 0;
  counts.forEach((row, i) => {
    if (row.length !== categories) {
      throw new Error(`Fleiss' kappa needs the same categories for every subject; subject ${i} has ${row.length}, not ${categories}.`);
    }
    let rowRaters = 0;
    let squares = 0;
    row.forEach((count, j) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new Error(`Fleiss' kappa needs counts that are whole numbers ≥ 0; subject ${i}, category ${j} has ${count}.`);
      }
      rowRaters += count;
      squares += count * count;
      totals[j] = (totals[j] as number) + count;
    });
    if (raters === -1) raters = rowRaters;
    if (rowRaters !== raters) {
      throw new Error(`Fleiss' kappa needs the same number of raters per subject; subject 0 has ${raters}, subject ${i} has ${rowRaters}.`);
    }
    agreementSum += squares - rowRaters;
  });
  if (raters < 2) throw new Error(`Fleiss' kappa needs at least 2 raters per subject; there are ${raters}.`);

  const subjects = counts.length;
  const observed = agreementSum / (subjects * raters * (raters - 1));
  let chance = 0;
  for (const total of totals) {
    const p = total / (subjects * raters);
    chance += p * p;
  }
  if (chance === 1) return 1;
  return (observed - chance) / (1 - chance);
}

/**
 * MASI distance between two sets (Passonneau 2006, "Measuring Agreement on Set-valued Items"):
 * 1 − J × M, with J the Jaccard index |A ∩ B| / |A ∪ B| and the monotonicity weight M = 1 when the
 * sets are identical, 2/3 when one is a subset of the other, 1/3 when they only overlap, 0 when
 * disjoint. Two empty sets are identical: distance 0. Arrays are read as sets; elements are
 * compared as `Set` does (SameValueZero), so use ids or strings, not objects.
 */
export function masiDistance<T>(a: ReadonlySet<T> | ReadonlyArray<T>, b: ReadonlySet<T> | ReadonlyArray<T>): number {
  const setA: ReadonlySet<T> = a instanceof Set ? a : new Set(a);
  const setB: ReadonlySet<T> = b instanceof Set ? b : new Set(b);
  if (setA.size === 0 && setB.size === 0) return 0;
  let shared = 0;
  for (const item of setA) if (setB.has(item)) shared++;
  const jaccard = shared / (setA.size + setB.size - shared);
  let monotonicity: number;
  if (shared === setA.size && shared === setB.size) monotonicity = 1;
  else if (shared === setA.size || shared === setB.size) monotonicity = 2 / 3;
  else if (shared > 0) monotonicity = 1 / 3;
  else monotonicity = 0;
  return 1 - jaccard * monotonicity;
}

/**
 * Maps values that are equal by value to one index; `values[i]` is the first value seen with index
 * i. Primitives are their own key (a Map tells 1 from '1'); arrays, Sets and plain objects are keyed
 * by their canonical text, in a Map of their own so that text never meets a string label.
 */
class Interner<V> {
  readonly values: V[] = [];
  private readonly primitives = new Map<unknown, number>();
  private readonly composites = new Map<string, number>();

  indexOf(value: V): number {
    const composite = typeof value === 'object' && value !== null;
    const map: Map<unknown, number> = composite ? this.composites : this.primitives;
    const key = composite ? canonical(value) : value;
    let index = map.get(key);
    if (index === undefined) {
      index = this.values.length;
      map.set(key, index);
      this.values.push(value);
    }
    return index;
  }
}

/** For numeric levels: checks the value is a number the level's metric accepts. */
function checkNumber(level: AlphaLevel, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`Krippendorff's alpha at the ${level} level needs finite numbers; got ${String(value)}.`);
  }
  if (level === 'ratio' && value < 0) {
    throw new RangeError(`Krippendorff's alpha at the ratio level needs numbers ≥ 0; got ${value}.`);
  }
}

/**
 * Canonical text of a value: arrays keep their order (a tuple such as [speaker, stance, target] is
 * not a set); Sets are sorted, as their order means nothing; plain objects are sorted by key.
 */
function canonical(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Set) return `{${[...value].map(canonical).sort().join(',')}}`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) // as Object.keys().sort(): by UTF-16 code units
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`);
    return `(${entries.join(',')})`;
  }
  throw new TypeError(`Cannot compare ${Object.prototype.toString.call(value)} values by value; use a primitive, array, Set or plain object.`);
}
