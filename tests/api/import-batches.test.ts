// An import writes its documents and sentences in multi-row statements (server/documents/repo.ts,
// insertDocuments): what it stores must be exactly what one row at a time stored. A batch of 70
// documents crosses the 64-document statement and ends in smaller ones; a 600-sentence document
// crosses the 512-sentence statement; a text twice in one batch and a text already imported are
// duplicates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { auditLog } from '../support/inspect.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

/** Document `n`'s sentences: `count` of them, in paragraphs of four. */
function sentencesOf(n: number, count: number): string[] {
  return Array.from({ length: count }, (_, s) => `Report ${n} says Beijing urged talks with Moscow in statement ${s + 1}.`);
}
const textOf = (sentences: string[]) =>
  Array.from({ length: Math.ceil(sentences.length / 4) }, (_, p) => sentences.slice(4 * p, 4 * p + 4).join(' ')).join('\n\n');

describe('an import in multi-row statements', () => {
  it('stores every document and sentence as one row at a time did: ids in order, offsets, paragraphs, counts, one audit event each', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const url = `/api/projects/${project.id}/documents`;
    const earlier = ImportResult.parse(
      (
        await agent
          .post(url)
          .send({ title: 'Earlier', text: textOf(sentencesOf(-1, 3)) })
          .expect(201)
      ).body,
    );

    const counts = Array.from({ length: 70 }, (_, n) => (n === 5 ? 600 : 1 + (n % 9)));
    const documents = counts.map((count, n) => ({ title: `Article ${n}`, text: textOf(sentencesOf(n, count)), source: `wire-${n}` }));
    documents.splice(30, 0, { title: 'Copy of article 3', text: documents[3]!.text, source: 'copy' });
    documents.push({ title: 'Earlier again', text: textOf(sentencesOf(-1, 3)), source: 'again' });
    const result = ImportResult.parse((await agent.post(url).send({ documents }).expect(201)).body);

    expect(result.imported).toHaveLength(70);
    const ids = result.imported.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids[0]).toBeGreaterThan(earlier.imported[0]!.id);
    expect(result.imported.map((entry) => entry.index)).toEqual(documents.map((_, index) => index).filter((index) => index !== 30 && index !== 71));
    expect(result.duplicates).toEqual([
      { index: 30, title: 'Copy of article 3', existingId: result.imported[3]!.id },
      { index: 71, title: 'Earlier again', existingId: earlier.imported[0]!.id },
    ]);

    let lastSentenceId = 0;
    for (const [k, entry] of result.imported.entries()) {
      const doc = DocumentDetail.parse((await agent.get(`/api/documents/${entry.id}`).expect(200)).body);
      const expected = sentencesOf(k, counts[k]!);
      expect(entry.sentences).toBe(expected.length);
      expect(doc).toMatchObject({ title: `Article ${k}`, source: `wire-${k}` });
      expect(doc.sentences.map((sentence) => sentence.text)).toEqual(expected);
      expect(doc.sentences.map((sentence) => sentence.index)).toEqual(expected.map((_, index) => index));
      expect(doc.sentences.map((sentence) => sentence.paragraph)).toEqual(expected.map((_, index) => Math.floor(index / 4)));
      for (const sentence of doc.sentences) {
        expect(doc.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
        // Sentence ids follow the documents' order, and each document's sentences in order.
        expect(sentence.id).toBeGreaterThan(lastSentenceId);
        lastSentenceId = sentence.id;
      }
    }

    const listed = await agent.get(`${url}?limit=200`).expect(200);
    const byId = new Map<number, { sentenceCount: number; progress: { total: number } }>(
      listed.body.documents.map((doc: { id: number; sentenceCount: number; progress: { total: number } }) => [doc.id, doc]),
    );
    for (const [k, entry] of result.imported.entries()) {
      expect(byId.get(entry.id)).toMatchObject({ sentenceCount: counts[k], progress: { total: counts[k] } });
    }

    const events = auditLog(ctx.db, { projectId: project.id, entity: 'document', action: 'import' });
    expect(events.map((event) => event.entityId)).toEqual([earlier.imported[0]!.id, ...ids]);
    expect(events[6]!.after).toMatchObject({ title: 'Article 5', source: 'wire-5', sentences: 600 });
  });
});
