import type { Actor } from '../../shared/schemas/actors.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import type { Gold } from '../../shared/schemas/review.ts';
import { refText, stanceName } from '../ui/claimText.ts';
import { METHOD_TEXT } from './useAdjudication.ts';

interface Props {
  gold: Gold;
  actorsById: ReadonlyMap<number, Actor>;
  stanceLabels: readonly StanceLabel[];
  text: string;
  nameOf: (annotatorId: number) => string;
  usernames: ReadonlyMap<number, string>;
}

/** The sentence's gold label as saved: its claims, how it was made, from whom, by whom, and why. */
export function GoldSummary({ gold, actorsById, stanceLabels, text, nameOf, usernames }: Props) {
  return (
    <div className="gold-now">
      <h3>Gold label</h3>
      <p>
        {gold.status === 'claims'
          ? gold.claims.map((claim, i) => (
              <span key={claim.id} className="gold-claim">
                {i > 0 && '; '}
                {refText(claim.speaker, actorsById, text)} — <span className={`stance stance-${claim.stance}`}>{stanceName(claim.stance, stanceLabels)}</span> →{' '}
                {refText(claim.target, actorsById, text)}
                {claim.negated && <span className="badge">negated</span>}
                {claim.hypothetical && <span className="badge">hypothetical</span>}
              </span>
            ))
          : gold.status === 'no_claim'
            ? 'no claim'
            : 'skipped'}
      </p>
      <p className="muted small">
        {METHOD_TEXT[gold.method]}
        {gold.sourceAnnotators.length > 0 && ` from ${gold.sourceAnnotators.map(nameOf).join(', ')}`} by{' '}
        {usernames.get(gold.reviewerId) ?? `user ${gold.reviewerId}`}, version {gold.version}
        {gold.rationale && ` — “${gold.rationale}”`}
      </p>
    </div>
  );
}
