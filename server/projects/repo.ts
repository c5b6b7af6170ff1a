import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import type { Project, StanceLabel } from '../../shared/schemas/projects.ts';
import type { Member } from '../../shared/schemas/members.ts';

interface ProjectRow {
  id: number;
  name: string;
  stance_labels: string;
  overlap: number;
  hold_hours: number;
  codebook: string;
  codebook_version: number;
  version: number;
  created_at: string;
  updated_at: string;
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    stanceLabels: JSON.parse(row.stance_labels) as StanceLabel[],
    overlap: row.overlap,
    holdHours: row.hold_hours,
    codebook: row.codebook,
    codebookVersion: row.codebook_version,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findProject(db: Db, id: number): Project | undefined {
  const row = sql(db, 'SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
  return row && toProject(row);
}

export function findProjectByName(db: Db, name: string): Project | undefined {
  const row = sql(db, 'SELECT * FROM projects WHERE name = ?').get(name) as ProjectRow | undefined;
  return row && toProject(row);
}

export function listAllProjects(db: Db): Project[] {
  return (sql(db, 'SELECT * FROM projects ORDER BY id').all() as ProjectRow[]).map(toProject);
}

export function listProjectsOfMember(db: Db, userId: number): Project[] {
  const rows = sql(
    db,
    'SELECT p.* FROM projects p JOIN project_members m ON m.project_id = p.id WHERE m.user_id = ? ORDER BY p.id',
  ).all(userId) as ProjectRow[];
  return rows.map(toProject);
}

/** Documents and members of every project, for `npm run cli -- projects list`. */
export function countsOfProjects(db: Db): Map<number, { documents: number; members: number }> {
  const rows = sql(
    db,
    `SELECT p.id,
       (SELECT count(*) FROM documents d WHERE d.project_id = p.id) AS documents,
       (SELECT count(*) FROM project_members m WHERE m.project_id = p.id) AS members
     FROM projects p`,
  ).all() as { id: number; documents: number; members: number }[];
  return new Map(rows.map((row) => [row.id, { documents: row.documents, members: row.members }]));
}

export function countProjects(db: Db): number {
  return (sql(db, 'SELECT count(*) AS n FROM projects').get() as { n: number }).n;
}

export function insertProject(
  db: Db,
  input: { name: string; stanceLabels: StanceLabel[]; overlap: number; holdHours: number; codebook: string },
): Project {
  const at = now();
  const result = sql(
    db,
    'INSERT INTO projects (name, stance_labels, overlap, hold_hours, codebook, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(input.name, JSON.stringify(input.stanceLabels), input.overlap, input.holdHours, input.codebook, at, at);
  return findProject(db, Number(result.lastInsertRowid))!;
}

/** Writes the new state of a project and bumps its version; bumps the codebook version when the codebook changed. */
export function updateProject(db: Db, before: Project, after: Omit<Project, 'version' | 'codebookVersion' | 'createdAt' | 'updatedAt'>): Project {
  const codebookVersion = before.codebookVersion + (after.codebook === before.codebook ? 0 : 1);
  sql(
    db,
    `UPDATE projects SET name = ?, stance_labels = ?, overlap = ?, hold_hours = ?, codebook = ?, codebook_version = ?,
       version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(after.name, JSON.stringify(after.stanceLabels), after.overlap, after.holdHours, after.codebook, codebookVersion, now(), before.id);
  return findProject(db, before.id)!;
}

export function isMember(db: Db, projectId: number, userId: number): boolean {
  return sql(db, 'SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?').get(projectId, userId) !== undefined;
}

export function listMembers(db: Db, projectId: number): Member[] {
  return sql(
    db,
    `SELECT u.id AS userId, u.username, u.role FROM project_members m JOIN users u ON u.id = m.user_id
     WHERE m.project_id = ? ORDER BY u.username`,
  ).all(projectId) as Member[];
}

export function insertMember(db: Db, projectId: number, userId: number): boolean {
  const result = sql(db, 'INSERT OR IGNORE INTO project_members (project_id, user_id, added_at) VALUES (?, ?, ?)').run(
    projectId,
    userId,
    now(),
  );
  return result.changes > 0;
}

export function deleteMember(db: Db, projectId: number, userId: number): boolean {
  return sql(db, 'DELETE FROM project_members WHERE project_id = ? AND user_id = ?').run(projectId, userId).changes > 0;
}

/** How many annotators' and gold claims of the project use each of the given stance keys. */
export function countClaimsByStance(db: Db, projectId: number, keys: readonly string[]): Map<string, number> {
  if (keys.length === 0) return new Map();
  const rows = sql(
    db,
    `SELECT stance, count(*) AS n FROM (
       SELECT c.stance FROM claims c JOIN annotations a ON a.id = c.annotation_id JOIN sentences s ON s.id = a.sentence_id
         JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?
       UNION ALL
       SELECT c.stance FROM gold_claims c JOIN gold g ON g.id = c.gold_id JOIN sentences s ON s.id = g.sentence_id
         JOIN documents d ON d.id = s.document_id WHERE d.project_id = ?)
     WHERE stance IN (SELECT value FROM json_each(?)) GROUP BY stance`,
  ).all(projectId, projectId, JSON.stringify(keys)) as { stance: string; n: number }[];
  return new Map(rows.map((row) => [row.stance, row.n]));
}

/** What a label save needs of a project (no codebook), with whether the user is a member, in one read. */
export function findProjectRules(
  db: Db,
  projectId: number,
  userId: number,
): { id: number; stanceLabels: StanceLabel[]; member: boolean } | undefined {
  const row = sql(
    db,
    `SELECT p.id, p.stance_labels, EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = ?) AS member
     FROM projects p WHERE p.id = ?`,
  ).get(userId, projectId) as { id: number; stance_labels: string; member: number } | undefined;
  return row && { id: row.id, stanceLabels: JSON.parse(row.stance_labels) as StanceLabel[], member: row.member === 1 };
}
