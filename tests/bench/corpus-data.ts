// The corpus bench's data: a newsroom's year of articles as one JSONL file (for the CLI import),
// the accounts and actors of a project, and labels on 5 % of the sentences written in a few
// INSERT … SELECT statements (65,000 labelled sentences through the API would measure the API,
// not the lists). A fixed scheme makes every run measure the same data.
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { randomBytes, scryptSync } from 'node:crypto';
import type { Db } from '../../server/db/connection.ts';
import { sql, values } from '../../server/db/statements.ts';
import { transaction } from '../../server/db/transaction.ts';
import { addMember, createProject } from '../../server/projects/service.ts';
import { createActor } from '../../server/actors/service.ts';
import { insertUser } from '../../server/users/repo.ts';
import { system } from '../../server/policy.ts';

export const PASSWORD = 'corpus bench password';
export const ANNOTATORS = 6;
/** Every LABELLED_EVERY-th document is labelled in full by two annotators: 5 % of the sentences. */
const LABELLED_EVERY = 20;
/** Every GOLD_EVERY-th document also has gold where its two annotators agree. */
const GOLD_EVERY = 60;

const OUTLETS = ['Harbour Courier', 'Northern Ledger', 'Valley Tribune', 'Capital Wire', 'Coastal Herald', 'Evening Dispatch', 'Metro Signal', 'Plains Record'];
const ACTORS: [string, string[]][] = [
  ['China', ['Beijing']],
  ['Russia', ['Moscow', 'the Kremlin']],
  ['Israel', []],
  ['Iran', ['Tehran']],
  ['United States', ['Washington']],
  ['Ukraine', ['Kyiv']],
  ['European Union', ['Brussels']],
  ['Turkey', ['Ankara']],
];
const NAMES = ['Beijing', 'the Kremlin', 'Israel', 'Tehran', 'Washington', 'Kyiv', 'Brussels', 'Ankara', 'Moscow'];
const VERBS = ['criticized', 'praised', 'urged restraint from', 'accused', 'welcomed talks with', 'warned', 'thanked', 'condemned'];
const TOPICS = [
  'the ceasefire',
  'grain exports',
  'the border talks',
  'new sanctions',
  'the naval drills',
  'the energy deal',
  'refugee flows',
  'the trade dispute',
];
const TAILS = ['officials said on Monday', 'a spokesperson told reporters', 'according to a statement', 'the ministry said', 'diplomats confirmed'];

/** The title of article `n`: its number makes it findable by a title search ("dispatch 77777"). */
export const titleOf = (n: number) =>
  `${NAMES[n % NAMES.length]} ${VERBS[(n >> 3) % VERBS.length]} ${NAMES[(n + 3) % NAMES.length]} over ${TOPICS[(n >> 6) % TOPICS.length]}, dispatch ${n}`;

/** Article `n` of about 13 sentences (8 to 18) in paragraphs of three. */
function articleText(n: number): string {
  const count = 8 + ((n * 7) % 11);
  const sentences: string[] = [];
  for (let s = 0; s < count; s++) {
    const k = n * 31 + s;
    sentences.push(
      `${s === 0 ? `In dispatch ${n}, ` : ''}${NAMES[k % NAMES.length]} ${VERBS[(k >> 2) % VERBS.length]} ${NAMES[(k + 4) % NAMES.length]} over ${TOPICS[(k >> 4) % TOPICS.length]}, ${TAILS[k % TAILS.length]} in report ${s + 1}.`,
    );
  }
  const paragraphs: string[] = [];
  for (let p = 0; p < sentences.length; p += 3) paragraphs.push(sentences.slice(p, p + 3).join(' '));
  return paragraphs.join('\n\n');
}

