import { refText, stanceName } from '../ui/claimText.ts';
import { spanTitle, type Role } from './claims.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

interface Props {
  claims: readonly Claim[];
  actorsById: ReadonlyMap<number, Actor>;
  labels: readonly StanceLabel[];
  text: string;
  selectedPosition: number | null;
  /** The claim open in the editor, by position. */
  editing: number | null;
  onHover: (position: number | null) => void;
  onSelect: (position: number) => void;
  onOpenField: (position: number, field: Role | 'stance') => void;
  onToggleFlag: (position: number, flag: 'negated' | 'hypothetical') => void;
  onRemove: (position: number) => void;
}

/** The sentence's claims as cards ("China — condemn → Israel"): each part is a button that opens the editor on it. */
export function ClaimCards({ claims, actorsById, labels, text, selectedPosition, editing, onHover, onSelect, onOpenField, onToggleFlag, onRemove }: Props) {
  return (
    <ul className="claims" aria-label="Claims">
      {claims.map((claim, position) => {
        const speaker = refText(claim.speaker, actorsById, text);
        const target = refText(claim.target, actorsById, text);
        const stance = stanceName(claim.stance, labels);
        const isSelected = selectedPosition === position;
        return (
          <li
            key={claim.id}
            className={`claim-card${isSelected ? ' selected' : ''}${editing === position ? ' editing' : ''}`}
            aria-current={isSelected ? 'true' : undefined}
            onMouseEnter={() => onHover(position)}
            onMouseLeave={() => onHover(null)}
            onClick={(event) => {
              if (event.target === event.currentTarget) onSelect(position);
            }}
          >
            <button
              type="button"
              className="claim-field who speaker"
              onClick={() => onOpenField(position, 'speaker')}
              aria-label={`Speaker: ${speaker}. Change`}
              title={spanTitle(claim.speaker.span, text)}
            >
              {speaker}
            </button>
            <span aria-hidden="true"> — </span>
            <button
              type="button"
              className={`claim-field stance stance-${claim.stance}`}
              onClick={() => onOpenField(position, 'stance')}
              aria-label={`Stance: ${stance}. Change`}
            >
              {stance}
            </button>
            <span aria-hidden="true"> → </span>
            <button
              type="button"
              className="claim-field who target"
              onClick={() => onOpenField(position, 'target')}
              aria-label={`Target: ${target}. Change`}
              title={spanTitle(claim.target.span, text)}
            >
              {target}
            </button>
            <span className="flags">
              <button type="button" className="flag" aria-pressed={claim.negated} onClick={() => onToggleFlag(position, 'negated')} title="Negated (!)">
                negated
              </button>
              <button
                type="button"
                className="flag"
                aria-pressed={claim.hypothetical}
                onClick={() => onToggleFlag(position, 'hypothetical')}
                title="Hypothetical (h)"
              >
                hypothetical
              </button>
              {claim.origin.startsWith('suggestion:') && (
                <span
                  className="origin"
                  title={`Accepted from a suggestion: ${claim.origin.slice('suggestion:'.length)}${claim.originModel ? `, ${claim.originModel}` : ''}`}
                >
                  ✓ suggested by {claim.origin.slice('suggestion:'.length)}
                </span>
              )}
            </span>
            <button type="button" className="icon" onClick={() => onRemove(position)} aria-label={`Remove claim ${speaker} ${stance} ${target}`}>
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
