import { useQuery } from '@tanstack/react-query';
import type { Assignment, AssignmentState } from '../../shared/schemas/assignments.ts';
import { errorMessage } from '../api.ts';
import { adminQueries } from '../admin/queries.ts';
import { ListCount, PagedTable, type Column } from '../ui/PagedTable.tsx';
import { FilterSelect, ListTools } from '../ui/ListTools.tsx';
import { useListParams } from '../ui/useListParams.ts';
import { ASSIGNMENT_LIST, useAssignmentPages } from './queries.ts';
import { useUnassign } from './mutations.ts';
import { AssignForm, BulkAssignForm } from './AssignForms.tsx';

const NOUN = { one: 'assignment', many: 'assignments' };

const STATE_TEXT: Record<AssignmentState, string> = { held: 'Held', expired: 'Expired (back in the pool)', all: 'Held or expired' };

type Sort = (typeof ASSIGNMENT_LIST.sorts)[number];

/** Who holds which document, a page at a time; admins assign (one, or the next N of a member's queue) and release documents. */
export function AssignmentsPanel({ projectId, canEdit }: { projectId: number; canEdit: boolean }) {
  const view = useListParams(ASSIGNMENT_LIST);
  const list = useAssignmentPages(projectId, view.query, view.filtered);
  const members = useQuery(adminQueries.members(projectId));
  const unassign = useUnassign(projectId);

  const columns: Column<Assignment, Sort>[] = [
    { id: 'document', header: 'Document', sort: 'document', rowHeader: true, cell: (a) => a.documentTitle },
    {
      id: 'user',
      header: 'Annotator',
      sort: 'user',
      width: '11rem',
      cell: (a) => (
        <>
          {a.username}
          {a.assignedBy ? '' : <span className="muted small"> (took it)</span>}
          {a.expired && <span className="muted small"> (expired)</span>}
        </>
      ),
    },
    { id: 'labelled', header: 'Labelled', width: '6.5rem', cell: (a) => `${a.labelled}/${a.total}` },
    { id: 'assigned', header: 'Since', sort: 'assigned', width: '11rem', className: 'small', cell: (a) => new Date(a.assignedAt).toLocaleString() },
    {
      id: 'activity',
      header: 'Last label',
      sort: 'activity',
      width: '11rem',
      className: 'small',
      cell: (a) => (a.lastActivityAt ? new Date(a.lastActivityAt).toLocaleString() : '—'),
    },
    ...(canEdit
      ? [
          {
            id: 'actions',
            header: <span className="visually-hidden">Actions</span>,
            width: '6.5rem',
            cell: (a: Assignment) => (
              <button
                type="button"
                onClick={() => unassign.mutate({ documentId: a.documentId, userId: a.userId })}
                aria-label={`Release ${a.documentTitle} from ${a.username}`}
              >
                Release
              </button>
            ),
          },
        ]
      : []),
  ];

  return (
    <section className="assignments" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading">Assignments</h2>
      {unassign.error && (
        <p role="alert" className="error">
          {errorMessage(unassign.error)}
        </p>
      )}
      <ListTools label="Find assignments" searchLabel="Search document titles" view={view}>
        <FilterSelect view={view} name="userId" label="Annotator">
          <option value="">Anyone</option>
          {members.data?.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.username}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect view={view} name="state" label="State" fallback="held">
          {Object.entries(STATE_TEXT).map(([state, text]) => (
            <option key={state} value={state}>
              {text}
            </option>
          ))}
        </FilterSelect>
      </ListTools>
      <ListCount list={list} noun={NOUN} filtered={view.filtered} />
      <PagedTable
        label="Who holds which document"
        noun={NOUN}
        columns={columns}
        list={list}
        view={view}
        rowKey={(a) => `${a.documentId}-${a.userId}`}
        empty={<p className="muted">Nobody holds a document yet.</p>}
        className="assignments-table"
      />
      {canEdit && (
        <>
          <AssignForm projectId={projectId} />
          <BulkAssignForm projectId={projectId} />
        </>
      )}
    </section>
  );
}
