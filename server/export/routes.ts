import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ExportParams, ExportQuery, ExportRecord, ExportFlatRecord } from '../../shared/schemas/export.ts';
import { countExport, exportRecords, projectForExport, type ExportOptions } from './service.ts';
import { createLineWriter } from './records.ts';

function optionsFrom(query: z.output<typeof ExportQuery>): ExportOptions {
  return {
    gold: query.gold ?? 'include',
    flat: query.flat === '1',
    boilerplate: query.boilerplate !== '0',
    documentText: query.text === '1',
    seed: query.seed ?? 42,
    ...(query.status ? { status: query.status } : {}),
    ...(query.split ? { split: query.split } : {}),
    ...(query.documents ? { documents: query.documents } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
  };
}

/** Resolves when the socket can take more, or the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes a chunk and waits when the socket's buffer is full (backpressure); false when the client left. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await drained(res);
  return !res.destroyed;
}

/** The JSON Schema of both record kinds, generated from the zod schemas. */
export function exportJsonSchema() {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://parley.invalid/schema/export-record.json',
    title: 'Parley export record',
    description: 'One JSON object per line: parley.sentence/1 records (one per sentence), or parley.claim/1 records with flat=1.',
    oneOf: [z.toJSONSchema(ExportRecord, { target: 'draft-2020-12' }), z.toJSONSchema(ExportFlatRecord, { target: 'draft-2020-12' })].map(
      ({ $schema: _ignored, ...schema }) => schema,
    ),
  };
}

export function exportRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/export',
    handle({ params: ExportParams, query: ExportQuery }, async ({ params, query }, { user, res }) => {
      // Permissions and filters are checked before the first byte: errors still get a proper status.
      const project = projectForExport(db, user, params.projectId);
      const options = optionsFrom(query);
      if (query.count === '1') return countExport(db, project, options);
      const fileName = `parley-project-${project.id}${options.flat ? '-claims' : ''}.jsonl`;
      res.status(200);
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      // Lines are written in chunks of about 64 KB: one socket write per record would dominate the cost.
      let chunk = '';
      const toLine = createLineWriter();
      for await (const record of exportRecords(db, project, options)) {
        chunk += toLine(record);
        if (chunk.length >= 65_536) {
          if (!(await write(res, chunk))) return undefined;
          chunk = '';
        }
      }
      if (chunk && !(await write(res, chunk))) return undefined;
      res.end();
      return undefined;
    }),
  );
  router.get('/schema/export-record.json', handle({}, () => exportJsonSchema()));
  return router;
}
