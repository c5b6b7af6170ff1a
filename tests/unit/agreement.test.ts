import { describe, it, expect } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlpha, krippendorffAlphaDetailed, masiDistance } from '../../shared/agreement.ts';

/** Rows are coders, columns units; turns them into the units × coders layout α takes. */
function transpose<V>(coders: ReadonlyArray<ReadonlyArray<V | null>>): (V | null)[][] {
  const unitCount = coders[0]?.length ?? 0;
  return Array.from({ length: unitCount }, (_, u) => coders.map((row) => row[u] ?? null));
}

/** Rounds as a published table does, so a test reads like the paper. */
const threeDecimals = (x: number): string => x.toFixed(3);

describe('krippendorffAlpha', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 coders × 12 units.
  const _ = null;
  const reliabilityData = transpose([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ]);

  it.each([
    ['nominal', '0.743'],
    ['ordinal', '0.815'],
    ['interval', '0.849'],
    ['ratio', '0.797'],
  ] as const)('reproduces the published %s alpha of Krippendorff (2011)', (level, published) => {
    expect(threeDecimals(krippendorffAlpha(reliabilityData, level))).toBe(published);
  });

  it('counts the pairable units and values the figure rests on', () => {
    // Unit 12 has one value only; the other 11 hold 40 values.
    const result = krippendorffAlphaDetailed(reliabilityData, 'nominal');
    expect(result.units).toBe(11);
    expect(result.values).toBe(40);
    expect(result.alpha).toBeCloseTo(1 - result.observed / result.expected, 12);
  });

  it('reproduces the two-coder binary example of Krippendorff (2011)', () => {
    const units = transpose([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(threeDecimals(krippendorffAlpha(units, 'nominal'))).toBe('0.095');
  });

  it('compares nominal values by value: strings, tuples in order, Sets in any order', () => {
    const asNumbers = krippendorffAlpha(reliabilityData, 'nominal');
    const asStrings = reliabilityData.map((unit) => unit.map((v) => (v === null ? null : `label ${v}`)));
    expect(krippendorffAlpha(asStrings, 'nominal')).toBeCloseTo(asNumbers, 12);

    // The same set written in two orders is one value; a tuple reversed is another.
    expect(
      krippendorffAlpha(
        [
          [new Set(['a', 'b']), new Set(['b', 'a'])],
          [new Set(['c']), new Set(['c'])],
          [new Set(['a']), new Set(['c'])],
        ],
        'nominal',
      ),
    ).toBeCloseTo(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2],
          [3, 2],
        ],
        'nominal',
      ),
      12,
    );
    expect(
      krippendorffAlpha(
        [
          [
            ['a', 'b'],
            ['b', 'a'],
          ],
          [['c'], ['c']],
        ],
        'nominal',
      ),
    ).toBeLessThan(1);
  });

  it('ignores missing values and units that cannot be paired', () => {
    const base = krippendorffAlpha(reliabilityData, 'interval');
    const padded = [[null, null, null, null], ...reliabilityData, [null, 7, null, null]];
    expect(krippendorffAlpha(padded, 'interval')).toBeCloseTo(base, 12);
    // Which coder gave which value does not matter within a unit.
    const shuffled = reliabilityData.map((unit) => [...unit].reverse());
    expect(krippendorffAlpha(shuffled, 'interval')).toBeCloseTo(base, 12);
  });

  it('returns 1 when all coders agree, including when every value is the same', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1, null],
          [2, 2, 2],
          [3, null, 3],
        ],
        'nominal',
      ),
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [1, 1, null],
          [2, 2, 2],
          [3, null, 3],
        ],
        'interval',
      ),
    ).toBe(1);
    // No expected disagreement (D_e = 0): documented as 1.
    const same = krippendorffAlphaDetailed(
      [
        ['pro', 'pro'],
        ['pro', null, 'pro'],
      ],
      'nominal',
    );
    expect(same).toMatchObject({ alpha: 1, units: 2, values: 4, observed: 0, expected: 0 });
  });

  it('throws a clear error when no unit is pairable', () => {
    expect(() => krippendorffAlpha([[5]], 'nominal')).toThrow(/no.*pairable|pairable.*none/i);
    expect(() => krippendorffAlpha([[1, null], [null, 2], [null, null], []], 'ordinal')).toThrow(/pairable/);
    expect(() => krippendorffAlpha([], 'nominal')).toThrow(/pairable/);
  });

  it('rejects non-numbers at numeric levels', () => {
    expect(() => krippendorffAlpha([['a', 'b']], 'interval')).toThrow(TypeError);
    expect(() => krippendorffAlpha([[-1, 2]], 'ratio')).toThrow(RangeError);
  });

  it('uses a custom distance such as MASI as δ², matching a hand computation', () => {
    // Values X = {a}, Y = {a,b}, Z = {b,c}; δ²(X,Y) = 1 − ½·⅔ = ⅔, δ²(Y,Z) = 1 − ⅓·⅓ = 8/9, δ²(X,Z) = 1.
    const units = [
      [['a'], ['a']],
      [['a'], ['a', 'b']],
      [['b', 'a'], new Set(['a', 'b'])], // one value, written in two ways
      [['a', 'b'], ['c', 'b'], null],
    ];
    // n_X = 3, n_Y = 4, n_Z = 1, n = 8.
    // Σ o_ck δ²_ck = 2·⅔ (unit 2) + 2·8/9 (unit 4) = 28/9.
    // Σ n_c n_k δ²_ck = 2 (3·4·⅔ + 3·1·1 + 4·1·8/9) = 262/9.
    // α = 1 − (n − 1) · (28/9) / (262/9) = 1 − 196/262 = 33/131.
    const result = krippendorffAlphaDetailed<ReadonlyArray<string> | ReadonlySet<string>>(units, 'nominal', masiDistance);
    expect(result.alpha).toBeCloseTo(33 / 131, 12);
    expect(result.observed).toBeCloseTo(28 / 9 / 8, 12);
    expect(result.expected).toBeCloseTo(262 / 9 / (8 * 7), 12);
  });

  it('with the nominal distance as a custom distance, equals the nominal level', () => {
    const nominal = (a: number, b: number): number => (a === b ? 0 : 1);
    expect(krippendorffAlpha(reliabilityData, 'interval', nominal)).toBeCloseTo(krippendorffAlpha(reliabilityData, 'nominal'), 12);
  });

  it('rejects a distance that returns a negative or non-finite number', () => {
    expect(() => krippendorffAlpha([[1, 2]], 'nominal', () => -1)).toThrow(/distance/);
    expect(() => krippendorffAlpha([[1, 2]], 'nominal', () => Number.NaN)).toThrow(/distance/);
  });
});

