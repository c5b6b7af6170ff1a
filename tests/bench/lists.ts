// `npm run bench -- lists [--db postgres://…]`: the server's list queries of issue 15 (every list but
// the documents list: queue, assignments, disagreements, actors, users, members) at a large project,
// in process (no HTTP, no JSON over a socket: the corpus bench measures those): BENCH_LISTS_DOCS
// articles (default 100,000, 13 sentences each), labelled as the corpus bench labels them (5 %),
// then p50/p95 of 20 calls of every sort in both orders, its second page, and take next. SQLite in a
// temporary file unless --db names another database (a PostgreSQL URL: use a throwaway one): one
// that already holds the bench's project (a file a previous run kept) is measured as it is.
import { parseArgs } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { openDb } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { system } from '../../server/policy.ts';
import { buildProject, loadLabels, titleOf, type CorpusProject } from './corpus-data.ts';
import { values } from '../../server/db/statements.ts';
import { findUserByName } from '../../server/users/repo.ts';
import { getQueue, getAssignments, takeNext } from '../../server/assignments/service.ts';
import { acceptUnanimous, getDisagreements } from '../../server/review/service.ts';
import { getActors } from '../../server/actors/service.ts';
import { getUsers } from '../../server/users/service.ts';
import { getMemberPage } from '../../server/projects/members.ts';
import { QueueQuery, AssignmentsQuery } from '../../shared/schemas/assignments.ts';
import { DisagreementsQuery } from '../../shared/schemas/review.ts';
import { ActorListQuery } from '../../shared/schemas/actors.ts';
import { UsersQuery } from '../../shared/schemas/users.ts';
import { MembersQuery } from '../../shared/schemas/members.ts';

const DOCS = Number(process.env.BENCH_LISTS_DOCS ?? 100_000);
const { db: given } = parseArgs({ args: process.argv.slice(2), options: { db: { type: 'string' } } }).values;
const url = given ?? join(mkdtempSync(join(tmpdir(), 'lists-')), 'bench.db');
const db = openDb(url);
migrate(db);
const kept = findUserByName(db, 'corpus-admin') !== undefined;
const corpus = kept ? keptProject() : buildProject(db);
console.log(`database: ${given ?? url}${kept ? ' (kept from a previous run)' : ''}`);

/** The bench's project in a database a previous run built. */
function keptProject(): CorpusProject {
  const projectId = values<[], number>(db, "SELECT id FROM projects WHERE name = 'Newsroom corpus'").get()!;
  const annotatorNames = Array.from({ length: 6 }, (_, i) => `corpus-annotator-${i + 1}`);
  return {
    projectId,
    adminName: 'corpus-admin',
    reviewerName: 'corpus-reviewer',
    annotatorNames,
    annotatorIds: annotatorNames.map((name) => findUserByName(db, name)!.id),
    reviewerId: findUserByName(db, 'corpus-reviewer')!.id,
    actorIds: [],
  };
}
let t = performance.now();
const sentence = (n: number, i: number) => `Official ${n} of the ministry said on day ${i} that the talks would continue next week.`;
for (let start = 0; !kept && start < DOCS; start += 1000) {
  const batch = Array.from({ length: Math.min(1000, DOCS - start) }, (_, k) => {
    const n = start + k;
    return { title: titleOf(n), text: Array.from({ length: 13 }, (_, i) => sentence(n, i)).join(' ') };
  });
  importDocuments(db, system('bench'), corpus.projectId, batch);
}
if (!kept) {
  console.log(`import ${DOCS} docs: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  console.log(loadLabels(db, corpus), `labels ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores`,
);
if (db.dialect === 'postgres') db.exec('ANALYZE');
const admin = findUserByName(db, corpus.adminName)!;
const reviewer = findUserByName(db, corpus.reviewerName)!;
const annotator = findUserByName(db, corpus.annotatorNames[0]!)!;
const fresh = findUserByName(db, corpus.annotatorNames[5]!)!;
t = performance.now();
const first = getDisagreements(db, reviewer, corpus.projectId, DisagreementsQuery.parse({}));
console.log(`disagreements first read (every labelled sentence stale): ${((performance.now() - t) / 1000).toFixed(1)} s, total ${first.total}`);

function time(name: string, run: () => { nextCursor?: string | null } & object, runs = 20) {
  run();
  const times: number[] = [];
  let body: object = {};
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    body = run();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(JSON.stringify(body));
  console.log(
    `${name.padEnd(48)} p50 ${times[Math.floor(runs / 2)]!.toFixed(1).padStart(6)} ms  p95 ${times[Math.floor(runs * 0.95)]!.toFixed(1).padStart(6)} ms  ${(bytes / 1024).toFixed(1)} KB`,
  );
  return body as { nextCursor?: string | null };
}
const p = corpus.projectId;
for (const sort of ['coverage', 'title', 'id'] as const)
  for (const order of ['asc', 'desc'] as const) {
    const page = time(`queue ${sort} ${order}`, () => getQueue(db, annotator, p, QueueQuery.parse({ sort, order })));
    if (page.nextCursor) time(`queue ${sort} ${order} + cursor`, () => getQueue(db, annotator, p, QueueQuery.parse({ sort, order, cursor: page.nextCursor })));
  }
time('queue q=', () => getQueue(db, annotator, p, QueueQuery.parse({ q: titleOf(4242).slice(0, 12) })));
for (const sort of ['document', 'user', 'assigned', 'activity'] as const)
  for (const order of ['asc', 'desc'] as const) {
    const page = time(`assignments ${sort} ${order}`, () => getAssignments(db, admin, p, AssignmentsQuery.parse({ sort, order })));
    if (page.nextCursor)
      time(`assignments ${sort} ${order} + cursor`, () => getAssignments(db, admin, p, AssignmentsQuery.parse({ sort, order, cursor: page.nextCursor })));
  }
for (const sort of ['dispute', 'position'] as const)
  for (const order of ['asc', 'desc'] as const) {
    const page = time(`disagreements ${sort} ${order}`, () => getDisagreements(db, reviewer, p, DisagreementsQuery.parse({ sort, order })));
    if (page.nextCursor)
      time(`disagreements ${sort} ${order} + cursor`, () =>
        getDisagreements(db, reviewer, p, DisagreementsQuery.parse({ sort, order, cursor: page.nextCursor })),
      );
  }
// The count the review page shows before "accept unanimous" (maintained state, migration 0016).
time('unanimous count', () => acceptUnanimous(db, reviewer, p, false));
time('disagreements field=stance resolved=1', () => getDisagreements(db, reviewer, p, DisagreementsQuery.parse({ field: 'stance', resolved: '1' })));
for (const sort of ['name', 'kind', 'usage'] as const)
  time(`actors ${sort} counts=1`, () => getActors(db, admin, p, ActorListQuery.parse({ sort, counts: '1' })));
for (const sort of ['username', 'role', 'lastSignIn'] as const) time(`users ${sort}`, () => getUsers(db, admin, UsersQuery.parse({ sort })));
time('members', () => getMemberPage(db, admin, p, MembersQuery.parse({})));
// Take next writes: on a kept database it would change what the next run measures.
if (!kept) time('take next (fresh annotator, 5 takes)', () => ({ doc: takeNext(db, fresh, p) }), 5);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
db.close();
