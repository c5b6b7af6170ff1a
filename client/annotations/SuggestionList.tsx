import { refText, stanceName } from '../ui/claimText.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import type { SuggestedClaim } from './claims.ts';

interface Props {
  suggestions: readonly SuggestedClaim[];
  actorsById: ReadonlyMap<number, Actor>;
  labels: readonly StanceLabel[];
  text: string;
  onAccept: (suggestion: SuggestedClaim) => void;
}

/** Where a suggestion came from, as the card says it: "rules (parley-rules/1)", "model stance-bert/2, 0.82". */
export function sourceText(s: Pick<SuggestedClaim, 'source' | 'model' | 'score'>): string {
  const model = s.model ? ` ${s.source === 'rules' ? `(${s.model})` : s.model}` : '';
  return `${s.source}${model}${s.score === null ? '' : `, ${s.score.toFixed(2)}`}`;
}

/** Ghost cards of the server's suggestions, each with its source; the first is accepted with `a`. */
export function SuggestionList({ suggestions, actorsById, labels, text, onAccept }: Props) {
  if (suggestions.length === 0) return null;
  return (
    <ul className="suggestions" aria-label="Suggestions">
      {suggestions.map((s, i) => {
        const flags = [s.negated && 'negated', s.hypothetical && 'hypothetical'].filter(Boolean).join(', ');
        const summary = `${refText(s.speaker, actorsById, text)} — ${stanceName(s.stance, labels)}${flags ? ` (${flags})` : ''} → ${refText(s.target, actorsById, text)}`;
        return (
          <li key={`${s.speaker.actorId}-${s.stance}-${s.target.actorId}-${s.cue?.start ?? i}`} className="ghost-card">
            <span>
              <span className="muted small">Suggested: </span>
              {summary}
              {s.cue && <span className="muted small"> (cue “{text.slice(s.cue.start, s.cue.end)}”)</span>}{' '}
              <span className="muted small suggestion-source" title={s.reason ?? undefined}>
                from {sourceText(s)}
              </span>
            </span>
            <button type="button" onClick={() => onAccept(s)}>
              Accept{i === 0 && <kbd>a</kbd>}
              <span className="visually-hidden"> suggestion {summary}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
