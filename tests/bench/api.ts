// `npm run bench -- api [--db postgres://user@host:port/db]`: the real server (server/main.ts as child
// processes, so the load generator does not share their event loop) on loopback, driven by autocannon,
// in up to three scenarios: SQLite; PostgreSQL with one Parley process; PostgreSQL with two Parley
// processes on one database. `--db` names a cluster where the bench may CREATE DATABASE: each
// PostgreSQL scenario gets a fresh `parley_bench_<time>`, dropped after it. Each scenario runs:
//   1. GET /api/health, 50 connections for DURATION_S: the ceiling of the HTTP stack;
//   2. GET /api/session as the 50 annotators: the cheapest signed-in request (session cookie,
//      the API's middleware and router, no body, no write), the floor under every real route;
//   3. PUT /api/sentences/:id/annotation, 50 connections of 50 distinct signed-in annotators,
//      each saving claims on its own rows (no baseVersion, so no 409s), two annotators to each of 25
//      documents of 80 sentences, as an overlap of 2 gives a team (the queue never gives a document
//      to more annotators than the overlap at once), for DURATION_S after a 2 s warm-up of the same
//      saves that is not counted;
//   4. the median time to serve a 2,000-sentence document with its annotations
//      (GET /api/documents/:id then GET /api/documents/:id/annotations, one annotator's labels).
// With two processes the 50 connections are split, 25 to each server (two autocannon runs at once);
// their requests/s add up, the worse latency of the two counts, and CPU is both servers'.
// Prints requests/s, p99 and the servers' CPU time per request for each load, the ratios, each
// figure against its target, then one table comparing the scenarios against issue 14's goals.
import autocannon from 'autocannon';
import { Agent, request as httpRequest } from 'node:http';
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgresUrl, openDb } from '../../server/db/connection.ts';
import { sql } from '../../server/db/statements.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/users/repo.ts';
import { addMember, createProject } from '../../server/projects/service.ts';
import { createActor } from '../../server/actors/service.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { saveAnnotation } from '../../server/annotations/service.ts';
import { system } from '../../server/policy.ts';
import { startServer, type RunningServer } from '../support/e2e.ts';
import { busyBetween, machineTicks, processCpuSeconds } from './machine.ts';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = 2;
const SENTENCES = 2000;
// The documents the saves go into: 25 of 80 sentences, two annotators to each (see sentenceFor).
const WORK_DOCUMENTS = CONNECTIONS / 2;
const WORK_SENTENCES = 80;
const SERVE_RUNS = 40;
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 25;
const TARGET_SERVE_MS = 15;
// Issue 14's goals: PostgreSQL may cost a round trip per statement, but not more than half the
// throughput; a second process must add real capacity, not only contention.
const GOAL_POSTGRES_VS_SQLITE = 0.5;
const GOAL_TWO_VS_ONE = 1.3;
const PASSWORD = 'bench password';

const usage =
  'npm run bench -- api --db postgres://user@host:port/db (a cluster where the bench may CREATE DATABASE: it creates parley_bench_<time> and drops it after)';
