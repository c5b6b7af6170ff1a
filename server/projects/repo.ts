import type { Db } from '../db/connection.ts';
import { parseStanceLabels } from '../db/json.ts';
import type { ProjectRow } from '../db/schema.ts';
import { jsonTextList } from '../db/dialect.ts';
import { now, sql, values } from '../db/statements.ts';
import type { Project, StanceLabel } from '../../shared/schemas/projects.ts';
import type { Member } from '../../shared/schemas/members.ts';
import { MODEL_BACKEND_TIMEOUT_DEFAULT } from '../../shared/schemas/modelBackend.ts';

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    stanceLabels: parseStanceLabels(row.stance_labels),
    overlap: row.overlap,
    holdHours: row.hold_hours,
    codebook: row.codebook,
    codebookVersion: row.codebook_version,
    modelBackend: row.model_backend_url === null ? null : { url: row.model_backend_url, timeoutSeconds: row.model_backend_timeout_seconds },
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findProject(db: Db, id: number): Project | undefined {
  const row = sql<[number], ProjectRow>(db, 'SELECT * FROM projects WHERE id = ?').get(id);
  return row && toProject(row);
}

export function findProjectByName(db: Db, name: string): Project | undefined {
  const row = sql<[string], ProjectRow>(db, 'SELECT * FROM projects WHERE name = ?').get(name);
  return row && toProject(row);
}

export function listAllProjects(db: Db): Project[] {
  return sql<[], ProjectRow>(db, 'SELECT * FROM projects ORDER BY id').all().map(toProject);
}

export function listProjectsOfMember(db: Db, userId: number): Project[] {
  return sql<[number], ProjectRow>(db, 'SELECT p.* FROM projects p JOIN project_members m ON m.project_id = p.id WHERE m.user_id = ? ORDER BY p.id')
    .all(userId)
    .map(toProject);
}

/** Documents and members of every project, for `npm run cli -- projects list`. */
export function countsOfProjects(db: Db): Map<number, { documents: number; members: number }> {
  const rows = sql<[], { id: number; documents: number; members: number }>(
    db,
    `SELECT p.id,
       (SELECT count(*) FROM documents d WHERE d.project_id = p.id) AS documents,
       (SELECT count(*) FROM project_members m WHERE m.project_id = p.id) AS members
     FROM projects p`,
  ).all();
  return new Map(rows.map((row) => [row.id, { documents: row.documents, members: row.members }]));
}

export function countProjects(db: Db): number {
  return values<[], number>(db, 'SELECT count(*) FROM projects').get() ?? 0;
}

export function insertProject(db: Db, input: { name: string; stanceLabels: StanceLabel[]; overlap: number; holdHours: number; codebook: string }): Project {
  const at = now();
  const row = sql<unknown[], ProjectRow>(
    db,
    'INSERT INTO projects (name, stance_labels, overlap, hold_hours, codebook, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
  ).get(input.name, JSON.stringify(input.stanceLabels), input.overlap, input.holdHours, input.codebook, at, at);
  // An INSERT … RETURNING returns its row or throws.
  if (!row) throw new Error('INSERT INTO projects returned no row.');
  return toProject(row);
}

/**
 * Writes the new state of a project and bumps its version; bumps the codebook version when the
 * codebook changed. Conditional, in the UPDATE itself: only while the project is still at the
 * version `before` was read at; undefined (nothing written) when another writer got there first.
 * The model backend stays as it was unless `after` names one (or null).
 */
export function updateProject(
  db: Db,
  before: Project,
  after: Omit<Project, 'version' | 'codebookVersion' | 'createdAt' | 'updatedAt' | 'modelBackend'> & Partial<Pick<Project, 'modelBackend'>>,
): Project | undefined {
  const codebookVersion = before.codebookVersion + (after.codebook === before.codebook ? 0 : 1);
  const backend = after.modelBackend === undefined ? before.modelBackend : after.modelBackend;
  const row = sql<unknown[], ProjectRow>(
    db,
    `UPDATE projects SET name = ?, stance_labels = ?, overlap = ?, hold_hours = ?, codebook = ?, codebook_version = ?,
       model_backend_url = ?, model_backend_timeout_seconds = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? RETURNING *`,
  ).get(
    after.name,
    JSON.stringify(after.stanceLabels),
    after.overlap,
    after.holdHours,
    after.codebook,
    codebookVersion,
    backend?.url ?? null,
    backend?.timeoutSeconds ?? MODEL_BACKEND_TIMEOUT_DEFAULT,
    now(),
    before.id,
    before.version,
  );
  return row && toProject(row);
}

export function isMember(db: Db, projectId: number, userId: number): boolean {
  return sql(db, 'SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?').get(projectId, userId) !== undefined;
}

export function listMembers(db: Db, projectId: number): Member[] {
  return sql<[number], Member>(
    db,
    `SELECT u.id AS "userId", u.username, u.role FROM project_members m JOIN users u ON u.id = m.user_id
     WHERE m.project_id = ? ORDER BY u.username`,
  ).all(projectId);
}

export function insertMember(db: Db, projectId: number, userId: number): boolean {
  const result = sql(
    db,
    `INSERT INTO project_members (project_id, user_id, added_at) VALUES (?, ?, ?)
     ON CONFLICT (project_id, user_id) DO NOTHING`,
  ).run(projectId, userId, now());
  return result.changes > 0;
}

export function deleteMember(db: Db, projectId: number, userId: number): boolean {
  return sql(db, 'DELETE FROM project_members WHERE project_id = ? AND user_id = ?').run(projectId, userId).changes > 0;
}

/** How many annotators' and gold claims of the project use each of the given stance keys. */
export function countClaimsByStance(db: Db, projectId: number, keys: readonly string[]): Map<string, number> {
  if (keys.length === 0) return new Map();
  const rows = sql<[number, number, string], { stance: string; n: number }>(
    db,
    `SELECT stance, count(*) AS n FROM (
       SELECT c.stance FROM claims c JOIN annotations a ON a.id = c.annotation_id JOIN sentences s ON s.id = a.sentence_id
         JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?
       UNION ALL
       SELECT c.stance FROM gold_claims c JOIN gold g ON g.id = c.gold_id JOIN sentences s ON s.id = g.sentence_id
         JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?) AS used
     WHERE stance IN (${jsonTextList(db)}) GROUP BY stance`,
  ).all(projectId, projectId, JSON.stringify(keys));
  return new Map(rows.map((row) => [row.stance, row.n]));
}
