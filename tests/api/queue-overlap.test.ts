import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeContext, makeProject, makeUser, type TestContext } from '../support/api.ts';
import { system } from '../../server/policy.ts';
import { addMember } from '../../server/projects/service.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { getQueue, takeNext } from '../../server/assignments/service.ts';
import { insertAssignmentBelowOverlap, listAssignments } from '../../server/assignments/repo.ts';
import { AssignmentsQuery, QueueQuery } from '../../shared/schemas/assignments.ts';
import type { Project } from '../../shared/schemas/projects.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

function setup() {
  const { project } = makeProject(ctx);
  const result = importDocuments(ctx.db, system('test'), project.id, [
    { text: 'The first document says one thing. And another.' },
    { text: 'The second document says one thing. And another.' },
  ]);
  const [first, second] = result.imported.map((doc) => doc.id);
  const member = () => {
    const user = makeUser(ctx, 'annotator');
    addMember(ctx.db, system('test'), project.id, user.id);
    return user;
  };
  return { project, first: first!, second: second!, member };
}

/** How many annotators hold the document (its assignments). */
const holdersOf = (project: Project, documentId: number) => listAssignments(ctx.db, project, AssignmentsQuery.parse({ documentId: String(documentId) })).total;

describe('the overlap is checked by the insert that takes a document', () => {
  it('refuses a (k+1)th annotator even when the count was read before another writer filled the document', () => {
    const { project, first, member } = setup();
    const k = project.overlap;
    const late = member();
    // The late taker reads the queue first: the document still has room.
    expect(getQueue(ctx.db, late, project.id, QueueQuery.parse({})).available.map((doc) => doc.id)).toContain(first);
    // Meanwhile k others take it (the racing writers).
    for (let i = 0; i < k; i++) {
      expect(insertAssignmentBelowOverlap(ctx.db, { projectId: project.id, documentId: first, userId: member().id }, k)).toBe(true);
    }
    // The late taker's insert, on the count it read, is refused: zero rows, no (k+1)th holder.
    expect(insertAssignmentBelowOverlap(ctx.db, { projectId: project.id, documentId: first, userId: late.id }, k)).toBe(false);
    expect(holdersOf(project, first)).toBe(k);
  });

  it('takeNext takes the document that still has room and never fills one past k', () => {
    const { project, first, second, member } = setup();
    const k = project.overlap;
    for (let i = 0; i < k; i++) expect(takeNext(ctx.db, member(), project.id)?.id).toBeDefined();
    const late = member();
    // k takers are spread least-covered first; fill the first document to k directly.
    while (insertAssignmentBelowOverlap(ctx.db, { projectId: project.id, documentId: first, userId: member().id }, k));
    expect(takeNext(ctx.db, late, project.id)?.id).toBe(second);
    expect(holdersOf(project, first)).toBe(k);
  });
});
