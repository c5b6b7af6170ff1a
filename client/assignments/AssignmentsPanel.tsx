import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { assignmentQueries } from './queries.ts';
import { useUnassign } from './mutations.ts';
import { AssignForm, BulkAssignForm } from './AssignForms.tsx';

/** Who holds which document; admins assign (one, or the next N of a member's queue) and release documents. */
export function AssignmentsPanel({ projectId, canEdit }: { projectId: number; canEdit: boolean }) {
  const assignments = useQuery(assignmentQueries.list(projectId));
  const unassign = useUnassign(projectId);
  const failed = unassign.error ?? assignments.error;

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
        <>
          <AssignForm projectId={projectId} />
          <BulkAssignForm projectId={projectId} />
        </>
      )}
    </section>
  );
}
