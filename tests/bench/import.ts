// `npm run bench -- import`: a 50 MB JSONL file streamed into a fresh project by the CLI's importer;
// prints documents/s, MB/s and the peak growth of resident memory (it must stay bounded).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createProject } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { importJsonlFile } from '../../server/documents/files.ts';
import { detectLanguage } from '../../server/text/language.ts';

const TARGET_BYTES = Number(process.env.BENCH_IMPORT_MB ?? 50) * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-import-'));
const file = join(dir, 'news.jsonl');

// Seed articles, each made unique by a numbered sentence so no line is a duplicate.
const seeds = readdirSync('seeds')
  .filter((name) => name.endsWith('.txt'))
  .map((name) => readFileSync(join('seeds', name), 'utf8'));
const out = createWriteStream(file);
let written = 0;
for (let n = 0; written < TARGET_BYTES; n++) {
  const line = JSON.stringify({ title: `Article ${n}`, text: `${seeds[n % seeds.length]}\n\nThis is copy number ${n}.`, source: `gen-${n}` }) + '\n';
  written += Buffer.byteLength(line);
  if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
await new Promise<void>((resolve) => out.end(() => resolve()));

const db = openDb(join(dir, 'bench.db'));
migrate(db);
const project = createProject(db, system('bench'), { name: 'Bench' });
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = await importJsonlFile(db, project.id, file, 'news.jsonl', () => {
  peak = Math.max(peak, process.memoryUsage().rss);
});
const seconds = (performance.now() - started) / 1000;
// CPU time is what a change costs even on a shared, busy machine, where wall time swings ±50 %.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
clearInterval(timer);
const mb = statSync(file).size / 1024 / 1024;
console.log(`file:        ${mb.toFixed(1)} MB JSONL, ${result.imported.length} documents, ${result.errors.length} errors`);
console.log(`import:      ${seconds.toFixed(1)} s  (${(result.imported.length / seconds).toFixed(0)} documents/s, ${(mb / seconds).toFixed(1)} MB/s)`);
console.log(`cpu:         ${cpuSeconds.toFixed(2)} s  (${((cpuSeconds * 1e6) / result.imported.length).toFixed(0)} µs/document, this process, user + system)`);
console.log(`peak memory: +${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB resident over the start (file is ${mb.toFixed(0)} MB)`);
// The language detector's share of that (it reads a bounded prefix, so it costs the same for any length).
const detectStarted = performance.now();
const detections = 20_000;
for (let n = 0; n < detections; n++) detectLanguage(seeds[n % seeds.length]!);
const detectMs = (performance.now() - detectStarted) / detections;
console.log(
  `language:    ${(detectMs * 1000).toFixed(0)} µs/document detected (${((detectMs / ((seconds * 1000) / result.imported.length)) * 100).toFixed(1)} % of the import's time per document)`,
);
db.close();
rmSync(dir, { recursive: true, force: true });
