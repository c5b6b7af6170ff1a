import { refText, stanceName } from '../ui/claimText.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import type { SuggestedClaim } from '../../shared/suggestions.ts';

interface Props {
  suggestions: readonly SuggestedClaim[];
  actorsById: ReadonlyMap<number, Actor>;
  labels: readonly StanceLabel[];
  text: string;
  onAccept: (suggestion: SuggestedClaim) => void;
}

/** Ghost cards proposed from actor names and stance cues; the first is accepted with `a`. */
export function SuggestionList({ suggestions, actorsById, labels, text, onAccept }: Props) {
  if (suggestions.length === 0) return null;
  return (
    <ul className="suggestions" aria-label="Suggestions">
      {suggestions.map((s, i) => {
        const summary = `${s.speaker ? refText(s.speaker, actorsById, text) : '…'} — ${stanceName(s.stance, labels)} → ${s.target ? refText(s.target, actorsById, text) : '…'}`;
        return (
          <li key={`${s.cue.start}-${s.stance}`} className="ghost-card">
            <span>
              <span className="muted small">Suggested: </span>
              {summary} <span className="muted small">(cue “{text.slice(s.cue.start, s.cue.end)}”)</span>
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
