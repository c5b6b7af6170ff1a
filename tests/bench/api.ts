// `npm run bench -- api`: the real server (server/main.ts as a child process, so the load generator
// does not share its event loop) on loopback, driven by autocannon:
//   1. GET /api/health, 50 connections for DURATION_S: the ceiling of the HTTP stack;
//   2. GET /api/session as the 50 annotators: the cheapest signed-in request (session cookie,
//      the API's middleware and router, no body, no write), the floor under every real route;
//   3. PUT /api/sentences/:id/annotation, 50 connections of 50 distinct signed-in annotators,
//      each saving claims on its own rows (no baseVersion, so no 409s), for DURATION_S;
//   4. the median time to serve a 2,000-sentence document with its annotations
//      (GET /api/documents/:id then GET /api/documents/:id/annotations, one annotator's labels).
// Prints requests/s, p99 and the server's CPU time per request for each load, the ratios, and each
// figure against its target.
import autocannon from 'autocannon';
import { Agent, request as httpRequest } from 'node:http';
import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/users/repo.ts';
import { addMember, createProject } from '../../server/projects/service.ts';
import { createActor } from '../../server/actors/service.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { saveAnnotation } from '../../server/annotations/service.ts';
import { system } from '../../server/policy.ts';
import { startServer } from '../support/e2e.ts';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const SENTENCES = 2000;
const SERVE_RUNS = 40;
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 25;
const TARGET_SERVE_MS = 15;
const PASSWORD = 'bench password';

