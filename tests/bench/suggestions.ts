// Suggestion quality, measured like an annotator against gold (issue 16, item 3): claim-level
// precision, recall and F1 per source on the five demo articles labelled by the demo codebook
// (tests/fixtures/suggestions-gold.json, rules in tests/fixtures/README.md). A suggestion counts
// when its speaker, stance and target are all right, people counted as their state; a second line
// also asks for the negated and hypothetical flags. "lexicon" is the browser's cue lexicon before
// issue 16 (the baseline), "rules" the server's suggester as GET /documents/:id/suggestions serves it.
//   npx tsx tests/bench/suggestions.ts [--misses]      or      npm run bench -- suggestions
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { segment } from '../../server/text/segment.ts';
import { flagBoilerplate } from '../../server/text/structure.ts';
import { ruleSuggestions } from '../../server/suggestions/service.ts';
import { findCues, suggestClaims } from '../../server/suggestions/lexicon.ts';
import type { SuggesterActor } from '../../server/suggestions/rules.ts';
import { compileActorMatcher } from '../../shared/suggestions.ts';
import { ActorKind } from '../../shared/schemas/actors.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const GoldClaim = z.strictObject({
  speaker: z.string(),
  stance: z.string(),
  target: z.string(),
  negated: z.boolean().optional(),
  hypothetical: z.boolean().optional(),
});
const Gold = z.object({
  documents: z.array(
    z.object({
      file: z.string(),
      /** Sentences written for the bench after the rules were, kept apart as a held-out check. */
      written: z.boolean().optional(),
      sentences: z.array(z.object({ index: z.number().int(), text: z.string(), status: z.string(), claims: z.array(GoldClaim).optional() })),
    }),
  ),
});
const SeedActors = z.array(
  z.object({ name: z.string(), kind: ActorKind, code: z.string().nullable(), aliases: z.array(z.string()), parent: z.string().nullable() }),
);

const seedActors = SeedActors.parse(JSON.parse(read('seeds/actors.json')));
const ids = new Map(seedActors.map((actor, i) => [actor.name, i + 1]));
const actors: SuggesterActor[] = seedActors.map((actor, i) => ({
  id: i + 1,
  name: actor.name,
  kind: actor.kind,
  code: actor.code,
  aliases: actor.aliases,
  parentId: actor.parent ? ids.get(actor.parent)! : null,
}));
const byId = new Map(actors.map((actor) => [actor.id, actor]));
const matcher = compileActorMatcher(actors);
const STANCES = ['condemn', 'support', 'mediate'];

/** People count as their state (codebook rule 3, and the brief: "people counted as their state"). */
const asState = (name: string) => {
  const actor = actors.find((a) => a.name === name);
  const parent = actor?.kind === 'person' && actor.parentId !== null ? byId.get(actor.parentId) : undefined;
  return parent?.name ?? name;
};
const nameOf = (id: number | null | undefined) => (id == null ? '(none)' : asState(byId.get(id)?.name ?? `#${id}`));

interface Scored {
  key: string;
  flagged: string;
  text: string;
}
type Source = (text: string, sentences: ReturnType<typeof documentSentences>) => Map<number, Scored[]>;

/** The document's sentences as an import stores them (server/documents/service.ts, prepareSentences). */
function documentSentences(text: string) {
  const spans = segment(text);
  const flags = flagBoilerplate(text, spans);
  return spans.map((s, index) => ({ ...s, boilerplate: flags[index] ?? false, id: index, index }));
}

const scored = (sentenceIndex: number, speaker: string, stance: string, target: string, negated: boolean, hypothetical: boolean): Scored => {
  const key = `${sentenceIndex}|${speaker}|${stance}|${target}`;
  return {
    key,
    flagged: `${key}|${negated ? 'neg' : ''}|${hypothetical ? 'hyp' : ''}`,
    text: `${speaker} —${stance}${negated ? ' (negated)' : ''}→ ${target}`,
  };
};

