import type { Response } from 'express';
import type { Db } from '../db/connection.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { exportRecords, type ExportOptions } from './service.ts';
import { createLineWriter } from './records.ts';

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

/** Lines are written in chunks of about 64 KB: one socket write per record would dominate the cost. */
const CHUNK_CHARS = 65_536;

/**
 * Streams the export as a JSONL download. Call it only after the permission and filter checks:
 * once the headers are sent, an error can no longer become a proper status. Stops when the client
 * goes away.
 */
export async function streamExport(res: Response, db: Db, project: Project, options: ExportOptions): Promise<void> {
  const fileName = `parley-project-${project.id}${options.flat ? '-claims' : ''}.jsonl`;
  res.status(200);
  res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  let chunk = '';
  const toLine = createLineWriter();
  for await (const record of exportRecords(db, project, options)) {
    chunk += toLine(record);
    if (chunk.length >= CHUNK_CHARS) {
      if (!(await write(res, chunk))) return;
      chunk = '';
    }
  }
  if (chunk && !(await write(res, chunk))) return;
  res.end();
}
