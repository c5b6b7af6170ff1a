// `npm run bench -- corpus [--db postgres://… [--skip-sqlite]] [--only import]`: a newsroom's corpus
// in one project (issue 15). Generates BENCH_CORPUS_DOCS articles (default 100,000, ≈1.3 M
// sentences) as JSONL, imports them with the CLI (`npm run cli -- import`, a process of its own,
// timed from spawn to exit), labels 5 % of the sentences (two annotators per document, some
// disagreeing, some gold; corpus-data.ts), then starts the real server on that database and prints:
//   - the API: every list query with every sort its route declares, p50/p95 and response bytes;
//   - Chromium: the project page to its first usable row and its DOM size, a title search to its
//     result, the next page, the disagreement queue, the export page;
// each against issue 15's goals. SQLite, and with `--db` (a cluster where the bench may CREATE
// DATABASE) PostgreSQL too, in a fresh `parley_corpus_<time>` dropped after; `--skip-sqlite`
// measures PostgreSQL alone. `--only import` stops after the import (for work on its speed). The
// load average goes with every figure: the machine is shared, and wall times swing with it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgresUrl, openDb } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { launchBrowser, startServer } from '../support/e2e.ts';
import { buildProject, loadLabels, titleOf, writeCorpus, type CorpusProject } from './corpus-data.ts';
import { get, measureLists, printLists, signIn, type Sessions } from './corpus-api.ts';
import { measureBrowser, printBrowser } from './corpus-browser.ts';
import { busyBetween, machineTicks, processCpuSeconds } from './machine.ts';

const DOCS = Number(process.env.BENCH_CORPUS_DOCS ?? 100_000);
// Issue 15: no slower than today on SQLite (about 15 s for 100,000 articles), at most 30 s on PostgreSQL; scaled to the size.
const GOAL_IMPORT_S = { sqlite: (15 * DOCS) / 100_000, postgres: (30 * DOCS) / 100_000 };

