// The author/outlet, every document's implicit speaker (DESIGN §2; issue 17, item 2): the workspace
// offers it to everyone and creates it the first time it is picked, so anyone's creation of it is
// accepted at once, never a proposal waiting for an admin.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { Actor, ActorList } from '../../shared/schemas/actors.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

describe('the author/outlet actor', () => {
  it('an annotator creates it accepted; any other name stays proposed; a second one is refused', async () => {
    const { project } = makeProject(ctx);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const url = `/api/projects/${project.id}/actors`;

    const author = Actor.parse((await annotator.agent.post(url).send({ name: 'the author/outlet', kind: 'organization' }).expect(201)).body);
    expect(author.status).toBe('accepted');
    const writer = Actor.parse((await annotator.agent.post(url).send({ name: 'the writer', kind: 'organization' }).expect(201)).body);
    expect(writer.status).toBe('proposed');
    // The name is the project's already (case aside): refused, naming the existing actor.
    const again = await annotator.agent.post(url).send({ name: 'The Author/Outlet ', kind: 'organization' }).expect(409);
    expect(again.body.error.actorId).toBe(author.id);

    const listed = ActorList.parse((await annotator.agent.get(url).expect(200)).body).actors;
    expect(listed.filter((actor) => actor.name.toLowerCase() === 'the author/outlet')).toHaveLength(1);
  });

  it('is accepted only as an organization: the same name as another kind is a proposal like any other', async () => {
    const { project } = makeProject(ctx);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const created = await annotator.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'the author/outlet', kind: 'state' }).expect(201);
    expect(Actor.parse(created.body).status).toBe('proposed');
  });
});