const sources: Record<string, Source> = {
  lexicon: (text, sentences) => {
    const out = new Map<number, Scored[]>();
    for (const s of sentences) {
      if (s.boilerplate) continue;
      const body = text.slice(s.start, s.end);
      const codeAs = (id: number) => {
        const actor = byId.get(id);
        return actor?.kind === 'person' && actor.parentId !== null ? actor.parentId : id;
      };
      const found = suggestClaims(matcher(body, s.start), findCues(body, STANCES, s.start), codeAs);
      out.set(
        s.index,
        found.map((c) => scored(s.index, nameOf(c.speaker?.actorId), c.stance, nameOf(c.target?.actorId), false, false)),
      );
    }
    return out;
  },
  rules: (text, sentences) => {
    const out = new Map<number, Scored[]>();
    for (const s of ruleSuggestions({ text, sentences: sentences.map((x) => ({ ...x, text: '', paragraph: 0 })) }, actors, matcher, STANCES)) {
      const list = out.get(s.sentenceId) ?? [];
      list.push(
        scored(s.sentenceId, nameOf(s.claim.speaker.actorId), s.claim.stance, nameOf(s.claim.target.actorId), !!s.claim.negated, !!s.claim.hypothetical),
      );
      out.set(s.sentenceId, list);
    }
    return out;
  },
};

const gold = Gold.parse(JSON.parse(read('tests/fixtures/suggestions-gold.json')));
const showMisses = process.argv.includes('--misses');
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pct = (x: number) => x.toFixed(3);

console.log(
  `gold: ${gold.documents.length} documents, ${gold.documents.reduce((n, d) => n + d.sentences.length, 0)} sentences, ${gold.documents.reduce((n, d) => n + d.sentences.reduce((m, s) => m + (s.claims?.length ?? 0), 0), 0)} claims`,
);
console.log('source    set      match                      tp   fp   fn  precision  recall     F1');
const sets = [
  ['demo', gold.documents.filter((d) => !d.written)],
  ['written', gold.documents.filter((d) => d.written)],
] as const;
for (const [name, source] of Object.entries(sources))
  for (const [set, documents] of sets) {
    const totals = { plain: { tp: 0, fp: 0, fn: 0 }, flags: { tp: 0, fp: 0, fn: 0 } };
    const misses: string[] = [];
    for (const doc of documents) {
      const text = read(doc.file);
      const sentences = documentSentences(text);
      const proposed = source(text, sentences);
      for (const sentence of doc.sentences) {
        const segmented = sentences[sentence.index];
        if (!segmented || !text.slice(segmented.start, segmented.end).replace(/\n/g, ' ').startsWith(sentence.text.slice(0, 40))) {
          throw new Error(`${doc.file} sentence ${sentence.index} is not "${sentence.text.slice(0, 40)}…": the segmenter changed; relabel the gold set`);
        }
        const want = (sentence.claims ?? []).map((c) => scored(sentence.index, asState(c.speaker), c.stance, asState(c.target), !!c.negated, !!c.hypothetical));
        const got = proposed.get(sentence.index) ?? [];
        for (const [mode, field] of [
          ['plain', 'key'],
          ['flags', 'flagged'],
        ] as const) {
          const wanted = new Set(want.map((c) => c[field]));
          const given = new Set(got.map((c) => c[field]));
          const t = totals[mode];
          for (const k of given)
            if (wanted.has(k)) t.tp++;
            else t.fp++;
          for (const k of wanted) if (!given.has(k)) t.fn++;
        }
        const wantedKeys = new Set(want.map((c) => c.key));
        const givenKeys = new Set(got.map((c) => c.key));
        const where = doc.written ? 'w' : doc.file.slice(6, 9);
        for (const c of got) if (!wantedKeys.has(c.key)) misses.push(`  ${where}[${sentence.index}] extra   ${c.text}`);
        for (const c of want) if (!givenKeys.has(c.key)) misses.push(`  ${where}[${sentence.index}] missing ${c.text}`);
      }
    }
    for (const [mode, label] of [
      ['plain', 'speaker, stance, target'],
      ['flags', '+ negated, hypothetical'],
    ] as const) {
      const { tp, fp, fn } = totals[mode];
      const p = tp + fp === 0 ? 0 : tp / (tp + fp);
      const r = tp + fn === 0 ? 0 : tp / (tp + fn);
      console.log(
        `${name.padEnd(9)} ${set.padEnd(8)} ${label.padEnd(25)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}  ${pct(p).padStart(9)}  ${pct(r).padStart(6)}  ${pct(f1(p, r)).padStart(5)}`,
      );
    }
    if (showMisses) console.log(misses.join('\n'));
  }
