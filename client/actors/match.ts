import type { Actor } from '../../shared/schemas/actors.ts';

/**
 * Ranks actors for type-ahead: an exact name, alias or code first, then prefixes, then any word
 * that starts with the query, then substrings. Ties keep alphabetical order.
 */
export function rankActors(actors: readonly Actor[], query: string, limit = 12): Actor[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return actors.slice(0, limit);
  const scored: { actor: Actor; score: number }[] = [];
  for (const actor of actors) {
    let best = 0;
    for (const term of [actor.name, ...actor.aliases, actor.code ?? '']) {
      const t = term.toLocaleLowerCase();
      if (!t) continue;
      const score = t === q ? 4 : t.startsWith(q) ? 3 : t.split(/[\s\-–]+/).some((word) => word.startsWith(q)) ? 2 : t.includes(q) ? 1 : 0;
      if (score > best) best = score;
    }
    if (best > 0) scored.push({ actor, score: best });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.actor.name.localeCompare(b.actor.name))
    .slice(0, limit)
    .map((entry) => entry.actor);
}
