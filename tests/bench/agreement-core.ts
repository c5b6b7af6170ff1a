// Times the pure agreement functions on 100,000 units × 3 coders of random data:
// `npx tsx tests/bench/agreement-core.ts`. The API's own bench (`npm run bench -- agreement`) is separate.
import { krippendorffAlpha, masiDistance } from '../../shared/agreement.ts';
import { seededRandom } from '../support/random.ts';

const UNITS = 100_000;
const CODERS = 3;
const MISSING = 0.1; // share of values left out, so units have 1 to 3 values

// A fixed seed, so every run times the same data.
const random = seededRandom(20_240_601);

function makeUnits<V>(value: () => V): (V | null)[][] {
  return Array.from({ length: UNITS }, () => Array.from({ length: CODERS }, () => (random() < MISSING ? null : value())));
}

const STANCES = ['support', 'oppose', 'neutral', 'other'];
const ACTORS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

const nominalUnits = makeUnits(() => STANCES[Math.floor(random() * STANCES.length)] as string);
const ordinalUnits = makeUnits(() => 1 + Math.floor(random() * 5));
const setUnits = makeUnits(() => ACTORS.filter(() => random() < 0.3));

function time(label: string, run: () => number): void {
  const start = performance.now();
  const alpha = run();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms   α = ${alpha.toFixed(4)}`);
}

console.log(`${UNITS.toLocaleString('en')} units × ${CODERS} coders, ${MISSING * 100}% missing`);
// The first call also warms the JIT; the second is the steady-state figure.
time('nominal α (first call)', () => krippendorffAlpha(nominalUnits, 'nominal'));
time('nominal α', () => krippendorffAlpha(nominalUnits, 'nominal'));
time('ordinal α', () => krippendorffAlpha(ordinalUnits, 'ordinal'));
time('interval α', () => krippendorffAlpha(ordinalUnits, 'interval'));
time('MASI α, sets of 6 actors (first)', () => krippendorffAlpha(setUnits, 'nominal', masiDistance<string>));
time('MASI α, sets of 6 actors', () => krippendorffAlpha(setUnits, 'nominal', masiDistance<string>));
