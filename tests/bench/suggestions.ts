// Suggestion quality, measured like an annotator against gold (issue 16, item 3): claim-level
// precision, recall and F1 per source on the five demo articles labelled by the demo codebook
// (tests/fixtures/suggestions-gold.json, rules in tests/fixtures/README.md). A suggestion counts
// when its speaker, stance and target are all right, people counted as their state; a second line
// also asks for the negated and hypothetical flags. "lexicon" is the browser's cue lexicon before
// issue 16 (the baseline), "rules" the server's suggester as GET /documents/:id/suggestions serves it.
//   npx tsx tests/bench/suggestions.ts [--misses]      or      npm run bench -- suggestions
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { sql } from '../../server/db/statements.ts';
import { transaction } from '../../server/db/transaction.ts';
import { loadDemo } from '../../server/demo/load.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { findDocument } from '../../server/documents/repo.ts';
import { listActors } from '../../server/actors/repo.ts';
import { insertUser } from '../../server/users/repo.ts';
import { findGold, writeGold } from '../../server/review/repo.ts';
import { system } from '../../server/policy.ts';
import { getSuggestions } from '../../server/suggestions/service.ts';
import { LEARNED_DOCUMENTS } from '../../server/suggestions/learningRepo.ts';
import { getSourceQuality } from '../../server/agreement/sources.ts';
import { z } from 'zod';
import { segment } from '../../server/text/segment.ts';
import { flagBoilerplate } from '../../server/text/structure.ts';
import { ruleSuggestions } from '../../server/suggestions/service.ts';
import { findCues, suggestClaims } from '../../server/suggestions/lexicon.ts';
import { suggestDocument, type Learned, type SuggesterActor } from '../../server/suggestions/rules.ts';
import { CUES } from '../../server/suggestions/cues.ts';
import { addLessons, applyLessons, lessonsOf, noLessons, type Lessons } from '../../server/suggestions/learning.ts';
import { compileActorMatcher } from '../../shared/suggestions.ts';
import { countAsState, emptyTally, precisionRecallF1, scoringKey, tallySentence, type ScoredClaim, type Tally } from '../../shared/suggestionScore.ts';
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
/** People count as their state (codebook rule 3): the one scoring rule of the bench, learning and the Agreement page. */
const countAs = countAsState(actors);
// Gold names that are not registry actors ("(author)") get ids of their own, below the registry's.
const extraIds = new Map<string, number>();
const idOf = (name: string) => ids.get(name) ?? extraIds.get(name) ?? (extraIds.set(name, -1 - extraIds.size), -extraIds.size);
const nameOf = (id: number | null | undefined) =>
  id == null ? '(none)' : (byId.get(countAs(id))?.name ?? [...extraIds].find(([, extra]) => extra === id)?.[0] ?? `#${id}`);

const frame = (speaker: number, stance: string, target: number, negated = false, hypothetical = false): ScoredClaim => ({
  speaker: { actorId: speaker, span: null },
  stance,
  target: { actorId: target, span: null },
  negated,
  hypothetical,
});
const describe = (c: ScoredClaim) => `${nameOf(c.speaker.actorId)} —${c.stance}${c.negated ? ' (negated)' : ''}→ ${nameOf(c.target.actorId)}`;

type Sentences = ReturnType<typeof documentSentences>;
type Source = (text: string, sentences: Sentences, learned?: Learned) => Map<number, ScoredClaim[]>;

/** The document's sentences as an import stores them (server/documents/service.ts, prepareSentences). */
function documentSentences(text: string) {
  const spans = segment(text);
  const flags = flagBoilerplate(text, spans);
  return spans.map((s, index) => ({ ...s, boilerplate: flags[index] ?? false, id: index, index }));
}

const rules: Source = (text, sentences, learned) => {
  const out = new Map<number, ScoredClaim[]>();
  const detail = sentences.map((x) => ({ ...x, text: '', paragraph: 0 }));
  for (const s of ruleSuggestions({ text, sentences: detail }, actors, matcher, STANCES, learned)) {
    const c = s.claim;
    out.set(s.sentenceId, [...(out.get(s.sentenceId) ?? []), frame(c.speaker.actorId!, c.stance, c.target.actorId!, !!c.negated, !!c.hypothetical)]);
  }
  return out;
};

