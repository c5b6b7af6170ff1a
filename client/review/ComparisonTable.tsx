import type { ReactNode } from 'react';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation, Claim } from '../../shared/schemas/annotations.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import { refText, stanceName } from '../ui/claimText.ts';
import type { Comparison } from './compare.ts';

const STATUS_TEXT: Record<Annotation['status'], string> = { claims: 'claims', no_claim: 'no claim', skipped: 'skipped' };

/** The rows of one claim unit: its frame, then the flags, each compared on its own. */
const CLAIM_FIELDS = ['speaker', 'stance', 'target', 'negated', 'hypothetical'] as const;
type ClaimField = (typeof CLAIM_FIELDS)[number];

interface Props {
  annotations: readonly Annotation[];
  /** Column headings: "Annotator A" or "A · username". */
  names: readonly string[];
  comparison: Comparison;
  /** Which annotators a merge takes claims from. */
  selected: ReadonlySet<number>;
  onToggleSelected: (annotatorId: number) => void;
  onAccept: (index: number) => void;
  /** Take one annotator's reading of a claim unit that differs only in speaker or only in target. */
  onTake: (rowIndex: number, index: number) => void;
  busy: boolean;
  actorsById: ReadonlyMap<number, Actor>;
  stanceLabels: readonly StanceLabel[];
  text: string;
}

/** A cell that is marked (colour and words) when its field is not the same for every annotator. */
function FieldCell({ differs, children }: { differs: boolean; children: ReactNode }) {
  return (
    <td className={differs ? 'differs' : undefined}>
      {children}
      {differs && <span className="visually-hidden"> (differs)</span>}
    </td>
  );
}

/**
 * Each annotator's label of one sentence in its own column; matched claims share a row, differing
 * fields are marked. A unit apart in speaker or target alone offers each reading to take into gold.
 */
export function ComparisonTable({ annotations, names, comparison, selected, onToggleSelected, onAccept, onTake, busy, actorsById, stanceLabels, text }: Props) {
  const claimText = (claim: Claim | null, field: ClaimField) => {
    if (!claim) return <span className="muted">no such claim</span>;
    if (field === 'stance') return <span className={`stance stance-${claim.stance}`}>{stanceName(claim.stance, stanceLabels)}</span>;
    if (field === 'negated' || field === 'hypothetical') return claim[field] ? <strong>yes</strong> : <span className="muted">no</span>;
    return refText(claim[field], actorsById, text);
  };

  return (
    <table className="compare">
      <caption className="visually-hidden">Labels of this sentence, one column per annotator; differing fields are marked</caption>
      <thead>
        <tr>
          <td />
          <td />
          {annotations.map((annotation, index) => (
            <th key={annotation.annotatorId} scope="col">
              <span className="annotator-name">{names[index]}</span>
              <span className="annotator-actions">
                <button type="button" onClick={() => onAccept(index)} disabled={busy}>
                  Accept<span className="visually-hidden"> {names[index]}</span> {index < 9 && <kbd aria-hidden="true">{index + 1}</kbd>}
                </button>
                <label className="inline">
                  <input type="checkbox" checked={selected.has(annotation.annotatorId)} onChange={() => onToggleSelected(annotation.annotatorId)} /> in merge
                  <span className="visually-hidden"> ({names[index]})</span>
                </label>
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row" colSpan={2}>
            Status
          </th>
          {annotations.map((annotation) => (
            <FieldCell key={annotation.annotatorId} differs={comparison.statusDiffers}>
              {STATUS_TEXT[annotation.status]}
              {annotation.note && <div className="muted small">“{annotation.note}”</div>}
            </FieldCell>
          ))}
        </tr>
      </tbody>
      {comparison.rows.map((row, rowIndex) => (
        <tbody key={rowIndex} className="claim-unit">
          {CLAIM_FIELDS.map((field, fieldIndex) => (
            <tr key={field}>
              {fieldIndex === 0 && (
                <th scope="rowgroup" rowSpan={CLAIM_FIELDS.length} className="claim-number">
                  Claim {rowIndex + 1}
                </th>
              )}
              <th scope="row" className="field-name">
                {field}
              </th>
              {row.claims.map((claim, index) => (
                <FieldCell key={annotations[index]!.annotatorId} differs={row.differs[field]}>
                  {claimText(claim, field)}
                  {claim && row.apart === field && (
                    <button type="button" className="take" onClick={() => onTake(rowIndex, index)} disabled={busy}>
                      Take
                      <span className="visually-hidden">
                        {' '}
                        {names[index]}’s {field}
                      </span>
                    </button>
                  )}
                </FieldCell>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
