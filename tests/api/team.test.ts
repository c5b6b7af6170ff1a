// The team at a glance (issue 17, item 8): per annotator, labelled sentences, the median time per
// sentence and agreement with gold, in all and per week, in the agreement report.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { importDocument, makeContext, makeProject, makeUser, TEST_PASSWORD, type TestContext } from '../support/api.ts';
import { addMember } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { AgreementReport } from '../../shared/schemas/review.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.close();
});

/** Signs a user in at the (possibly faked) time now: a session from another week may have ended. */
async function agentOf(username: string) {
  const agent = request.agent(ctx.app);
  await agent.post('/api/session').send({ username, password: TEST_PASSWORD }).expect(200);
  return agent;
}

/** Labels saved on a given day, as the annotator's workspace saves them (with the time spent). */
async function labelOn(day: string, username: string, labels: { sentenceId: number; body: object }[]) {
  vi.setSystemTime(new Date(`${day}T10:00:00Z`));
  const agent = await agentOf(username);
  for (const { sentenceId, body } of labels) await agent.put(`/api/sentences/${sentenceId}/annotation`).send(body).expect(200);
}

describe('team figures', () => {
  it('give each annotator’s labelled sentences, median time and agreement with gold, in all and per week', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-02T09:00:00Z'));
    const { project, actors } = makeProject(ctx);
    const admin = makeUser(ctx, 'admin', 'boss');
    const ada = makeUser(ctx, 'annotator', 'ada');
    const ben = makeUser(ctx, 'annotator', 'ben');
    const reviewer = makeUser(ctx, 'reviewer', 'rita');
    for (const user of [ada, ben, reviewer]) addMember(ctx.db, system('test'), project.id, user.id);
    const doc = await importDocument(await agentOf(admin.username), project.id);
    const [s0, s1, s2, s3] = doc.sentences.map((s) => s.id);
    const span = (words: string) => ({ start: doc.text.indexOf(words), end: doc.text.indexOf(words) + words.length });
    const claim = {
      speaker: { actorId: actors.Russia!.id, span: span('Putin') },
      stance: 'condemn',
      target: { actorId: actors.Israel!.id, span: span('Israel') },
    };

    // Week of 2 November (a Tuesday and a Sunday): ada labels two sentences, ben one.
    await labelOn('2026-11-03', 'ada', [
      { sentenceId: s0!, body: { status: 'claims', claims: [claim], timeSpentMs: 2000 } },
      { sentenceId: s1!, body: { status: 'no_claim', claims: [], timeSpentMs: 4000 } },
    ]);
    await labelOn('2026-11-08', 'ben', [{ sentenceId: s0!, body: { status: 'no_claim', claims: [], timeSpentMs: 1000 } }]);
    // Nothing in the week of 9 November; in the week of 16 November ada labels one and skips one, ben labels one.
    await labelOn('2026-11-16', 'ada', [
      { sentenceId: s2!, body: { status: 'no_claim', claims: [], timeSpentMs: 6000 } },
      { sentenceId: s3!, body: { status: 'skipped', claims: [], note: 'unclear' } },
    ]);
    await labelOn('2026-11-18', 'ben', [{ sentenceId: s1!, body: { status: 'no_claim', claims: [], timeSpentMs: 3000 } }]);
    // Ada's first save of s2 is what dates it: a correction a week later adds time but stays in its week.
    await labelOn('2026-11-24', 'ada', [{ sentenceId: s2!, body: { status: 'no_claim', claims: [], baseVersion: 1, timeSpentMs: 1000 } }]);

    // Gold: ada's claim on s0, no claim on s1.
    vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
    const rita = await agentOf('rita');
    await rita
      .put(`/api/sentences/${s0}/gold`)
      .send({ status: 'claims', claims: [claim], method: 'accepted', sourceAnnotators: [ada.id] })
      .expect(200);
    await rita
      .put(`/api/sentences/${s1}/gold`)
      .send({ status: 'no_claim', claims: [], method: 'accepted', sourceAnnotators: [ada.id, ben.id] })
      .expect(200);

    const report = AgreementReport.parse((await rita.get(`/api/projects/${project.id}/agreement`).expect(200)).body);
    expect(report.team.weeks).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    const [first, second] = report.team.members;
    expect(first).toMatchObject({
      annotator: { id: ada.id, username: 'ada' },
      labelled: 3,
      skipped: 1,
      medianTimeMs: 4000, // of 2, 4 and 6 + 1 s; the skip recorded no time
      timed: 3,
      goldKappa: { value: 1, units: 2 },
      goldF1: { value: 1, units: 2 },
    });
    expect(first!.weeks).toEqual([
      { week: '2026-11-02', labelled: 2, skipped: 0, medianTimeMs: 3000, timed: 2, goldKappa: { value: 1, units: 2 }, goldF1: { value: 1, units: 2 } },
      {
        week: '2026-11-16',
        labelled: 1,
        skipped: 1,
        medianTimeMs: 7000,
        timed: 1,
        goldKappa: { value: null, units: 0 },
        goldF1: { value: null, units: 0 },
      },
    ]);
    // Ben said "no claim" where gold has one: κ is chance level on the two sentences with gold.
    expect(second).toMatchObject({ annotator: { id: ben.id, username: 'ben' }, labelled: 2, skipped: 0, medianTimeMs: 2000, timed: 2 });
    expect(second!.goldKappa.units).toBe(2);
    expect(second!.goldKappa.value).toBeCloseTo(0);
    expect(second!.weeks.map((w) => [w.week, w.labelled, w.medianTimeMs])).toEqual([
      ['2026-11-02', 1, 1000],
      ['2026-11-16', 1, 3000],
    ]);
  });

  it('are empty for a project without labels, and not shown to annotators (annotation is blind)', async () => {
    const { project } = makeProject(ctx);
    const reviewer = makeUser(ctx, 'reviewer', 'rita');
    const ada = makeUser(ctx, 'annotator', 'ada');
    for (const user of [ada, reviewer]) addMember(ctx.db, system('test'), project.id, user.id);
    const rita = await agentOf('rita');
    const report = AgreementReport.parse((await rita.get(`/api/projects/${project.id}/agreement`).expect(200)).body);
    expect(report.team).toEqual({ weeks: [], members: [] });
    await (await agentOf('ada')).get(`/api/projects/${project.id}/agreement`).expect(403);
  });
});
