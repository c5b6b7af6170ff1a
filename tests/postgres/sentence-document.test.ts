// On PostgreSQL a sentence's document is checked by triggers, once per INSERT statement, instead of
// by a foreign key that ran a query per sentence (migration 0024: a fifth of an import's work on
// the server). These tests hold the triggers to the foreign key's rules, on the real engine: a
// sentence of a missing document is refused with the key's error, and nothing of its statement is
// written; the documents cannot be deleted while the sentences' transaction is open; a document
// deleted first is waited for, then refused; a delete that began before the sentences came fails
// (all of Parley's writes are SERIALIZABLE); a sentence never moves; a deleted document takes its
// sentences with it, through a project's delete or a TRUNCATE too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/connection.ts';
import { classifyDriverError } from '../../server/db/driverErrors.ts';
import { sql, values } from '../../server/db/statements.ts';
import { transaction } from '../../server/db/transaction.ts';
import { insertDocument } from '../../server/documents/repo.ts';
import { createProject } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';

let database: TestDatabase;
let db: Db;
let other: Db;
let documentId: number;

const NEW_DOCUMENT = {
  projectId: 0,
  title: 'A',
  source: null,
  published: null,
  text: 'One. Two.',
  textSha256: 'a'.repeat(64),
  meta: {},
  segmenter: 'test',
  createdBy: null,
};

beforeEach(() => {
  database = freshDatabase();
  db = database.db;
  other = openDb(database.location);
  const project = createProject(db, system('test'), { name: 'Checks', overlap: 1 });
  documentId = transaction(db, () =>
    insertDocument(db, { ...NEW_DOCUMENT, projectId: project.id }, [
      { start: 0, end: 4, paragraph: 0, boilerplate: false },
      { start: 5, end: 9, paragraph: 0, boilerplate: false },
    ]),
  );
});
afterEach(() => {
  other.close();
  database.drop();
});

const insertSentences = (on: Db, rows: [documentId: number, idx: number][]) =>
  sql(on, `INSERT INTO sentences (document_id, idx, paragraph, start, "end") VALUES ${rows.map(() => '(?, ?, 0, 0, 1)').join(', ')}`).run(...rows.flat());
const sentencesOf = (id: number) => values<[number], number>(db, 'SELECT count(*) FROM sentences WHERE document_id = ?').get(id);
const failureOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return { kind: classifyDriverError(error), message: (error as Error).message };
  }
  throw new Error('expected the write to be refused');
};

describe("a sentence's document on PostgreSQL (checked per statement, migration 0024)", () => {
  it('a sentence of a document that does not exist is refused as a dangling reference, and its whole statement with it', () => {
    const failure = failureOf(() =>
      transaction(db, () =>
        insertSentences(db, [
          [documentId, 2],
          [documentId + 1000, 0],
        ]),
      ),
    );
    expect(failure.kind).toBe('dangling_reference');
    expect(failure.message).toContain(`document ${documentId + 1000} does not exist`);
    expect(sentencesOf(documentId)).toBe(2);
  });

  it('while a transaction adds sentences to a document, no other can delete the document; once it commits, the delete takes them all', () => {
    other.exec("SET lock_timeout = '300ms'");
    transaction(db, () => {
      insertSentences(db, [[documentId, 2]]);
      expect(failureOf(() => other.exec(`DELETE FROM documents WHERE id = ${documentId}`)).kind).toBe('busy');
    });
    expect(sentencesOf(documentId)).toBe(3);
    other.exec(`DELETE FROM documents WHERE id = ${documentId}`);
    expect(sentencesOf(documentId)).toBe(0);
  });

  it('a document being deleted is waited for, and its sentences are refused once it is gone', () => {
    db.exec("SET lock_timeout = '300ms'");
    other.exec('BEGIN');
    other.exec(`DELETE FROM documents WHERE id = ${documentId}`);
    expect(failureOf(() => transaction(db, () => insertSentences(db, [[documentId, 2]]))).kind).toBe('busy');
    other.exec('COMMIT');
    expect(failureOf(() => transaction(db, () => insertSentences(db, [[documentId, 2]]))).kind).toBe('dangling_reference');
    expect(sentencesOf(documentId)).toBe(0);
  });

  it('one statement for several documents locks every one of them until its transaction ends', () => {
    const second = transaction(db, () =>
      insertDocument(db, { ...NEW_DOCUMENT, projectId: values<[], number>(db, 'SELECT id FROM projects').get()!, textSha256: 'b'.repeat(64) }, []),
    );
    other.exec("SET lock_timeout = '300ms'");
    transaction(db, () => {
      insertSentences(db, [
        [documentId, 2],
        [second, 0],
      ]);
      expect(failureOf(() => other.exec(`DELETE FROM documents WHERE id = ${second}`)).kind).toBe('busy');
      expect(failureOf(() => other.exec(`DELETE FROM documents WHERE id = ${documentId}`)).kind).toBe('busy');
    });
  });

  it("a delete whose snapshot is older than another transaction's new sentences loses the conflict, runs again and takes them too", () => {
    // Parley's writes are SERIALIZABLE and run again when they lose a conflict: this delete read
    // the document before the sentences came; run once, it would have left the new one behind.
    let runs = 0;
    transaction(other, () => {
      runs++;
      values<[number], number>(other, 'SELECT count(*) FROM documents WHERE id = ?').get(documentId);
      if (runs === 1) transaction(db, () => insertSentences(db, [[documentId, 2]]));
      sql(other, 'DELETE FROM documents WHERE id = ?').run(documentId);
    });
    expect(runs).toBe(2);
    expect(values<[], number>(db, 'SELECT count(*) FROM documents').get()).toBe(0);
    expect(values<[], number>(db, 'SELECT count(*) FROM sentences').get()).toBe(0);
  });

  it("deleting a project, or truncating the projects, takes its documents' sentences", () => {
    const projectId = values<[], number>(db, 'SELECT id FROM projects').get()!;
    other.exec('BEGIN');
    other.exec(`DELETE FROM projects WHERE id = ${projectId}`);
    expect(values<[], number>(other, 'SELECT count(*) FROM sentences').get()).toBe(0);
    other.exec('ROLLBACK');
    expect(sentencesOf(documentId)).toBe(2);
    other.exec('TRUNCATE projects CASCADE');
    expect(values<[], number>(db, 'SELECT count(*) FROM sentences').get()).toBe(0);
  });

  it('a sentence never moves to another document', () => {
    const failure = failureOf(() => transaction(db, () => sql(db, 'UPDATE sentences SET document_id = document_id + 1 WHERE document_id = ?').run(documentId)));
    expect(failure.kind).toBe('rule_broken');
    expect(failure.message).toContain('cannot move to another');
    expect(sentencesOf(documentId)).toBe(2);
  });
});
