import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import type { AgreementReport, AgreementSummary, Figure } from '../../shared/schemas/review.ts';
import { agreementQueries } from './queries.ts';
import { agreementCsv } from './csv.ts';
import { HeatMap } from './HeatMap.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { SourcesPanel } from './SourcesPanel.tsx';

type Field = keyof AgreementSummary;
type DocumentRow = AgreementReport['documents'][number];
type SortKey = Field | 'title' | 'sentences';

/** The figures of DESIGN §6, each with what it measures. */
const FIELDS: readonly { key: Field; name: string; measure: string }[] = [
  { key: 'hasClaim', name: 'Has claim', measure: 'α (nominal) on whether a sentence holds a claim' },
  { key: 'stance', name: 'Stance', measure: 'α (nominal) on the stance of claims matched by speaker and target' },
  { key: 'negated', name: 'Negated', measure: 'α (nominal) on the negated flag of the same matched claims' },
  { key: 'hypothetical', name: 'Hypothetical', measure: 'α (nominal) on the hypothetical flag of the same matched claims' },
  { key: 'speakers', name: 'Speakers', measure: 'α (MASI) on the set of speakers per sentence' },
  { key: 'targets', name: 'Targets', measure: 'α (MASI) on the set of targets per sentence' },
  { key: 'triples', name: 'Triples', measure: 'α (MASI) on the set of (speaker, stance, target) per sentence' },
];

/** A figure to three decimals, or a dash when no unit was pairable. */
export const formatValue = (figure: Figure) => (figure.value === null ? '—' : figure.value.toFixed(3));

/** "4 units", or why there is no value. */
const unitsText = (figure: Figure) => (figure.value === null ? 'no pairable units' : `${figure.units} ${figure.units === 1 ? 'unit' : 'units'}`);

/** A figure in a table cell: the value, and under it the units it rests on. */
function FigureCell({ figure }: { figure: Figure }) {
  return (
    <td className="figure">
      <span className="figure-value">{formatValue(figure)}</span>
      <span className="figure-units">{unitsText(figure)}</span>
    </td>
  );
}

