import { hasRef, type Draft, type Role } from './claims.ts';

/** The fields of the claim editor, in the order Esc steps back through them. */
export type Field = Role | 'stance';
const ORDER: readonly Field[] = ['speaker', 'stance', 'target'];

/** Where Esc goes from a field (the flags count as after the target); null: out of the editor. */
export function fieldBefore(field: Field | 'flags'): Field | null {
  if (field === 'flags') return 'target';
  return ORDER[ORDER.indexOf(field) - 1] ?? null;
}

/** Where Enter in an empty picker goes: the next field, round to the first. */
export function fieldAfter(field: Field): Field {
  return ORDER[(ORDER.indexOf(field) + 1) % ORDER.length]!;
}

/** The first field a draft still lacks, in editor order (speaker when it lacks none). */
export function firstMissing(draft: Draft): Field {
  if (!hasRef(draft.speaker)) return 'speaker';
  if (!draft.stance) return 'stance';
  if (!hasRef(draft.target)) return 'target';
  return 'speaker';
}

/** Whether a draft holds anything the user gave: then it is kept, never dropped by Esc or by moving on. */
export function draftHasContent(draft: Draft | null): draft is Draft {
  return !!draft && (hasRef(draft.speaker) || !!draft.stance || hasRef(draft.target) || !!draft.cue || draft.negated || draft.hypothetical);
}
