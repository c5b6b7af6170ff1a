import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exportJsonSchema } from '../../server/export/service.ts';

describe('docs/export-record.schema.json', () => {
  it('is the JSON Schema the server serves (regenerate with `npm run cli -- schema --out docs/export-record.schema.json`)', () => {
    const documented = JSON.parse(readFileSync(new URL('../../docs/export-record.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(documented).toEqual(exportJsonSchema());
  });
});
