import { z } from 'zod';
import { Claim } from '../../shared/schemas/annotations.ts';

/** One field that changed, both sides in words. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** What one audited change did, readable: fields before → after, and claims taken out and put in. */
export interface ChangeSummary {
  fields: FieldChange[];
  removedClaims: string[];
  addedClaims: string[];
}

// Bookkeeping, not content: who and when are on the event itself; ids and versions say nothing to a reviewer.
const IGNORED = new Set(['id', 'version', 'updatedAt', 'createdAt', 'annotatorId', 'reviewerId', 'sentenceId', 'documentId', 'projectId', 'timeSpentMs']);
const FIELD_NAMES: Record<string, string> = { sourceAnnotators: 'sources', no_claim: 'no claim' };

const Record_ = z.record(z.string(), z.unknown());
const Claims = z.array(Claim);

/** A value as words: nothing is "—", flags are yes/no, a list is joined, an object is its fields. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return FIELD_NAMES[value] ?? value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(valueText).join(', ');
  const record = Record_.safeParse(value);
  if (record.success)
    return Object.entries(record.data)
      .filter(([key]) => !IGNORED.has(key))
      .map(([key, v]) => `${key}: ${valueText(v)}`)
      .join('; ');
  return String(value);
}

/** Lines of `from` that `to` does not have, counting repeats (two equal claims are two lines). */
function missingFrom(from: readonly string[], to: readonly string[]): string[] {
  const left = [...to];
  return from.filter((line) => {
    const i = left.indexOf(line);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/**
 * The change an event records, from its before and after (either may be null: created, removed).
 * Claims are compared as the lines `claimLine` writes ("China — condemn → Israel"), so a reviewer
 * sees which claim went and which came, not ids and offsets.
 */
export function summariseChange(before: unknown, after: unknown, claimLine: (claim: Claim) => string): ChangeSummary {
  const from = Record_.safeParse(before ?? {});
  const to = Record_.safeParse(after ?? {});
  const a = from.success ? from.data : { value: before };
  const b = to.success ? to.data : { value: after };
  const fields: FieldChange[] = [];
  let removedClaims: string[] = [];
  let addedClaims: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    if (IGNORED.has(key)) continue;
    if (key === 'claims') {
      const beforeClaims = Claims.safeParse(a.claims ?? []);
      const afterClaims = Claims.safeParse(b.claims ?? []);
      if (beforeClaims.success && afterClaims.success) {
        const x = beforeClaims.data.map(claimLine);
        const y = afterClaims.data.map(claimLine);
        removedClaims = missingFrom(x, y);
        addedClaims = missingFrom(y, x);
        continue;
      }
    }
    const was = valueText(a[key]);
    const now = valueText(b[key]);
    if (was !== now) fields.push({ field: FIELD_NAMES[key] ?? key, before: was, after: now });
  }
  return { fields, removedClaims, addedClaims };
}