// Bench accounts get scrypt at N=2^10 (the parameters travel with the hash): 50 sign-ins at
// production cost would take seconds and measure nothing this bench is about.
const salt = randomBytes(16);
const cheapHash = ['scrypt', 1024, 8, 1, salt.toString('base64url'), scryptSync(PASSWORD, salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64url')].join('$');

// --- the database, built before the server starts (not measured) ---
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-api-'));
const dbFile = join(dir, 'bench.db');
const db = openDb(dbFile);
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
const paragraphs: string[] = [];
for (let p = 0; p < SENTENCES / 5; p++) {
  const sentences = Array.from({ length: 5 }, (_, s) => {
    const n = p * 5 + s;
    return `In statement number ${n + 1}, ${names[n % 5]} ${verbs[n % 5]} ${names[(n + 2) % 5]} over the events of the week, officials said on day ${(n % 28) + 1}.`;
  });
  paragraphs.push(sentences.join(' '));
}
const imported = importDocuments(db, system('bench'), project.id, [{ title: 'A long article', text: paragraphs.join('\n\n') }]).imported[0]!;
const sentenceIds = (db.prepare('SELECT id FROM sentences WHERE document_id = ? ORDER BY idx').all(imported.id) as { id: number }[]).map((row) => row.id);
// The served document carries one annotator's label on every sentence (a finished document).
const reader = { ...annotators[0]!, disabled: false };
for (const [index, sentenceId] of sentenceIds.entries()) {
  saveAnnotation(db, reader, sentenceId, {
    status: 'claims',
    claims: [{ speaker: { actorId: actorIds[index % 5]! }, stance: 'condemn', target: { actorId: actorIds[(index + 2) % 5]! }, cue: { start: 0, end: 5 } }],
  });
}
db.close();

const server = await startServer({ PARLEY_DB: dbFile, PARLEY_DEMO: '0' });
try {
  // One by one: sign-in throttling counts a burst of attempts from one address before checking them.
  const cookies: string[] = [];
  for (const user of annotators) {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`sign-in of ${user.username}: ${response.status}`);
    cookies.push(response.headers.get('set-cookie')!.split(';')[0]!);
  }

  // autocannon's own rate limit sends each second's quota in a burst, which measures its queue, not
  // the server; this sends saves at evenly spaced moments instead, over the 50 annotators' keep-alive
  // connections, and times each from the moment it was due (so a late send counts against the server).
  const pacedSaves = async (rate: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const total = rate * DURATION_S;
    const latencies: number[] = [];
    let failed = 0;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let sent = 0;
      let answered = 0;
      const send = (i: number) => {
        const due = started + (i * 1000) / rate;
        const annotator = i % CONNECTIONS;
        const n = Math.floor(i / CONNECTIONS) + 1_000_000;
        const sentenceId = sentenceIds[(annotator * 37 + n) % sentenceIds.length]!;
        const req = httpRequest(`${server.url}/api/sentences/${sentenceId}/annotation`, {
          method: 'PUT',
          agent,
          headers: { 'content-type': 'application/json', cookie: cookies[annotator]! },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode !== 200) failed++;
            if (++answered === total) resolve();
          });
        });
        req.on('error', () => {
          failed++;
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
    return { latencies: latencies.sort((a, b) => a - b), failed };
  };
  // A 2,000-sentence document with its annotations, as the workspace opens it: both requests at
  // once over keep-alive, one after another; median of SERVE_RUNS after 5 warm-up runs.
  const serveDocument = async () => {
    const times: number[] = [];
    for (let run = 0; run < SERVE_RUNS + 5; run++) {
      const started = performance.now();
      const [docBody, labelBody] = await Promise.all([
        fetch(`${server.url}/api/documents/${imported.id}`, { headers: { cookie: cookies[0]! } }).then((r) => r.json() as Promise<{ sentences: unknown[] }>),
        fetch(`${server.url}/api/documents/${imported.id}/annotations`, { headers: { cookie: cookies[0]! } }).then(
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
  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

  console.log(
    `machine:     ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`load:        ${CONNECTIONS} connections × ${DURATION_S} s each, loopback`);

  // CPU time of the server process (user + system, all threads) from /proc, in ms: load generator
  // and server share this machine's cores, so the server's own cost per request is the clearer figure.
  const statFile = `/proc/${server.process.pid}/stat`;
  const serverCpuMs = () => {
    if (!existsSync(statFile)) return Number.NaN;
    const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  };
  const measured = async (options: autocannon.Options) => {
    const before = serverCpuMs();
    const result = await autocannon(options);
    return { result, cpuPerRequestUs: ((serverCpuMs() - before) * 1000) / result.requests.total };
  };

  // The document first on the quiet server, then again after the write load (WAL backlog, labels rewritten).
  const servedAtRest = await serveDocument();

  const health = await measured({ url: `${server.url}/api/health`, connections: CONNECTIONS, duration: DURATION_S });

  let nextReader = 0;
  const signedInReads = await measured({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        setupRequest: (request, context: { annotator?: number }) => {
          context.annotator ??= nextReader++ % CONNECTIONS;
          return { ...request, path: '/api/session', headers: { cookie: cookies[context.annotator]! } };
        },
      },
    ],
  });

  // Each autocannon connection keeps its own context: the first request binds it to one annotator,
  // later ones walk that annotator's own slice of the document (varied sentences, own rows only).
  const saveBody = (n: number) =>
    JSON.stringify({
      status: 'claims',
      claims: [{ speaker: { actorId: actorIds[n % 5] }, stance: 'condemn', target: { actorId: actorIds[(n + 1) % 5] }, cue: { start: 0, end: 5 } }],
      note: `save ${n}`,
      timeSpentMs: 1200,
    });
  const saveLoad = (): autocannon.Options => {
    let nextAnnotator = 0;
    return {
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'PUT',
          setupRequest: (request, context: { annotator?: number; count?: number }) => {
            context.annotator ??= nextAnnotator++ % CONNECTIONS;
            const n = (context.count = (context.count ?? 0) + 1);
            const sentenceId = sentenceIds[(context.annotator * 37 + n) % sentenceIds.length]!;
            return {
              ...request,
              path: `/api/sentences/${sentenceId}/annotation`,
              headers: { 'content-type': 'application/json', cookie: cookies[context.annotator]! },
              body: saveBody(n),
            };
          },
        },
      ],
    };
  };
  // autocannon counts every response; a save that was not 2xx would flatter the figure.
  const failuresOf = (result: autocannon.Result) => {
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) console.log(`failed saves: ${JSON.stringify({ statusCodes: result.statusCodeStats, errors: result.errors, timeouts: result.timeouts })}`);
    return failed;
  };

  // As fast as 50 connections go (each sends its next save when the last one is answered)...
  const { result: saves, cpuPerRequestUs: saveCpuUs } = await measured(saveLoad());
  const failedSaves = failuresOf(saves);
  // ...and at a steady half of that rate: the latency people see on a busy server that is not saturated.
  const steadyRate = Math.max(100, Math.round(saves.requests.average / 2 / 100) * 100);
  const steady = await pacedSaves(steadyRate);

  const servedAfterLoad = await serveDocument();

  const ratio = saves.requests.average / health.result.requests.average;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const row = (label: string, result: autocannon.Result, cpuUs: number) =>
    `${label} ${Math.round(result.requests.average).toLocaleString('en')} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; server CPU ${Math.round(cpuUs)} µs/request`;
  console.log(row('health:     ', health.result, health.cpuPerRequestUs));
  console.log(row('signed in:  ', signedInReads.result, signedInReads.cpuPerRequestUs));
  console.log(
    `${row('saves:      ', saves, saveCpuUs)} (${saves['2xx'].toLocaleString('en')} saved, ${failedSaves} failed) — p99 target ${TARGET_P99_MS} ms: ${verdict(saves.latency.p99 <= TARGET_P99_MS && failedSaves === 0)}`,
  );
  console.log(
    `steady:      ${steadyRate.toLocaleString('en')} saves/s, evenly paced: p50 ${percentile(steady.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(steady.latencies, 0.99).toFixed(1)} ms, max ${percentile(steady.latencies, 1).toFixed(1)} ms (${steady.failed} failed) — p99 ≤ ${TARGET_P99_MS} ms at this load: ${verdict(percentile(steady.latencies, 0.99) <= TARGET_P99_MS && steady.failed === 0)}`,
  );
  console.log(
    `ratio:       saves / health = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}); signed-in GET / health = ${(signedInReads.result.requests.average / health.result.requests.average).toFixed(2)}; saves / signed-in GET = ${(saves.requests.average / signedInReads.result.requests.average).toFixed(2)}`,
  );
  const documentRow = (label: string, times: number[]) =>
    `${label} ${SENTENCES} sentences + ${SENTENCES} annotations served in ${percentile(times, 0.5).toFixed(1)} ms median, ${percentile(times, 1).toFixed(1)} ms max over ${SERVE_RUNS} runs (target ≤ ${TARGET_SERVE_MS} ms: ${verdict(percentile(times, 0.5) <= TARGET_SERVE_MS)})`;
  console.log(documentRow('document:   ', servedAtRest));
  console.log(documentRow('  after load:', servedAfterLoad));
  console.log(
    `after:       load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
