// Builds large labelled projects for the benches, straight into SQLite (building through the API
// would measure the API, not the thing under test). A fixed pseudo-random sequence makes every run
// measure the same data.
import type { Db } from '../../server/db/connection.ts';
import { sql, values } from '../../server/db/statements.ts';
import { transaction } from '../../server/db/transaction.ts';
import { insertDocumentStats } from '../../server/documents/stats.ts';
import { createProject } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { insertUser } from '../../server/users/repo.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { User } from '../../shared/schemas/users.ts';

export interface BenchProject {
  project: Project;
  admin: User;
  annotators: User[];
}

const PER_DOCUMENT = 100;

export function buildLabelledProject(db: Db, sentences: number, annotatorCount: number, options: { gold?: boolean } = {}): BenchProject {
  const project = createProject(db, system('bench'), { name: `Bench ${Date.now()}`, overlap: annotatorCount });
  const admin = { ...insertUser(db, { username: `admin-${project.id}`, passwordHash: 'x', role: 'admin' }), disabled: false };
  const annotators = Array.from({ length: annotatorCount }, (_, i) =>
    insertUser(db, { username: `ann${i}-${project.id}`, passwordHash: 'x', role: 'annotator' }),
  );
  const actorIds = Array.from({ length: 12 }, (_, i) =>
    values<[number, string], number>(
      db,
      "INSERT INTO actors (project_id, name, kind, created_at, updated_at) VALUES (?, ?, 'state', 'now', 'now') RETURNING id",
    ).get(project.id, `Actor ${i}`)!,
  );
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const stances = ['condemn', 'support', 'mediate'];

  transaction(db, () => {
    const insertDocument = values<unknown[], number>(
      db,
      "INSERT INTO documents (project_id, title, text, text_sha256, text_length, segmenter, created_at) VALUES (?, ?, ?, ?, ?, 'bench', 'now') RETURNING id",
    );
    const insertSentence = values<unknown[], number>(
      db,
      'INSERT INTO sentences (document_id, idx, paragraph, start, "end") VALUES (?, ?, 0, ?, ?) RETURNING id',
    );
    const insertAnnotation = values<unknown[], number>(
      db,
      "INSERT INTO annotations (sentence_id, annotator_id, status, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now') RETURNING id",
    );
    const insertClaim = sql(
      db,
      'INSERT INTO claims (annotation_id, position, stance, speaker_actor_id, target_actor_id, speaker_start, speaker_end) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertGold = values<unknown[], number>(
      db,
      "INSERT INTO gold (sentence_id, status, method, reviewer_id, source_annotators, created_at, updated_at) VALUES (?, ?, 'unanimous', ?, '[]', 'now', 'now') RETURNING id",
    );
    const insertGoldClaim = sql(db, 'INSERT INTO gold_claims (gold_id, position, stance, speaker_actor_id, target_actor_id) VALUES (?, ?, ?, ?, ?)');
    const sentenceText = 'China 😀 condemned the strikes on the region. ';
    const text = sentenceText.repeat(PER_DOCUMENT);
    for (let d = 0; d * PER_DOCUMENT < sentences; d++) {
      const documentId = insertDocument.get(project.id, `Document ${d}`, text, `${project.id}-${d}`.padStart(64, '0'), text.length)!;
      // Its counter row, as insertDocuments writes it (server/documents/stats.ts): before the labels, whose triggers count them there.
      const count = Math.min(PER_DOCUMENT, sentences - d * PER_DOCUMENT);
      insertDocumentStats(db, [{ id: documentId, projectId: project.id, sentences: Array.from({ length: count }, () => ({ boilerplate: false })) }]);
      for (let i = 0; i < PER_DOCUMENT && d * PER_DOCUMENT + i < sentences; i++) {
        const start = i * sentenceText.length;
        const sentenceId = insertSentence.get(documentId, i, start, start + sentenceText.length - 1)!;
        // A "true" label each annotator reproduces most of the time.
        const truth = random() < 0.4 ? [{ speaker: pick(actorIds), stance: pick(stances), target: pick(actorIds) }] : [];
        for (const annotator of annotators) {
          const noisy = random() < 0.15;
          const claims = noisy ? (truth.length ? [] : [{ speaker: pick(actorIds), stance: pick(stances), target: pick(actorIds) }]) : truth;
          const annotationId = insertAnnotation.get(sentenceId, annotator.id, claims.length ? 'claims' : 'no_claim')!;
          claims.forEach((claim, position) => {
            insertClaim.run(annotationId, position, random() < 0.1 ? pick(stances) : claim.stance, claim.speaker, claim.target, start, start + 5);
          });
        }
        if (options.gold) {
          const goldId = insertGold.get(sentenceId, truth.length ? 'claims' : 'no_claim', admin.id)!;
          truth.forEach((claim, position) => insertGoldClaim.run(goldId, position, claim.stance, claim.speaker, claim.target));
        }
      }
    }
  });
  return { project, admin, annotators };
}
