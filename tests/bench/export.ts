// `npm run bench -- export`: a project of 200,000 sentences with three annotators and gold,
// exported through the real HTTP endpoint (streamed to a client that reads and discards), against
// a bare `SELECT … iterate()` + JSON.stringify of the same rows in the same run. Targets: ratio
// ≥ 0.5, peak memory growth < 100 MB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDb } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createApp } from '../../server/app.ts';
import { buildLabelledProject } from './fixtures.ts';

const SENTENCES = Number(process.env.BENCH_SENTENCES ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-export-'));
const db = openDb(join(dir, 'bench.db'));
migrate(db);
const built = performance.now();
const { project, admin } = buildLabelledProject(db, SENTENCES, 3, { gold: true });
console.log(`built ${SENTENCES.toLocaleString('en')} sentences × 3 annotators + gold in ${((performance.now() - built) / 1000).toFixed(1)} s`);

// Baseline: the same rows (sentences, annotations, claims, gold) iterated and stringified, nothing else.
function baseline(): { rows: number; bytes: number } {
  let rows = 0;
  let bytes = 0;
  const statements = [
    `SELECT s.*, d.title, d.text_sha256 FROM sentences s JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?`,
    `SELECT a.* FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?`,
    `SELECT c.* FROM claims c JOIN annotations a ON a.id = c.annotation_id JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?`,
    `SELECT g.* FROM gold g JOIN sentences s ON s.id = g.sentence_id JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?`,
  ];
  for (const text of statements) {
    for (const row of db.prepare(text).iterate(project.id)) {
      bytes += JSON.stringify(row).length;
      rows++;
    }
  }
  // Both counts are returned so the serialisation is real work, as the API's is.
  return { rows, bytes };
}

const t0 = performance.now();
baseline();
const baselineSeconds = (performance.now() - t0) / 1000;
const baselineRate = SENTENCES / baselineSeconds;

// The real thing: the API over HTTP on loopback, the client reading the stream.
const app = createApp({ db, log: () => {} });
const server = app.listen(0);
await new Promise((resolve) => server.once('listening', resolve));
const port = (server.address() as AddressInfo).port;
// Sign in by creating a session through the service the API uses (the admin has no real password).
const { createHash, randomBytes } = await import('node:crypto');
const token = randomBytes(32).toString('base64url');
const at = new Date();
db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
  createHash('sha256').update(token).digest('hex'),
  admin.id,
  at.toISOString(),
  at.toISOString(),
  new Date(at.getTime() + 3600_000).toISOString(),
);

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const t1 = performance.now();
const res = await fetch(`http://127.0.0.1:${port}/api/projects/${project.id}/export`, { headers: { cookie: `parley_session=${token}` } });
let records = 0;
let bytes = 0;
// The client only counts line ends in the bytes: decoding 300 MB here would be measured as export time.
for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
  bytes += chunk.length;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) records++;
}
const exportSeconds = (performance.now() - t1) / 1000;
clearInterval(sampler);
const exportRate = records / exportSeconds;

console.log(
  `export over HTTP:      ${records.toLocaleString('en')} records, ${(bytes / 1024 / 1024).toFixed(0)} MB in ${exportSeconds.toFixed(1)} s = ${Math.round(exportRate).toLocaleString('en')} records/s`,
);
console.log(
  `bare SELECT+stringify: ${SENTENCES.toLocaleString('en')} sentences' rows in ${baselineSeconds.toFixed(1)} s = ${Math.round(baselineRate).toLocaleString('en')} sentences/s`,
);
console.log(`ratio: ${(exportRate / baselineRate).toFixed(2)} (target ≥ 0.5: ${exportRate / baselineRate >= 0.5 ? 'met' : 'NOT met'})`);
console.log(
  `peak memory growth: ${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB (target < 100 MB: ${peak - rssBefore < 100 * 1024 * 1024 ? 'met' : 'NOT met'})`,
);
// The export page's count: SQL per document, not the records built and thrown away.
const t2 = performance.now();
const counted = (await (
  await fetch(`http://127.0.0.1:${port}/api/projects/${project.id}/export?count=1`, { headers: { cookie: `parley_session=${token}` } })
).json()) as {
  records: number;
};
console.log(`count=1 over HTTP:     ${counted.records.toLocaleString('en')} records counted in ${((performance.now() - t2) / 1000).toFixed(2)} s`);
server.close();
db.close();
rmSync(dir, { recursive: true, force: true });
