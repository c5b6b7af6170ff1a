import type { Actor } from '../../shared/schemas/actors.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

type Ref = Claim['speaker'];

/** How a speaker or target reads on a card: the actor's name, else the quoted span. */
export function refText(ref: Ref | null | undefined, actorsById: ReadonlyMap<number, Actor>, text: string): string {
  if (!ref) return '…';
  if (ref.actorId != null) return actorsById.get(ref.actorId)?.name ?? `actor ${ref.actorId}`;
  if (ref.span) return `“${text.slice(ref.span.start, ref.span.end)}”`;
  return '…';
}

/** How a stance reads on a card: its label's name in lower case, else the key itself. */
export function stanceName(key: string | null | undefined, labels: readonly StanceLabel[]): string {
  if (!key) return '…';
  return labels.find((label) => label.key === key)?.name.toLocaleLowerCase() ?? key;
}
