// `npm run bench -- agreement`: the agreement report of a project of 100,000 sentences labelled by
// three annotators (target: under 2 s), computed by the same service the API calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { getAgreement } from '../../server/agreement/service.ts';
import { DisagreementsQuery } from '../../shared/schemas/review.ts';
import { getDisagreements } from '../../server/review/service.ts';
import { buildLabelledProject } from './fixtures.ts';

const SENTENCES = Number(process.env.BENCH_SENTENCES ?? 100_000);
const ANNOTATORS = 3;

const dir = mkdtempSync(join(tmpdir(), 'parley-bench-agreement-'));
const db = openDb(join(dir, 'bench.db'));
migrate(db);
const started = performance.now();
const { project, admin } = buildLabelledProject(db, SENTENCES, ANNOTATORS);
console.log(`built ${SENTENCES.toLocaleString('en')} sentences × ${ANNOTATORS} annotators in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const times: number[] = [];
let report: ReturnType<typeof getAgreement> | undefined;
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  report = getAgreement(db, admin, project.id);
  times.push(performance.now() - t0);
}
const best = Math.min(...times);
console.log(
  `agreement report: ${(best / 1000).toFixed(2)} s (best of 3; runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s) — target < 2 s: ${best < 2000 ? 'met' : 'NOT met'}`,
);
console.log(
  `  α has-claim ${report!.project.hasClaim.value?.toFixed(3)} on ${report!.project.hasClaim.units} units; α stance ${report!.project.stance.value?.toFixed(3)} on ${report!.project.stance.units}; ${report!.documents.length} documents`,
);
// The first read compares every labelled sentence (all stale after the import); later ones read a page.
const t1 = performance.now();
const disagreements = getDisagreements(db, admin, project.id, DisagreementsQuery.parse({}));
const t2 = performance.now();
getDisagreements(db, admin, project.id, DisagreementsQuery.parse({}));
console.log(
  `disagreement queue: first read ${((t2 - t1) / 1000).toFixed(2)} s (compares every label), then ${(performance.now() - t2).toFixed(1)} ms a page, for ${disagreements.total.toLocaleString('en')} disputed sentences`,
);
db.close();
rmSync(dir, { recursive: true, force: true });
