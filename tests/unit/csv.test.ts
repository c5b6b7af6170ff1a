import { describe, expect, it } from 'vitest';
import { agreementCsv, csvCell, toCsv } from '../../client/agreement/csv.ts';
import type { AgreementReport } from '../../shared/schemas/review.ts';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Xi, Putin')).toBe('"Xi, Putin"');
    expect(csvCell('He said "no"')).toBe('"He said ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0.5333333)).toBe('0.5333333');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('keeps a title that looks like a formula as text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5 dead')).toBe("'-5 dead");
    expect(csvCell(-0.25)).toBe('-0.25');
  });

  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b,c', null],
      ]),
    ).toBe('a,1\r\n"b,c",\r\n');
  });
});

describe('agreement CSV', () => {
  const figure = (value: number | null, units: number) => ({ value, units });
  const report: AgreementReport = {
    project: {
      hasClaim: figure(0.5333, 4),
      stance: figure(null, 0),
      negated: figure(0.8, 5),
      hypothetical: figure(null, 0),
      speakers: figure(1, 2),
      targets: figure(1, 2),
      triples: figure(0.25, 3),
      sentences: 4,
      annotators: 2,
    },
    pairs: [],
    vsGold: [],
    confusion: { labels: [], counts: [], units: 0 },
    documents: [
      {
        documentId: 7,
        title: 'Xi, Putin and "peace"',
        sentences: 4,
        hasClaim: figure(0.5333, 4),
        stance: figure(null, 0),
        negated: figure(0.8, 5),
        hypothetical: figure(null, 0),
        speakers: figure(1, 2),
        targets: figure(1, 2),
        triples: figure(0.25, 3),
      },
    ],
    team: { weeks: [], members: [] },
  };

  it('writes a header, the project row and one row per document (flags included), empty where nothing was pairable', () => {
    const lines = agreementCsv(report, 'Demo').split('\r\n');
    expect(lines[0]).toBe(
      'scope,document_id,title,sentences,has_claim_alpha,has_claim_units,stance_alpha,stance_units,negated_alpha,negated_units,hypothetical_alpha,hypothetical_units,speakers_alpha,speakers_units,targets_alpha,targets_units,triples_alpha,triples_units',
    );
    expect(lines[1]).toBe('project,,Demo,4,0.5333,4,,0,0.8,5,,0,1,2,1,2,0.25,3');
    expect(lines[2]).toBe('document,7,"Xi, Putin and ""peace""",4,0.5333,4,,0,0.8,5,,0,1,2,1,2,0.25,3');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});
