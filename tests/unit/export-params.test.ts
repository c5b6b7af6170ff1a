// The export page's URL form (client/export/exportParams.ts): what a link or a reload opens.
import { describe, expect, it } from 'vitest';
import { INITIAL, readExportParams, writeExportParams } from '../../client/export/exportParams.ts';
import type { ExportFilters } from '../../client/export/queries.ts';

const read = (search: string) => readExportParams(new URLSearchParams(search));

describe('the export page URL', () => {
  it('is empty at the defaults, and an empty URL is the defaults', () => {
    expect(writeExportParams(INITIAL).toString()).toBe('');
    expect(read('')).toEqual(INITIAL);
  });

  it('reads back every filter it writes', () => {
    const filters: ExportFilters = {
      gold: 'only',
      flat: true,
      status: '',
      documents: [3, 9],
      q: 'harbour ferry',
      documentStatus: 'complete',
      boilerplate: false,
      documentText: true,
      split: '80,10,10',
      seed: '7',
    };
    const search = writeExportParams(filters).toString();
    expect(search).toBe('gold=only&flat=1&status=all&documents=3%2C9&q=harbour+ferry&documentStatus=complete&boilerplate=0&text=1&split=80%2C10%2C10&seed=7');
    expect(read(search)).toEqual(filters);
  });

  it('falls back to the defaults on values it cannot read', () => {
    expect(read('status=bogus&gold=maybe&documents=x,-2,4,4&documentStatus=nope')).toEqual({ ...INITIAL, documents: [4] });
    // A link from the documents list: its search and status.
    expect(read('q=%20zanzibar%20&documentStatus=complete')).toEqual({ ...INITIAL, q: 'zanzibar', documentStatus: 'complete' });
  });
});
