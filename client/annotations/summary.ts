import { refText, stanceName } from '../ui/claimText.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

/** How many claims a sentence row spells out; the rest are counted ("+2 more"). */
export const SUMMARY_CLAIMS = 2;
/** A speaker or target longer than this (a quoted span) is cut short in a row. */
const REF_MAX = 32;

const short = (words: string) => (words.length > REF_MAX ? `${words.slice(0, REF_MAX - 1).trimEnd()}…` : words);

/** A claim's flags as its row says them: a negated support must not read like a support. */
const flagsOf = (claim: { negated: boolean; hypothetical: boolean }) =>
  [claim.negated && 'negated', claim.hypothetical && 'hypothetical'].filter(Boolean).join(', ');

/**
 * A sentence's label in short, as its row in the list shows it: "Russia — condemn → Israel" per
 * claim (the first few), with "(negated)" or "(hypothetical)" after a flagged one, "no claim",
 * "skipped", or '' when it has none yet.
 */
export function labelSummary(
  annotation: Annotation | undefined,
  actorsById: ReadonlyMap<number, Actor>,
  labels: readonly StanceLabel[],
  text: string,
): string[] {
  if (!annotation) return [];
  if (annotation.status === 'no_claim') return ['no claim'];
  if (annotation.status === 'skipped') return ['skipped'];
  const shown = annotation.claims.slice(0, SUMMARY_CLAIMS).map((claim) => {
    const flags = flagsOf(claim);
    const words = `${short(refText(claim.speaker, actorsById, text))} — ${stanceName(claim.stance, labels)} → ${short(refText(claim.target, actorsById, text))}`;
    return flags ? `${words} (${flags})` : words;
  });
  const more = annotation.claims.length - shown.length;
  return more > 0 ? [...shown, `+${more} more`] : shown;
}