/** Writes `count` articles as JSONL; resolves to the file's size in bytes. */
export async function writeCorpus(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const start = Date.UTC(2025, 0, 1);
  for (let n = 0; n < count; n++) {
    const published = new Date(start + ((n * 7919) % 365) * 86_400_000).toISOString().slice(0, 10);
    const line = `${JSON.stringify({ title: titleOf(n), text: articleText(n), source: `${OUTLETS[n % OUTLETS.length]} #${n}`, published })}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  // On disk before the import is timed, as a file someone imports has long been: otherwise the
  // kernel writes its 123 MB back while the import runs, and the import's own writes wait behind them.
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}

export interface CorpusProject {
  projectId: number;
  adminName: string;
  reviewerName: string;
  annotatorNames: string[];
  annotatorIds: number[];
  reviewerId: number;
  actorIds: number[];
}

/**
 * The project the corpus is imported into: an admin, a reviewer, six annotators (all members) and
 * the actors. Accounts get scrypt at N=2^10 (the parameters travel with the hash): sign-in at
 * production cost measures nothing this bench is about.
 */
export function buildProject(db: Db): CorpusProject {
  const salt = randomBytes(16);
  const hash = ['scrypt', 1024, 8, 1, salt.toString('base64url'), scryptSync(PASSWORD, salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64url')].join('$');
  const project = createProject(db, system('bench'), { name: 'Newsroom corpus', overlap: 2 });
  const user = (username: string, role: 'admin' | 'reviewer' | 'annotator') => {
    const created = insertUser(db, { username, passwordHash: hash, role });
    addMember(db, system('bench'), project.id, created.id);
    return created;
  };
  user('corpus-admin', 'admin');
  const reviewer = user('corpus-reviewer', 'reviewer');
  const annotators = Array.from({ length: ANNOTATORS }, (_, i) => user(`corpus-annotator-${i + 1}`, 'annotator'));
  const actorIds = ACTORS.map(([name, aliases]) => createActor(db, system('bench'), project.id, { name, kind: 'state', aliases }).id);
  return {
    projectId: project.id,
    adminName: 'corpus-admin',
    reviewerName: reviewer.username,
    annotatorNames: annotators.map((a) => a.username),
    annotatorIds: annotators.map((a) => a.id),
    reviewerId: reviewer.id,
    actorIds,
  };
}

export interface LabelCounts {
  sentences: number;
  labelled: number;
  annotations: number;
  gold: number;
}

/**
 * Labels every 20th document in full by a pair of annotators (pairs rotate over the six), each
 * pair's documents assigned to it. Annotator A says "claims" on every third sentence, B agrees
 * except on every seventh sentence (B flips claim / no claim) and on every twelfth (B's stance is
 * "support" where A's is "condemn"). Every 60th document has gold where the pair agrees.
 * Portable SQL, one transaction; actor ids are consecutive (created in one go on a fresh database).
 */
export function loadLabels(db: Db, corpus: CorpusProject): LabelCounts {
  const now = new Date().toISOString();
  const firstActor = corpus.actorIds[0]!;
  const actorCount = corpus.actorIds.length;
  const labelled = `d.project_id = CAST(? AS BIGINT) AND d.id % ${LABELLED_EVERY} = 0 AND (d.id / ${LABELLED_EVERY}) % 3 = CAST(? AS BIGINT)`;
  transaction(db, () => {
    for (let pair = 0; pair < ANNOTATORS / 2; pair++) {
      const [a, b] = [corpus.annotatorIds[2 * pair]!, corpus.annotatorIds[2 * pair + 1]!];
      for (const [annotator, flips] of [
        [a, false],
        [b, true],
      ] as const) {
        sql(
          db,
          `INSERT INTO assignments (document_id, user_id, project_id, assigned_at, assigned_by, last_activity_at)
           SELECT d.id, CAST(? AS BIGINT), d.project_id, CAST(? AS TEXT), NULL, CAST(? AS TEXT) FROM documents d WHERE ${labelled}`,
        ).run(annotator, now, now, corpus.projectId, pair);
        const claims = flips ? '(s.id % 3 = 0) <> (s.id % 7 = 0)' : 's.id % 3 = 0';
        sql(
          db,
          `INSERT INTO annotations (sentence_id, annotator_id, status, time_spent_ms, created_at, updated_at)
           SELECT s.id, CAST(? AS BIGINT), CASE WHEN ${claims} THEN 'claims' ELSE 'no_claim' END, 4000, CAST(? AS TEXT), CAST(? AS TEXT)
           FROM sentences s JOIN documents d ON d.id = s.document_id WHERE ${labelled}`,
        ).run(annotator, now, now, corpus.projectId, pair);
        sql(
          db,
          `INSERT INTO claims (annotation_id, position, stance, speaker_actor_id, target_actor_id)
           SELECT a.id, 0, CASE WHEN CAST(? AS INTEGER) = 1 AND s.id % 12 = 0 THEN 'support' ELSE 'condemn' END,
             CAST(? AS BIGINT) + s.id % ${actorCount}, CAST(? AS BIGINT) + (s.id + 3) % ${actorCount}
           FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id
           WHERE a.annotator_id = CAST(? AS BIGINT) AND a.status = 'claims' AND ${labelled}`,
        ).run(flips ? 1 : 0, firstActor, firstActor, annotator, corpus.projectId, pair);
      }
    }
    // Gold where the pair agrees: neither B's flip (every 7th) nor B's other stance (every 12th, on claims).
    const agreed = `d.project_id = CAST(? AS BIGINT) AND d.id % ${GOLD_EVERY} = 0 AND s.id % 7 <> 0 AND NOT (s.id % 3 = 0 AND s.id % 12 = 0)`;
    sql(
      db,
      `INSERT INTO gold (sentence_id, status, method, reviewer_id, source_annotators, created_at, updated_at)
       SELECT s.id, CASE WHEN s.id % 3 = 0 THEN 'claims' ELSE 'no_claim' END, 'unanimous', CAST(? AS BIGINT), '[]', CAST(? AS TEXT), CAST(? AS TEXT)
       FROM sentences s JOIN documents d ON d.id = s.document_id WHERE ${agreed}`,
    ).run(corpus.reviewerId, now, now, corpus.projectId);
    sql(
      db,
      `INSERT INTO gold_claims (gold_id, position, stance, speaker_actor_id, target_actor_id)
       SELECT g.id, 0, 'condemn', CAST(? AS BIGINT) + s.id % ${actorCount}, CAST(? AS BIGINT) + (s.id + 3) % ${actorCount}
       FROM gold g JOIN sentences s ON s.id = g.sentence_id JOIN documents d ON d.id = s.document_id
       WHERE g.status = 'claims' AND d.project_id = CAST(? AS BIGINT)`,
    ).run(firstActor, firstActor, corpus.projectId);
  });
  const count = (text: string) => values<[number], number>(db, text).get(corpus.projectId) ?? 0;
  const ofProject = 'JOIN sentences s ON s.id = x.sentence_id JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?';
  return {
    sentences: count('SELECT count(*) FROM sentences s JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?'),
    labelled: count(`SELECT count(DISTINCT x.sentence_id) FROM annotations x ${ofProject}`),
    annotations: count(`SELECT count(*) FROM annotations x ${ofProject}`),
    gold: count(`SELECT count(*) FROM gold x ${ofProject}`),
  };
}