/** Agreement between annotators (reviewers and admins): per field, per pair, against gold, stance confusion, per document. */
export function AgreementPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQueries.detail(projectId));
  const report = useQuery(agreementQueries.report(projectId));
  const error = project.error ?? report.error;

  const download = () => {
    if (!report.data) return;
    const blob = new Blob([agreementCsv(report.data, project.data?.name ?? `Project ${projectId}`)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `parley-agreement-project-${projectId}.csv`;
    link.click();
    // The click has started the download; the object URL can go once the event loop moves on.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <main className="page wide agreement-page">
      <p>
        <Link to={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link>
      </p>
      <div className="page-head">
        <h1>Agreement</h1>
        <div className="actions">
          <Link to={`/projects/${projectId}/review`}>Review disagreements</Link>
          <button type="button" onClick={download} disabled={!report.data}>
            Download CSV
          </button>
        </div>
      </div>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      {report.isPending && <p aria-busy="true">Computing agreement…</p>}
      {report.data && <Report report={report.data} projectId={projectId} />}
    </main>
  );
}

function Report({ report, projectId }: { report: AgreementReport; projectId: number }) {
  const { project } = report;
  return (
    <>
      <p className="muted">
        {project.sentences} labelled {project.sentences === 1 ? 'sentence' : 'sentences'}, {project.annotators}{' '}
        {project.annotators === 1 ? 'annotator' : 'annotators'}. Krippendorff's α: 1 is perfect agreement, 0 is what chance would give.
      </p>
      <section aria-labelledby="fields-heading">
        <h2 id="fields-heading">By field</h2>
        <table className="figures" aria-labelledby="fields-heading">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">α</th>
              <th scope="col">Units</th>
              <th scope="col">What it measures</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field) => {
              const figure = project[field.key];
              return (
                <tr key={field.key}>
                  <th scope="row">{field.name}</th>
                  <td className="number">{formatValue(figure)}</td>
                  <td className="number">{figure.value === null ? <span className="muted">no pairable units</span> : figure.units}</td>
                  <td className="muted small">{field.measure}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <div className="agreement-grid">
        <PairMatrix pairs={report.pairs} />
        <section aria-labelledby="confusion-heading">
          <h2 id="confusion-heading">Stance confusion</h2>
          {report.confusion.units === 0 ? (
            <p className="muted">No matched claims yet: no pairable units.</p>
          ) : (
            <HeatMap
              // Symmetric (rows read as columns): a pair that differs counts in both of its cells, so the cells add up to more than the pairs.
              caption={`Stances given to the same claim by two annotators (${report.confusion.units} ${report.confusion.units === 1 ? 'pair' : 'pairs'}; a pair that differs is counted in both of its cells)`}
              labels={report.confusion.labels}
              counts={report.confusion.counts}
              rowTitle="one annotator"
              columnTitle="the other"
            />
          )}
        </section>
      </div>
      <section aria-labelledby="gold-heading">
        <h2 id="gold-heading">Each annotator against gold</h2>
        {report.vsGold.length === 0 ? (
          <p className="muted">No gold labels yet.</p>
        ) : (
          <table className="figures" aria-labelledby="gold-heading">
            <thead>
              <tr>
                <th scope="col">Annotator</th>
                <th scope="col">Cohen's κ (status)</th>
                <th scope="col">F1 (exact triples)</th>
              </tr>
            </thead>
            <tbody>
              {report.vsGold.map((row) => (
                <tr key={row.annotator.id}>
                  <th scope="row">{row.annotator.username}</th>
                  <FigureCell figure={row.kappa} />
                  <FigureCell figure={row.f1} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <SourcesPanel projectId={projectId} />
      <TeamPanel team={report.team} />
      <DocumentTable documents={report.documents} projectId={projectId} />
    </>
  );
}

/** Cohen's κ and exact-triple F1 for every pair of annotators, as a symmetric matrix. */
function PairMatrix({ pairs }: { pairs: AgreementReport['pairs'] }) {
  const people = useMemo(() => {
    const byId = new Map<number, { id: number; username: string }>();
    for (const pair of pairs) {
      byId.set(pair.a.id, pair.a);
      byId.set(pair.b.id, pair.b);
    }
    return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  }, [pairs]);
  const find = (a: number, b: number) => pairs.find((pair) => (pair.a.id === a && pair.b.id === b) || (pair.a.id === b && pair.b.id === a));

  return (
    <section aria-labelledby="pairs-heading">
      <h2 id="pairs-heading">Annotator pairs</h2>
      {pairs.length === 0 ? (
        <p className="muted">Fewer than two annotators have labelled the same sentences: no pairable units.</p>
      ) : (
        <table className="pair-matrix">
          <caption className="muted small">Cohen's κ on sentence status and F1 on exact (speaker, stance, target) triples</caption>
          <thead>
            <tr>
              <td />
              {people.map((person) => (
                <th key={person.id} scope="col">
                  {person.username}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {people.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.username}</th>
                {people.map((column) => {
                  const pair = row.id === column.id ? undefined : find(row.id, column.id);
                  if (!pair)
                    return (
                      <td key={column.id} className="muted pair-self" aria-label={row.id === column.id ? 'same annotator' : 'no shared sentences'}>
                        ·
                      </td>
                    );
                  return (
                    <td key={column.id} className="pair">
                      <span>
                        κ <strong>{formatValue(pair.kappa)}</strong> <span className="figure-units">{unitsText(pair.kappa)}</span>
                      </span>
                      <span>
                        F1 <strong>{formatValue(pair.f1)}</strong> <span className="figure-units">{unitsText(pair.f1)}</span>
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const COLUMNS: readonly { key: SortKey; name: string }[] = [
  { key: 'title', name: 'Document' },
  { key: 'sentences', name: 'Sentences' },
  ...FIELDS.map((field) => ({ key: field.key, name: `α ${field.name.toLocaleLowerCase()}` })),
];

/** Sorts documents by a column; figures without a value sort last either way (they say nothing about quality). */
function sortDocuments(documents: readonly DocumentRow[], key: SortKey, ascending: boolean): DocumentRow[] {
  const sign = ascending ? 1 : -1;
  return [...documents].sort((a, b) => {
    if (key === 'title') return sign * a.title.localeCompare(b.title);
    if (key === 'sentences') return sign * (a.sentences - b.sentences);
    const x = a[key].value;
    const y = b[key].value;
    if (x === null || y === null) return x === y ? a.title.localeCompare(b.title) : x === null ? 1 : -1;
    return sign * (x - y) || a.title.localeCompare(b.title);
  });
}

/** Per-document figures, sortable by any column; by default the lowest α on has-claim (the worst documents) first. */
function DocumentTable({ documents, projectId }: { documents: AgreementReport['documents']; projectId: number }) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'hasClaim', ascending: true });
  const rows = useMemo(() => sortDocuments(documents, sort.key, sort.ascending), [documents, sort]);

  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">By document</h2>
      {documents.length === 0 ? (
        <p className="muted">No document has labels from two annotators yet.</p>
      ) : (
        <table className="figures documents-figures" aria-labelledby="documents-heading">
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = sort.key === column.key;
                return (
                  <th key={column.key} scope="col" aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className="sort-button" onClick={() => setSort({ key: column.key, ascending: active ? !sort.ascending : true })}>
                      {column.name}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.ascending ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((doc) => (
              <tr key={doc.documentId}>
                <th scope="row">
                  <Link to={`/projects/${projectId}/review?document=${doc.documentId}`}>{doc.title}</Link>
                </th>
                <td className="number">{doc.sentences}</td>
                {FIELDS.map((field) => (
                  <FigureCell key={field.key} figure={doc[field.key]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
