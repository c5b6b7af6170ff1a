// Registry mentions as the suggester reads them, and coordination: which neighbouring mentions name
// one group ("Xi and Putin", "Iran, Israel, Egypt, and Oman", "Zhai Jun, and his Russian
// counterpart, Mikhail Bogdanov", "Chinese President Xi Jinping and Russian President Vladimir Putin").
import type { ActorKind } from '../../shared/schemas/actors.ts';
import type { ActorMention } from '../../shared/suggestions.ts';

export interface Mention extends ActorMention {
  /** The actor a claim records: a person's state when the registry gives one. */
  coded: number;
  kind: ActorKind;
  /** Named as a place ("in Qatar"), not as a party. */
  place: boolean;
  /** An example inside a list ("all parties, particularly Israel"): never a speaker. */
  aside: boolean;
}

/**
 * The words that may join two names of one group: a comma or "and" ("or", "as well as"), then at
 * most a "his Russian counterpart," and up to three capitalised title words ("Russian President").
 */
const JOIN =
  /^(?:['’]s)?\s*(?:,\s*)?(?:(?:and|or|as well as|&)\s+)?(?:(?:his|her|its|their)\s+(?:[\w-]+\s+){0,3}?counterparts?,?\s+)?(?:\p{Lu}[\p{L}’'.-]*\s+){0,3}$/u;

export function joins(text: string, a: { end: number }, b: { start: number }): boolean {
  const between = text.slice(a.end, b.start);
  return /,|\band\b|\bor\b|&|as well as/u.test(between) && JOIN.test(between);
}

/** The mention at `index` and those before it joined to it, in text order. */
export function coordinatedBefore<M extends Mention>(text: string, mentions: readonly M[], index: number): M[] {
  const group = [mentions[index]!];
  for (let i = index - 1; i >= 0 && joins(text, mentions[i]!, group[0]!); i--) group.unshift(mentions[i]!);
  return group;
}

/** The mention at `index` and those after it joined to it. */
export function coordinatedAfter<M extends Mention>(text: string, mentions: readonly M[], index: number): M[] {
  const group = [mentions[index]!];
  for (let i = index + 1; i < mentions.length && joins(text, group.at(-1)!, mentions[i]!); i++) group.push(mentions[i]!);
  return group;
}