describe('cohenKappa', () => {
  // Wikipedia, "Cohen's kappa": 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4.
  const a = [...Array<string>(25).fill('yes'), ...Array<string>(25).fill('no')];
  const b = [...Array<string>(20).fill('yes'), ...Array<string>(5).fill('no'), ...Array<string>(10).fill('yes'), ...Array<string>(15).fill('no')];

  it('reproduces the Wikipedia example', () => {
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 12);
  });

  it('drops pairs with a missing value', () => {
    expect(cohenKappa([...a, null, 'yes', null], [...b, 'no', null, null])).toBeCloseTo(0.4, 12);
  });

  it('returns 1 when both coders used one and the same label throughout', () => {
    expect(cohenKappa(['pro', 'pro', null], ['pro', 'pro', 'con'])).toBe(1);
  });

  it('throws on arrays of unequal length or no complete pair', () => {
    expect(() => cohenKappa(['a', 'b'], ['a'])).toThrow(/equal length/);
    expect(() => cohenKappa(['a', null], [null, 'b'])).toThrow(/at least one/);
  });
});

describe('fleissKappa', () => {
  it('reproduces the Wikipedia example (10 subjects, 5 categories, 14 raters)', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(threeDecimals(fleissKappa(counts))).toBe('0.210');
  });

  it('returns 1 when every rating falls in one category', () => {
    expect(
      fleissKappa([
        [3, 0],
        [3, 0],
      ]),
    ).toBe(1);
  });

  it('throws on unequal raters, too few raters, ragged rows or no subjects', () => {
    expect(() =>
      fleissKappa([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/same number of raters/);
    expect(() =>
      fleissKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow(/at least 2 raters/);
    expect(() => fleissKappa([[1, 1], [2]])).toThrow(/same categories/);
    expect(() => fleissKappa([])).toThrow(/at least one subject/);
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow(/whole numbers/);
  });
});

describe('masiDistance', () => {
  it('follows Passonneau (2006): 1 − Jaccard × monotonicity', () => {
    expect(masiDistance(['a', 'b'], ['b', 'a'])).toBe(0);
    expect(masiDistance(['a'], ['b'])).toBe(1);
    expect(threeDecimals(masiDistance(new Set(['a', 'b']), new Set(['a'])))).toBe('0.667');
    expect(threeDecimals(masiDistance(['a', 'b'], ['b', 'c']))).toBe('0.889');
    expect(masiDistance([], new Set())).toBe(0);
    expect(masiDistance([], ['a'])).toBe(1);
  });

  it('is symmetric', () => {
    expect(masiDistance(['a'], ['a', 'b'])).toBe(masiDistance(['a', 'b'], ['a']));
  });
});
