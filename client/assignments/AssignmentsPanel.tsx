import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { documentQueries } from '../documents/queries.ts';
import { assignmentQueries } from './queries.ts';
import { useAssign, useUnassign } from './mutations.ts';

/** Who holds which document; admins assign and release documents explicitly. */
export function AssignmentsPanel({ projectId, canEdit }: { projectId: number; canEdit: boolean }) {
  const assignments = useQuery(assignmentQueries.list(projectId));
  const documents = useQuery(documentQueries.list(projectId));
  const members = useQuery({ ...assignmentQueries.members(projectId), enabled: canEdit });
  const assign = useAssign(projectId);
  const unassign = useUnassign(projectId);
  const [documentId, setDocumentId] = useState('');
  const [userId, setUserId] = useState('');
  const failed = assign.error ?? unassign.error ?? assignments.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (documentId && userId) assign.mutate({ documentId: Number(documentId), userId: Number(userId) });
  };

  return (
    <section className="assignments" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading">Assignments</h2>
      {failed && (
        <p role="alert" className="error">
          {errorMessage(failed)}
        </p>
      )}
      {assignments.data && assignments.data.length === 0 && <p className="muted">Nobody holds a document yet.</p>}
      {assignments.data && assignments.data.length > 0 && (
        <table className="documents">
          <caption className="visually-hidden">Who holds which document</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Annotator</th>
              <th scope="col">Labelled</th>
              <th scope="col">Since</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {assignments.data.map((a) => (
              <tr key={`${a.documentId}-${a.userId}`}>
                <td>{a.documentTitle}</td>
                <td>
                  {a.username}
                  {a.assignedBy ? '' : <span className="muted small"> (took it)</span>}
                </td>
                <td>
                  {a.labelled}/{a.total}
                </td>
                <td className="small">{new Date(a.lastActivityAt ?? a.assignedAt).toLocaleString()}</td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      onClick={() => unassign.mutate({ documentId: a.documentId, userId: a.userId })}
                      aria-label={`Release ${a.documentTitle} from ${a.username}`}
                    >
                      Release
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form className="assign-form" onSubmit={submit} aria-label="Assign a document">
          <label>
            Document
            <select value={documentId} onChange={(e) => setDocumentId(e.target.value)} required>
              <option value="">Choose…</option>
              {documents.data?.map((doc) => (
                <option key={doc.id} value={doc.id}>
                  {doc.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Annotator
            <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
              <option value="">Choose…</option>
              {members.data?.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.username} ({m.role})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={assign.isPending}>
            Assign
          </button>
        </form>
      )}
    </section>
  );
}
