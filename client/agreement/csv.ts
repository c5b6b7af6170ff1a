// The agreement figures as CSV, built in the browser from the same report the page shows.
import type { AgreementReport, AgreementSummary, Figure } from '../../shared/schemas/review.ts';

/** A CSV cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null;

// Spreadsheet programs run cells that start with these as formulas; document titles come from
// imported text, so a leading apostrophe keeps such a title as plain text (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as RFC 4180 wants it: quoted when it holds a comma, quote or line break, quotes doubled. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text, CRLF line ends (RFC 4180), ending with a line break. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const FIELDS = ['hasClaim', 'stance', 'negated', 'hypothetical', 'speakers', 'targets', 'triples'] as const satisfies readonly (keyof AgreementSummary)[];
const COLUMN = {
  hasClaim: 'has_claim',
  stance: 'stance',
  negated: 'negated',
  hypothetical: 'hypothetical',
  speakers: 'speakers',
  targets: 'targets',
  triples: 'triples',
} as const satisfies Record<keyof AgreementSummary, string>;

/** The header of the agreement CSV: each figure as an alpha column and a units column. */
export const AGREEMENT_CSV_HEADER: readonly string[] = [
  'scope',
  'document_id',
  'title',
  'sentences',
  ...FIELDS.flatMap((field) => [`${COLUMN[field]}_alpha`, `${COLUMN[field]}_units`]),
];

// Full precision: the CSV is for analysis, rounding is the page's business.
const figureCells = (figure: Figure): CsvCell[] => [figure.value, figure.units];

/** The project row first, then one row per document; an empty alpha cell means no pairable units. */
export function agreementCsv(report: AgreementReport, projectName: string): string {
  const rows: CsvCell[][] = [
    [...AGREEMENT_CSV_HEADER],
    ['project', null, projectName, report.project.sentences, ...FIELDS.flatMap((field) => figureCells(report.project[field]))],
    ...report.documents.map((doc): CsvCell[] => ['document', doc.documentId, doc.title, doc.sentences, ...FIELDS.flatMap((field) => figureCells(doc[field]))]),
  ];
  return toCsv(rows);
}
