import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { DocumentSummary } from '../../shared/schemas/documents.ts';
import { languageName, UNDETERMINED } from '../../shared/language.ts';

interface Props {
  projectId: number;
  documents: readonly DocumentSummary[];
  /** Reviewers and admins also see overall and adjudicated progress. */
  seesOthers: boolean;
}

/** The filter's value for documents that have no recorded language (imported before detection). */
const NONE = '';

/**
 * The project's documents with their language and progress, filterable by language. The filter
 * runs in the browser over the list the server sent (paging on the server is a later step).
 */
export function DocumentTable({ projectId, documents, seesOthers }: Props) {
  const [language, setLanguage] = useState<string | null>(null);
  const languages = useMemo(() => {
    const counts = new Map<string, number>();
    for (const doc of documents) counts.set(doc.language ?? NONE, (counts.get(doc.language ?? NONE) ?? 0) + 1);
    return [...counts]
      .map(([tag, count]) => ({ tag, count, name: tag === NONE ? 'Not recorded' : languageName(tag) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }, [documents]);
  const shown = language === null ? documents : documents.filter((doc) => (doc.language ?? NONE) === language);

  return (
    <>
      <p className="document-filter">
        <label>
          Language{' '}
          <select value={language ?? '*'} onChange={(event) => setLanguage(event.target.value === '*' ? null : event.target.value)}>
            <option value="*">All languages ({documents.length})</option>
            {languages.map(({ tag, count, name }) => (
              <option key={tag} value={tag}>
                {name} ({count})
              </option>
            ))}
          </select>
        </label>{' '}
        {language !== null && (
          <span role="status">
            {shown.length} of {documents.length} documents
          </span>
        )}
      </p>
      <table className="documents">
        <caption className="visually-hidden">Documents</caption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Language</th>
            <th scope="col">Sentences</th>
            <th scope="col">Mine</th>
            {seesOthers && <th scope="col">Overall</th>}
            {seesOthers && <th scope="col">Adjudicated</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((doc) => (
            <tr key={doc.id}>
              <td>
                {/* The title in its own language, so a screen reader reads it with the right voice. */}
                <Link to={`/projects/${projectId}/documents/${doc.id}`} lang={doc.language && doc.language !== UNDETERMINED ? doc.language : undefined}>
                  {doc.title}
                </Link>
                {doc.source && <div className="muted small">{doc.source}</div>}
              </td>
              <td>{doc.language === null ? '—' : languageName(doc.language)}</td>
              <td>{doc.sentenceCount}</td>
              <td>
                <progress max={doc.progress.total} value={doc.progress.mine} aria-label={`My progress on ${doc.title}`} /> {doc.progress.mine}/
                {doc.progress.total}
              </td>
              {seesOthers && (
                <td>
                  {doc.progress.overall ?? '—'}/{doc.progress.total}
                </td>
              )}
              {seesOthers && (
                <td>
                  {doc.progress.adjudicated ?? '—'}/{doc.progress.total}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