let options: { db?: string };
try {
  options = parseArgs({ args: process.argv.slice(2), options: { db: { type: 'string' } } }).values;
  if (options.db !== undefined && !isPostgresUrl(options.db)) throw new Error(`--db takes a postgres:// URL, not ${options.db}`);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}`);
  process.exit(2);
}

// Bench accounts get scrypt at N=2^10 (the parameters travel with the hash): 50 sign-ins at
// production cost would take seconds and measure nothing this bench is about.
const salt = randomBytes(16);
const cheapHash = ['scrypt', 1024, 8, 1, salt.toString('base64url'), scryptSync(PASSWORD, salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64url')].join('$');

/** The database, built before the servers start (not measured), through the services, so the same on both engines. */
function buildDatabase(location: string) {
  const db = openDb(location);
  try {
    migrate(db);
    const project = createProject(db, system('bench'), { name: 'API bench', overlap: 20 });
    const actorIds = ['China', 'Russia', 'Israel', 'Iran', 'United States'].map(
      (name) => createActor(db, system('bench'), project.id, { name, kind: 'state', aliases: [] }).id,
    );
    const annotators = Array.from({ length: CONNECTIONS }, (_, i) => {
      const user = insertUser(db, { username: `annotator${i}`, passwordHash: cheapHash, role: 'annotator' });
      addMember(db, system('bench'), project.id, user.id);
      return user;
    });
    const names = ['Beijing', 'the Kremlin', 'Israel', 'Tehran', 'Washington'];
    const verbs = ['criticized', 'praised', 'urged restraint from', 'accused', 'welcomed talks with'];
    const article = (count: number, place = 'the capital') => {
      const paragraphs: string[] = [];
      for (let p = 0; p < count / 5; p++) {
        const sentences = Array.from({ length: 5 }, (_, s) => {
          const n = p * 5 + s;
          return `In statement number ${n + 1}, ${names[n % 5]} ${verbs[n % 5]} ${names[(n + 2) % 5]} over the events of the week in ${place}, officials said on day ${(n % 28) + 1}.`;
        });
        paragraphs.push(sentences.join(' '));
      }
      return paragraphs.join('\n\n');
    };
    const sentencesOf = (documentId: number) =>
      (db.prepare('SELECT id FROM sentences WHERE document_id = ? ORDER BY idx').all(documentId) as { id: number }[]).map((row) => row.id);
    const imported = importDocuments(db, system('bench'), project.id, [{ title: 'A long article', text: article(SENTENCES) }]).imported[0]!;
    const sentenceIds = sentencesOf(imported.id);
    const work = importDocuments(
      db,
      system('bench'),
      project.id,
      // Texts differ (the import skips a document it already holds).
      Array.from({ length: WORK_DOCUMENTS }, (_, i) => ({ title: `Article ${i + 1} to label`, text: article(WORK_SENTENCES, `district ${i + 1}`) })),
    ).imported.map((document) => sentencesOf(document.id));
    // The served document carries one annotator's label on every sentence (a finished document).
    const reader = { ...annotators[0]!, disabled: false };
    for (const [index, sentenceId] of sentenceIds.entries()) {
      saveAnnotation(db, reader, sentenceId, {
        status: 'claims',
        claims: [{ speaker: { actorId: actorIds[index % 5]! }, stance: 'condemn', target: { actorId: actorIds[(index + 2) % 5]! }, cue: { start: 0, end: 5 } }],
      });
    }
    // Two annotators to a document, each walking it from its own start: what an overlap of 2 gives a team.
    const sentenceFor = (annotator: number, n: number) => {
      const document = work[annotator % WORK_DOCUMENTS]!;
      return document[(annotator * 37 + n) % document.length]!;
    };
    return { actorIds, usernames: annotators.map((user) => user.username), documentId: imported.id, sentenceIds, sentenceFor };
  } finally {
    db.close();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const loadAverage = () => Array.from(loadavg(), (l) => l.toFixed(2)).join(' ');

/** Builds the database at `databaseLocation`, starts `processCount` servers on it, runs the loads and prints them. */
async function scenario(label: string, databaseLocation: string, processCount: number) {
  console.log(`\n-- ${label}`);
  const data = buildDatabase(databaseLocation);
  const { actorIds, sentenceFor } = data;
  const servers: RunningServer[] = [];
  // Each server's output after start-up (errors it logged under load), to explain failed requests.
  const logs: string[][] = [];
  const monitor = isPostgresUrl(databaseLocation) ? openDb(databaseLocation) : undefined;
  try {
    for (let k = 0; k < processCount; k++) {
      const server = await startServer({ PARLEY_DB: databaseLocation, PARLEY_DEMO: '0' });
      servers.push(server);
      const log: string[] = [];
      for (const stream of [server.process.stdout!, server.process.stderr!]) stream.on('data', (chunk: Buffer) => log.push(chunk.toString()));
      logs.push(log);
    }
    const first = servers[0]!;

    // One by one: sign-in throttling counts a burst of attempts from one address before checking
    // them. Sessions live in the database, so a cookie from one process is good on the other.
    const cookies: string[] = [];
    for (const username of data.usernames) {
      const response = await fetch(`${first.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
      cookies.push(response.headers.get('set-cookie')!.split(';')[0]!);
    }

    const saveBody = (n: number) =>
      JSON.stringify({
        status: 'claims',
        claims: [{ speaker: { actorId: actorIds[n % 5] }, stance: 'condemn', target: { actorId: actorIds[(n + 1) % 5] }, cue: { start: 0, end: 5 } }],
        note: `save ${n}`,
        timeSpentMs: 1200,
      });

    // autocannon's own rate limit sends each second's quota in a burst, which measures its queue, not
    // the server; this sends saves at evenly spaced moments instead, over the 50 annotators' keep-alive
    // connections, and times each from the moment it was due (so a late send counts against the server).
    // With two servers, consecutive saves go to alternate servers.
    const pacedSaves = async (rate: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      const total = rate * DURATION_S;
      const latencies: number[] = [];
      let failed = 0;
      /** What each failed save answered: its status code, or the socket error's code. */
      const reasons: Record<string, number> = {};
      const fail = (reason: string) => {
        failed++;
        reasons[reason] = (reasons[reason] ?? 0) + 1;
      };
      const started = performance.now();
      await new Promise<void>((resolve) => {
        let sent = 0;
        let answered = 0;
        const send = (i: number) => {
          const due = started + (i * 1000) / rate;
          const annotator = i % CONNECTIONS;
          const n = Math.floor(i / CONNECTIONS) + 1_000_000;
          const sentenceId = sentenceFor(annotator, n);
          const req = httpRequest(`${servers[i % servers.length]!.url}/api/sentences/${sentenceId}/annotation`, {
            method: 'PUT',
            agent,
            headers: { 'content-type': 'application/json', cookie: cookies[annotator]! },
          });
          req.on('response', (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - due);
              if (res.statusCode !== 200) fail(String(res.statusCode));
              if (++answered === total) resolve();
            });
          });
          req.on('error', (error: NodeJS.ErrnoException) => {
            fail(error.code ?? error.message);
            if (++answered === total) resolve();
          });
          req.end(saveBody(n));
        };
        const tick = () => {
          const dueNow = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
          while (sent < dueNow) send(sent++);
          if (sent < total) setTimeout(tick, 1);
        };
        tick();
      });
      agent.destroy();
      return { latencies: latencies.sort((a, b) => a - b), failed, reasons };
    };
    // A 2,000-sentence document with its annotations, as the workspace opens it: both requests at
    // once over keep-alive, one after another; median of SERVE_RUNS after 5 warm-up runs.
    const serveDocument = async () => {
      const times: number[] = [];
      for (let run = 0; run < SERVE_RUNS + 5; run++) {
        const started = performance.now();
        const [docBody, labelBody] = await Promise.all([
          fetch(`${first.url}/api/documents/${data.documentId}`, { headers: { cookie: cookies[0]! } }).then(
            (r) => r.json() as Promise<{ sentences: unknown[] }>,
          ),
          fetch(`${first.url}/api/documents/${data.documentId}/annotations`, { headers: { cookie: cookies[0]! } }).then(
            (r) => r.json() as Promise<{ annotations: unknown[] }>,
          ),
        ]);
        const elapsed = performance.now() - started;
        if (docBody.sentences.length !== SENTENCES || labelBody.annotations.length < SENTENCES) {
          throw new Error(`served ${docBody.sentences.length} sentences and ${labelBody.annotations.length} annotations`);
        }
        if (run >= 5) times.push(elapsed); // the first runs warm the statement cache and the JIT
      }
      return times.sort((x, y) => x - y);
    };

    // CPU time of the server processes (user + system, all threads) from /proc, in ms: load generator
    // and servers share this machine's cores, so the servers' own cost per request is the clearer
    // figure. (PostgreSQL's own backends are not counted: this is Parley's cost.)
    const serversCpuMs = () => {
      let ms = 0;
      for (const server of servers) ms += processCpuSeconds(server.process.pid!) * 1000;
      return ms;
    };
    // How busy the whole machine's cores were (the load generator, the servers, PostgreSQL, anything
    // else): a scenario that keeps them all busy has no capacity left for a second process to add.
    // `share` connections to each server, the first of them as annotator `firstAnnotator`.
    const measured = async (optionsFor: (url: string, firstAnnotator: number, share: number) => autocannon.Options, duration = DURATION_S) => {
      const share = CONNECTIONS / servers.length;
      const before = serversCpuMs();
      const machineBefore = machineTicks();
      const results = await Promise.all(servers.map((server, k) => autocannon({ ...optionsFor(server.url, k * share, share), connections: share, duration })));
      const sum = (of: (result: autocannon.Result) => number) => results.reduce((total, result) => total + of(result), 0);
      const worst = (of: (result: autocannon.Result) => number) => Math.max(...results.map(of));
      const total = sum((r) => r.requests.total);
      return {
        average: sum((r) => r.requests.average),
        ok: sum((r) => r['2xx']),
        p50: worst((r) => r.latency.p50),
        p99: worst((r) => r.latency.p99),
        max: worst((r) => r.latency.max),
        // autocannon counts every response; a save that was not 2xx would flatter the figure.
        failed: sum((r) => r.non2xx + r.errors + r.timeouts),
        failures: results.map((r) => ({ statusCodes: r.statusCodeStats, errors: r.errors, timeouts: r.timeouts })), // per server
        cpuPerRequestUs: ((serversCpuMs() - before) * 1000) / total,
        machineBusy: busyBetween(machineBefore, machineTicks()),
      };
    };

    // The document first on the quiet server, then again after the write load (WAL backlog, labels rewritten).
    const servedAtRest = await serveDocument();

    const health = await measured((url) => ({ url: `${url}/api/health` }));

    // Requests go to this server's share of annotators in turn, and each annotator counts its own
    // requests. Not autocannon's per-connection context: it starts afresh after every request of a
    // one-request list, so the count stayed 1 and the saves re-edited one label per annotator.
    const asAnnotators =
      (make: (annotator: number, n: number) => Partial<autocannon.Request>) =>
      (url: string, firstAnnotator: number, share: number): autocannon.Options => {
        let next = 0;
        const counts = new Array<number>(share).fill(0);
        const setupRequest = (request: autocannon.Request) => {
          const slot = next++ % share;
          return { ...request, ...make(firstAnnotator + slot, ++counts[slot]!) };
        };
        return { url, requests: [{ setupRequest }] };
      };
    const signedInReads = await measured(asAnnotators((annotator) => ({ path: '/api/session', headers: { cookie: cookies[annotator]! } })));

    // On PostgreSQL, the database's own count of transactions: a rollback under this load is a save
    // that lost a serialization conflict and ran again (or failed). Statistics lag up to a second.
    const counts = 'SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = current_database()';
    const transactions = () => monitor && sql<[], { commits: number; rollbacks: number }>(monitor, counts).get()!;

    // Each annotator walks its own slice of the document (varied sentences, own rows only).
    const save = (annotator: number, n: number) => ({
      method: 'PUT' as const,
      path: `/api/sentences/${sentenceFor(annotator, n)}/annotation`,
      headers: { 'content-type': 'application/json', cookie: cookies[annotator]! },
      body: saveBody(n),
    });
    // A warm-up, not counted: every thread that runs saves compiles their code the first time (a
    // PostgreSQL process's write threads each have their own), and a server is measured as it runs
    // all day. Its saves are far along each annotator's walk, away from the measured ones.
    await measured(
      asAnnotators((annotator, n) => save(annotator, n + 1000)),
      WARMUP_S,
    );
    const transactionsBefore = transactions();
    // As fast as 50 connections go (each sends its next save when the last one is answered)...
    const saves = await measured(asAnnotators(save));
    if (saves.failed > 0) console.log(`failed saves: ${JSON.stringify(saves.failures)}`);
    // ...and at a steady half of that rate: the latency people see on a busy server that is not saturated.
    const steadyRate = Math.max(100, Math.round(saves.average / 2 / 100) * 100);
    const steady = await pacedSaves(steadyRate);
    if (steady.failed > 0) console.log(`failed paced saves (status or socket error: count): ${JSON.stringify(steady.reasons)}`);

    const servedAfterLoad = await serveDocument();

    const ratio = saves.average / health.average;
    const row = (name: string, load: Awaited<ReturnType<typeof measured>>) =>
      `${name} ${Math.round(load.average).toLocaleString('en')} requests/s, p50 ${load.p50} ms, p99 ${load.p99} ms, max ${load.max} ms; server CPU ${Math.round(load.cpuPerRequestUs)} µs/request`;
    console.log(row('health:     ', health));
    console.log(row('signed in:  ', signedInReads));
    console.log(
      `${row('saves:      ', saves)}, machine ${Math.round(saves.machineBusy * 100)} % busy (${saves.ok.toLocaleString('en')} saved, ${saves.failed} failed) — p99 target ${TARGET_P99_MS} ms: ${verdict(saves.p99 <= TARGET_P99_MS && saves.failed === 0)}`,
    );
    const steadyP99 = percentile(steady.latencies, 0.99);
    console.log(
      `steady:      ${steadyRate.toLocaleString('en')} saves/s, evenly paced: p50 ${percentile(steady.latencies, 0.5).toFixed(1)} ms, p99 ${steadyP99.toFixed(1)} ms, max ${percentile(steady.latencies, 1).toFixed(1)} ms (${steady.failed} failed) — p99 ≤ ${TARGET_P99_MS} ms at this load: ${verdict(steadyP99 <= TARGET_P99_MS && steady.failed === 0)}`,
    );
    console.log(
      `ratio:       saves / health = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}); signed-in GET / health = ${(signedInReads.average / health.average).toFixed(2)}; saves / signed-in GET = ${(saves.average / signedInReads.average).toFixed(2)}`,
    );
    const transactionsAfter = transactions();
    let rollbacks = 0;
    if (transactionsBefore && transactionsAfter) {
      const commits = transactionsAfter.commits - transactionsBefore.commits;
      rollbacks = transactionsAfter.rollbacks - transactionsBefore.rollbacks;
      console.log(
        `database:    ${commits.toLocaleString('en')} commits, ${rollbacks.toLocaleString('en')} rollbacks from the saves on (under a save load, a rollback is a serialization conflict lost, then retried)`,
      );
    }
    const documentRow = (name: string, times: number[]) =>
      `${name} ${SENTENCES} sentences + ${SENTENCES} annotations served in ${percentile(times, 0.5).toFixed(1)} ms median, ${percentile(times, 1).toFixed(1)} ms max over ${SERVE_RUNS} runs (target ≤ ${TARGET_SERVE_MS} ms: ${verdict(percentile(times, 0.5) <= TARGET_SERVE_MS)})`;
    console.log(documentRow('document:   ', servedAtRest));
    console.log(documentRow('  after load:', servedAfterLoad));
    console.log(`after:       load average ${loadAverage()}`);

    const failed = saves.failed + steady.failed;
    if (failed > 0) {
      // What the servers logged about the failures (a 503 `busy`, a 500's stack), each message once.
      const lines = [...new Set(logs.flatMap((log) => log.join('').split('\n')).filter((line) => /error|busy|fail/i.test(line)))];
      console.log(`server log (${lines.length} distinct lines about errors):\n  ${lines.slice(0, 12).join('\n  ')}`);
    }
    return {
      label,
      savesPerSecond: saves.average,
      machineBusy: saves.machineBusy,
      p99: saves.p99,
      steadyP99,
      documentMedian: percentile(servedAtRest, 0.5),
      documentMedianAfterLoad: percentile(servedAfterLoad, 0.5),
      failed,
      rollbacks,
    };
  } finally {
    monitor?.close();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

console.log(`machine:     ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; load average ${loadAverage()}`);
console.log(`load:        ${CONNECTIONS} connections × ${DURATION_S} s each, loopback`);

const rows: Awaited<ReturnType<typeof scenario>>[] = [];
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-api-'));
try {
  rows.push(await scenario('SQLite', join(dir, 'bench.db'), 1));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (options.db) {
  // One database name for the run, created fresh for each scenario (the same data for both) and dropped after it.
  const name = `parley_bench_${Date.now()}`;
  const admin = openDb(options.db);
  const location = Object.assign(new URL(options.db), { pathname: `/${name}` }).toString(); // the cluster's URL with this database
  try {
    for (const processCount of [1, 2]) {
      admin.exec(`CREATE DATABASE ${name}`);
      try {
        rows.push(await scenario(`PostgreSQL, ${processCount} process${processCount > 1 ? 'es' : ''}`, location, processCount));
      } finally {
        admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }
  } finally {
    admin.close();
  }
} else {
  console.log(`\nPostgreSQL not measured; to compare it: ${usage}`);
}

const columns = ['scenario', 'saves/s', 'machine busy', 'p99', 'steady p99', 'document median (rest / after load)', 'failed'];
const cells = rows.map((row) => [
  row.label,
  Math.round(row.savesPerSecond).toLocaleString('en'),
  `${Math.round(row.machineBusy * 100)} %`,
  `${row.p99} ms`,
  `${row.steadyP99.toFixed(1)} ms`,
  `${row.documentMedian.toFixed(1)} / ${row.documentMedianAfterLoad.toFixed(1)} ms`,
  String(row.failed),
]);
const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((cell) => cell[i]!.length)));
const line = (cell: string[]) => cell.map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join(' | ');
console.log(`\n${line(columns)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}\n${cells.map(line).join('\n')}`);

const [sqlite, onePostgres, twoPostgres] = rows;
if (sqlite && onePostgres && twoPostgres) {
  const postgresRatio = onePostgres.savesPerSecond / sqlite.savesPerSecond;
  const twoRatio = twoPostgres.savesPerSecond / onePostgres.savesPerSecond;
  const failed = rows.reduce((total, row) => total + row.failed, 0);
  console.log(
    `goal:        PostgreSQL saves ≥ ${GOAL_POSTGRES_VS_SQLITE} × SQLite's with one process: ${postgresRatio.toFixed(2)} × — ${verdict(postgresRatio >= GOAL_POSTGRES_VS_SQLITE)}`,
  );
  console.log(`goal:        two processes ≥ ${GOAL_TWO_VS_ONE} × one: ${twoRatio.toFixed(2)} × — ${verdict(twoRatio >= GOAL_TWO_VS_ONE)}`);
  // What a second process can add on this machine at most: the cores one process leaves idle (the
  // servers, PostgreSQL and the load generator share them). Below the goal, the goal is the machine's.
  const ceiling = Math.min(2, 1 / onePostgres.machineBusy);
  console.log(
    `ceiling:     one process keeps this machine ${Math.round(onePostgres.machineBusy * 100)} % busy, so two can reach at most ${ceiling.toFixed(2)} × one here; they reached ${Math.round((twoRatio / ceiling) * 100)} % of that (${twoPostgres.rollbacks.toLocaleString('en')} rollbacks, mostly serialization conflicts retried)`,
  );
  console.log(`goal:        no error under load: ${failed} failed — ${verdict(failed === 0)}`);
}
