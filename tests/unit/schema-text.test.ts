import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaText } from '../../client/api/schemaText.ts';
import { Actor } from '../../shared/schemas/actors.ts';
import { ExportQuery } from '../../shared/schemas/export.ts';

const text = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  schemaText(z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Record<string, unknown>);

describe('schemaText (the API reference page writes JSON Schemas as types)', () => {
  it('writes objects one property per line, optional ones with ?, nullable ones as a union', () => {
    expect(text(Actor)).toBe(
      [
        '{',
        '  id: integer (> 0),',
        '  projectId: integer (> 0),',
        '  name: string,',
        '  kind: "state" | "organization" | "person" | "group" | "issue",',
        '  code: string | null,',
        '  aliases: string[],',
        '  parentId: integer (> 0) | null,',
        '  status: "accepted" | "proposed",',
        '  claimCount?: integer (≥ 0)',
        '}',
      ].join('\n'),
    );
  });

  it('shows defaults and patterns of query parameters', () => {
    expect(text(ExportQuery, 'input')).toContain('flat?: "0" | "1" (default "0")');
    expect(text(ExportQuery, 'input')).toContain('split?: string (/^\\d{1,3},\\d{1,3},\\d{1,3}$/)');
  });
});