const sources: Record<string, Source> = {
  lexicon: (text, sentences) => {
    const out = new Map<number, ScoredClaim[]>();
    for (const s of sentences) {
      if (s.boilerplate) continue;
      const body = text.slice(s.start, s.end);
      const found = suggestClaims(matcher(body, s.start), findCues(body, STANCES, s.start), countAs);
      out.set(
        s.index,
        // A lexicon proposal may lack a side: it is wrong, under a key no gold claim has.
        found.map((c) => frame(c.speaker?.actorId ?? 0, c.stance, c.target?.actorId ?? 0)),
      );
    }
    return out;
  },
  rules: (text, sentences) => rules(text, sentences),
};

const gold = Gold.parse(JSON.parse(read('tests/fixtures/suggestions-gold.json')));
const showMisses = process.argv.includes('--misses');
const pct = (x: number | null) => (x === null ? '–' : x.toFixed(3));

interface LoadedDocument {
  name: string;
  text: string;
  sentences: Sentences;
  gold: Map<number, ScoredClaim[]>;
}
const loaded = (doc: (typeof gold.documents)[number]): LoadedDocument => {
  const text = read(doc.file);
  const sentences = documentSentences(text);
  const claims = new Map<number, ScoredClaim[]>();
  for (const sentence of doc.sentences) {
    const segmented = sentences[sentence.index];
    if (!segmented || !text.slice(segmented.start, segmented.end).replace(/\n/g, ' ').startsWith(sentence.text.slice(0, 40))) {
      throw new Error(`${doc.file} sentence ${sentence.index} is not "${sentence.text.slice(0, 40)}…": the segmenter changed; relabel the gold set`);
    }
    claims.set(
      sentence.index,
      (sentence.claims ?? []).map((c) => frame(idOf(c.speaker), c.stance, idOf(c.target), !!c.negated, !!c.hypothetical)),
    );
  }
  return { name: doc.written ? 'w' : doc.file.slice(6, 9), text, sentences, gold: claims };
};
const demo = gold.documents.filter((d) => !d.written).map(loaded);
const written = gold.documents.filter((d) => d.written).map(loaded);

/** Tallies of a source over documents (plain: speaker, stance, target; flags: + negated, hypothetical). */
function score(documents: readonly LoadedDocument[], suggest: (doc: LoadedDocument) => Map<number, ScoredClaim[]>) {
  const plain = emptyTally();
  const flags = emptyTally();
  const misses: string[] = [];
  for (const doc of documents) {
    const proposed = suggest(doc);
    for (const [index, want] of doc.gold) {
      const got = proposed.get(index) ?? [];
      tallySentence(want, got, countAs, plain);
      tallySentence(want, got, countAs, flags, true);
      const key = (c: ScoredClaim) => scoringKey(c, countAs);
      const wanted = new Set(want.map(key));
      const given = new Set(got.map(key));
      for (const c of got) if (!wanted.has(key(c))) misses.push(`  ${doc.name}[${index}] extra   ${describe(c)}`);
      for (const c of want) if (!given.has(key(c))) misses.push(`  ${doc.name}[${index}] missing ${describe(c)}`);
    }
  }
  return { plain, flags, misses: [...new Set(misses)] };
}

const line = (name: string, set: string, label: string, t: Tally) => {
  const { precision, recall, f1 } = precisionRecallF1(t);
  console.log(
    `${name.padEnd(9)} ${set.padEnd(8)} ${label.padEnd(25)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}  ${pct(precision).padStart(9)}  ${pct(recall).padStart(6)}  ${pct(f1).padStart(5)}`,
  );
};

const all = [...demo, ...written];
console.log(
  `gold: ${all.length} documents, ${all.reduce((n, d) => n + d.gold.size, 0)} sentences, ${all.reduce((n, d) => n + [...d.gold.values()].reduce((m, c) => m + c.length, 0), 0)} claims`,
);
console.log('source    set      match                      tp   fp   fn  precision  recall     F1');
for (const [name, source] of Object.entries(sources))
  for (const [set, documents] of [
    ['demo', demo],
    ['written', written],
  ] as const) {
    const result = score(documents, (doc) => source(doc.text, doc.sentences));
    line(name, set, 'speaker, stance, target', result.plain);
    line(name, set, '+ negated, hypothetical', result.flags);
    if (showMisses) console.log(result.misses.join('\n'));
  }