const usage = 'npm run bench -- corpus [--db postgres://user@host:port/db [--skip-sqlite]] [--only import]';
let options: { db?: string; only?: string; 'skip-sqlite'?: boolean };
try {
  options = parseArgs({
    args: process.argv.slice(2),
    options: { db: { type: 'string' }, only: { type: 'string' }, 'skip-sqlite': { type: 'boolean' } },
  }).values;
  if (options.db !== undefined && !isPostgresUrl(options.db)) throw new Error(`--db takes a postgres:// URL, not ${options.db}`);
  if (options.only !== undefined && options.only !== 'import') throw new Error(`--only takes "import", not ${options.only}`);
  if (!Number.isInteger(DOCS) || DOCS < 100) throw new Error(`BENCH_CORPUS_DOCS must be a whole number ≥ 100, not ${process.env.BENCH_CORPUS_DOCS}`);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}`);
  process.exit(2);
}

const loadAverage = () => Array.from(loadavg(), (l) => l.toFixed(2)).join(' ');
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/**
 * `npm run cli -- <args>` as a user runs it (no TTY, so no progress bar): its wall time from spawn
 * to exit and its CPU time (sampled every 50 ms until it exits: within 50 ms of the whole).
 */
function cli(location: string, args: string[]): Promise<{ seconds: number; cpu: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    env: { ...process.env, PARLEY_DB: location },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let cpu = 0;
  const sampler = setInterval(() => (cpu = Math.max(cpu, processCpuSeconds(child.pid!) || 0)), 50);
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0) reject(new Error(`npm run cli -- ${args.join(' ')} exited with ${code}:\n${output}`));
      else resolve({ seconds: (performance.now() - started) / 1000, cpu, output: output.trim() });
    });
  });
}

/**
 * Before a timed import: what earlier steps wrote is on disk (sync) and the machine is quiet (under
 * 15 % busy over a second, waiting at most 20 s). Measured right after the SQLite scenario, the
 * PostgreSQL import ran beside the kernel writing that scenario's gigabytes back, 2-3 s slower.
 */
async function settle(): Promise<string> {
  const started = performance.now();
  execFileSync('sync');
  let busy = 1;
  while (performance.now() - started < 20_000) {
    const before = machineTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    busy = busyBetween(before, machineTicks());
    if (busy < 0.15) break;
  }
  return `after sync and ${((performance.now() - started) / 1000).toFixed(1)} s of waiting for a quiet machine (${Math.round(100 * busy)} % busy)`;
}

async function scenario(engine: 'sqlite' | 'postgres', location: string, file: string): Promise<string[]> {
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  console.log(`\n-- ${label}`);
  const summary: string[] = [];
  let corpus: CorpusProject;
  {
    const db = openDb(location);
    try {
      migrate(db);
      corpus = buildProject(db);
    } finally {
      db.close();
    }
  }
  // What any CLI command costs before it does anything (Node, tsx, opening and migrating the database).
  const startup = await cli(location, ['projects', 'list']);
  const settled = await settle();
  const before = loadAverage();
  const { seconds, cpu, output } = await cli(location, ['import', '--project', String(corpus.projectId), file]);
  const importOk = seconds <= GOAL_IMPORT_S[engine];
  console.log(`cli:         ${output.split('\n')[0]}`);
  console.log(
    `import:      ${seconds.toFixed(1)} s for ${DOCS.toLocaleString('en')} articles (${Math.round(DOCS / seconds).toLocaleString('en')} documents/s), CPU ${cpu.toFixed(1)} s in the CLI process; a CLI command that does nothing takes ${startup.seconds.toFixed(1)} s (CPU ${startup.cpu.toFixed(1)} s) — goal ≤ ${GOAL_IMPORT_S[engine].toFixed(0)} s: ${verdict(importOk)} (${settled}; load average before ${before}, after ${loadAverage()})`,
  );
  summary.push(`${label}: import ${seconds.toFixed(1)} s (goal ≤ ${GOAL_IMPORT_S[engine].toFixed(0)} s) ${verdict(importOk)}`);
  if (options.only === 'import') return summary;

  {
    const db = openDb(location);
    try {
      const started = performance.now();
      const counts = loadLabels(db, corpus);
      // PostgreSQL's autovacuum would analyze these tables within a minute; the bench does not wait for it.
      db.exec('ANALYZE');
      console.log(
        `labels:      ${counts.labelled.toLocaleString('en')} of ${counts.sentences.toLocaleString('en')} sentences labelled (${((100 * counts.labelled) / counts.sentences).toFixed(1)} %), ${counts.annotations.toLocaleString('en')} annotations, ${counts.gold.toLocaleString('en')} gold, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      db.close();
    }
  }

  const server = await startServer({ PARLEY_DB: location, PARLEY_DEMO: '0' });
  const { browser, close } = await launchBrowser();
  try {
    const names = { admin: corpus.adminName, reviewer: corpus.reviewerName, annotator: corpus.annotatorNames[0]! };
    const sessions: Sessions = {};
    for (const name of Object.values(names)) sessions[name] = await signIn(server.url, name);
    const target = Math.floor(DOCS * 0.7777);
    const search = { q: `dispatch ${target}`, title: titleOf(target) };

    // The first reviewer read compares every labelled sentence (the disagreement state starts stale)
    // and keeps the ones that differ: a minute later autovacuum analyzes that table too, as it would
    // the labels'. Measured before it, PostgreSQL's planner still thinks no row is live and sorts
    // the whole queue for every page. The bench reads once, then analyzes, on both engines.
    await get(server.url, `/projects/${corpus.projectId}/disagreements`, sessions[names.reviewer]!);
    {
      const db = openDb(location);
      try {
        db.exec('ANALYZE sentence_disagreements');
      } finally {
        db.close();
      }
    }
    console.log(`api:         load average ${loadAverage()}`);
    const lists = printLists(await measureLists(server.url, corpus.projectId, sessions, names, search.q));
    summary.push(`${label}: lists ${lists.met} met, ${lists.missed} missed (≤ 200 KB, ≤ 50 ms p95)`);

    console.log(`browser:     load average ${loadAverage()}`);
    const figures = await measureBrowser(browser, server.url, corpus.projectId, names.admin, search);
    printBrowser(figures);
    for (const figure of figures) summary.push(`${label}: ${figure.step} ${figure.ms === null ? '—' : `${figure.ms.toFixed(0)} ms`} ${verdict(figure.met)}`);
    console.log(`after:       load average ${loadAverage()}`);
  } finally {
    await close();
    await server.stop();
  }
  return summary;
}

console.log(`machine:     ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; load average ${loadAverage()}`);
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-corpus-'));
const summary: string[] = [];
try {
  const file = join(dir, 'corpus.jsonl');
  const started = performance.now();
  const bytes = await writeCorpus(file, DOCS);
  console.log(
    `corpus:      ${DOCS.toLocaleString('en')} articles, ${(bytes / 2 ** 20).toFixed(0)} MB of JSONL, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  if (!options['skip-sqlite']) {
    summary.push(...(await scenario('sqlite', join(dir, 'corpus.db'), file)));
    // Measured: its pages need never reach the disk (removed, the kernel drops them instead of writing them back).
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `corpus.db${suffix}`), { force: true });
  }
  if (options.db) {
    const name = `parley_corpus_${Date.now()}`;
    const admin = openDb(options.db);
    const location = Object.assign(new URL(options.db), { pathname: `/${name}` }).toString();
    try {
      admin.exec(`CREATE DATABASE ${name}`);
      summary.push(...(await scenario('postgres', location, file)));
    } finally {
      admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      admin.close();
    }
  } else {
    console.log(`\nPostgreSQL not measured; to compare it: ${usage}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nsummary (${DOCS.toLocaleString('en')} articles):\n  ${summary.join('\n  ')}`);
