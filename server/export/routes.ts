import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { handle } from '../http/validate.ts';
import { ExportCount, ExportFlatRecord, ExportJsonSchema, ExportParams, ExportQuery, ExportRecord, exportOptionsOf } from '../../shared/schemas/export.ts';
import { countExport, exportJsonSchema, projectForExport } from './service.ts';
import { streamExport } from './stream.ts';

export function exportRoutes(db: Db): Router {
  const router = Router();
  router.get(
    '/projects/:projectId/export',
    handle(
      {
        params: ExportParams,
        query: ExportQuery,
        summary:
          'The dataset as streamed JSONL (one record per sentence, or per claim with flat=1); count=1 answers the counts instead, limit=N the first N records',
        access: 'reviewers and admins',
        response: ExportCount,
        lines: z.union([ExportRecord, ExportFlatRecord]),
      },
      async ({ params, query }, { user, res }) => {
        // Permissions and filters are checked before the first byte: errors still get a proper status.
        const project = projectForExport(db, user, params.projectId);
        const options = exportOptionsOf(query);
        if (query.count) return countExport(db, project, options);
        await streamExport(res, db, project, options);
        return undefined;
      },
    ),
  );
  router.get(
    '/schema/export-record.json',
    handle({ summary: 'The JSON Schema of export records, generated from the zod schemas', access: 'signed in', response: ExportJsonSchema }, () =>
      exportJsonSchema(),
    ),
  );
  return router;
}