// Learning (issue 16, item 6): the demo articles in two halves by document; each half is suggested
// for by the rules alone and by the rules with the lessons of the other half's gold (what the
// server does with the project's other documents), and the two halves are scored together.
const lessonsOfDocument = (doc: LoadedDocument): Lessons => {
  const goldFrames = new Map(
    [...doc.gold].map(([index, claims]) => [index, claims.map((c) => ({ speaker: c.speaker.actorId, stance: c.stance, target: c.target.actorId, cue: null }))]),
  );
  const plain = suggestDocument({ text: doc.text, sentences: doc.sentences, actors, mentions: matcher, stanceKeys: STANCES });
  return lessonsOf({ text: doc.text, sentences: doc.sentences, gold: goldFrames }, plain, countAs);
};
const halves = [demo.filter((_, i) => i % 2 === 0), demo.filter((_, i) => i % 2 === 1)] as const;
console.log(
  `\nlearning: demo articles in halves by document (${halves.map((h) => h.map((d) => d.name).join(', ')).join(' | ')}); each half suggested for with the other half's gold`,
);
const learnedFor = new Map<LoadedDocument, Learned>();
halves.forEach((half, i) => {
  const lessons = halves[1 - i]!.map(lessonsOfDocument).reduce((sum, l) => addLessons(sum, l), noLessons());
  const learned = applyLessons(lessons, STANCES);
  for (const doc of half) learnedFor.set(doc, learned);
  const changed = (learned.cues ?? []).filter((entry) => entry.learned);
  const targets = [...(learned.mediateTargets ?? [])].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${nameOf(id)} ${n}`);
  const dropped = CUES.filter((entry) => !learned.cues?.some((kept) => kept.pattern === entry.pattern)).length;
  console.log(
    `lessons for ${half.map((d) => d.name).join(', ')} (from ${halves[1 - i]!.map((d) => d.name).join(', ')}): ${lessons.claims} gold claims of ${lessons.documents} documents; cues dropped ${dropped}, re-read or added ${changed.length}; mediate targets ${targets.join(', ')}`,
  );
});
console.log('source    set      match                      tp   fp   fn  precision  recall     F1');
const before = score(demo, (doc) => rules(doc.text, doc.sentences));
const after = score(demo, (doc) => rules(doc.text, doc.sentences, learnedFor.get(doc)));
line('rules', 'halves', 'no learning', before.plain);
line('rules', 'halves', 'learned from other half', after.plain);
if (showMisses) {
  const gained = after.misses.filter((m) => !before.misses.includes(m));
  const fixed = before.misses.filter((m) => !after.misses.includes(m));
  console.log(`  fixed by learning:\n${fixed.join('\n')}\n  new with learning:\n${gained.join('\n')}`);
}

// Every way of splitting the five articles into two and three: how often learning helps, and never hurts.
{
  const f1Of = (learnedFor: (doc: LoadedDocument) => Learned | undefined) =>
    precisionRecallF1(score(demo, (doc) => rules(doc.text, doc.sentences, learnedFor(doc))).plain).f1 ?? 0;
  const baseline = f1Of(() => undefined);
  const results: number[] = [];
  for (let i = 0; i < demo.length; i++)
    for (let j = i + 1; j < demo.length; j++) {
      const two = new Set([demo[i]!, demo[j]!]);
      const lessonsOfHalf = (inTwo: boolean) =>
        applyLessons(
          demo
            .filter((d) => two.has(d) === inTwo)
            .map(lessonsOfDocument)
            .reduce((sum, l) => addLessons(sum, l), noLessons()),
          STANCES,
        );
      const [forTwo, forThree] = [lessonsOfHalf(false), lessonsOfHalf(true)];
      results.push(f1Of((doc) => (two.has(doc) ? forTwo : forThree)));
    }
  const mean = results.reduce((a, b) => a + b, 0) / results.length;
  console.log(
    `every split of the ${demo.length} articles into 2 + 3 (${results.length}): F1 ${pct(baseline)} without learning, ${pct(mean)} on average with it ` +
      `(${results.filter((f) => f > baseline + 1e-9).length} better, ${results.filter((f) => Math.abs(f - baseline) <= 1e-9).length} the same, ${results.filter((f) => f < baseline - 1e-9).length} worse)`,
  );
}

// The cost of learning on a larger project (the server's code on a temporary SQLite database): the
// demo project with each article copied until there are DOCUMENTS documents, every one with gold.
// The first ask counts every gold document's lessons once; later asks read them from the process's
// cache; new gold on one document recounts only that one. `--scale N` changes the number.
const DOCUMENTS = Number(process.argv[process.argv.indexOf('--scale') + 1]) || 100;
{
  const dir = mkdtempSync(join(tmpdir(), 'parley-learning-'));
  const db = openDb(join(dir, 'bench.db'));
  try {
    migrate(db);
    const reviewer = insertUser(db, { username: 'reviewer', passwordHash: 'x', role: 'admin' });
    const project = loadDemo(db);
    const copies = Array.from({ length: Math.ceil(DOCUMENTS / demo.length) - 1 }, (_, copy) =>
      demo.map((doc) => ({ text: `${doc.text}\n\nCopy ${copy + 1}.`, source: `${doc.name}-copy-${copy + 1}.txt` })),
    ).flat();
    if (copies.length > 0) importDocuments(db, system('bench'), project.id, copies.slice(0, DOCUMENTS - demo.length));
    const actorIds = new Map(listActors(db, project.id).map((actor) => [actor.name, actor.id]));
    const documents = sql<[number], { id: number; source: string }>(db, 'SELECT id, source FROM documents WHERE project_id = ? ORDER BY id').all(project.id);
    const goldOf = (source: string) => demo.find((doc) => source.startsWith(doc.name) || source.slice(0, 3) === doc.name)!;
    const writeAll = (documentId: number, source: string) => {
      const detail = findDocument(db, documentId)!;
      for (const [index, claims] of goldOf(source).gold) {
        const toWrite = claims.flatMap((c) => {
          const speaker = actorIds.get(nameOf(c.speaker.actorId));
          const target = actorIds.get(nameOf(c.target.actorId));
          return speaker && target
            ? [
                {
                  stance: c.stance,
                  speakerActorId: speaker,
                  speakerSpan: null,
                  targetActorId: target,
                  targetSpan: null,
                  cue: null,
                  negated: !!c.negated,
                  hypothetical: !!c.hypothetical,
                  origin: 'manual',
                  originModel: null,
                  originScore: null,
                },
              ]
            : [];
        });
        const sentenceId = detail.sentences[index]!.id;
        writeGold(db, findGold(db, sentenceId), {
          sentenceId,
          status: toWrite.length > 0 ? 'claims' : 'no_claim',
          method: 'edited',
          reviewerId: reviewer.id,
          sourceAnnotators: [],
          rationale: null,
          claims: toWrite,
        });
      }
    };
    transaction(db, () => documents.forEach((doc) => writeAll(doc.id, doc.source)));
    const timed = <T>(work: () => T): [T, string] => {
      const start = performance.now();
      const value = work();
      return [value, `${(performance.now() - start).toFixed(0)} ms`];
    };
    const who = { ...reviewer, disabled: false };
    const [, cold] = timed(() => getSuggestions(db, who, documents[0]!.id));
    const [, warm] = timed(() => getSuggestions(db, who, documents[0]!.id));
    const [, other] = timed(() => getSuggestions(db, who, documents[1]!.id));
    transaction(db, () => writeAll(documents.at(-1)!.id, documents.at(-1)!.source));
    const [, afterGold] = timed(() => getSuggestions(db, who, documents[0]!.id));
    const [report, sourcesCold] = timed(() => getSourceQuality(db, who, project.id));
    const [, sourcesWarm] = timed(() => getSourceQuality(db, who, project.id));
    console.log(
      `\nlearning at scale: ${documents.length} documents with gold (${report.goldClaims} gold claims; learning reads the ${Math.min(documents.length, LEARNED_DOCUMENTS)} most recently adjudicated), SQLite\n` +
        `  suggestions for a document: first ask ${cold} (counts each learned-from document once), again ${warm}, another document ${other}, after new gold elsewhere ${afterGold}\n` +
        `  figures per source (GET …/agreement/sources): ${sourcesCold} first, ${sourcesWarm} again`,
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
