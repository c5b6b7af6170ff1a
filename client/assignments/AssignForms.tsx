import { useCallback, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../api.ts';
import { adminQueries } from '../admin/queries.ts';
import { DocumentPicker } from '../documents/DocumentPicker.tsx';
import { Modal } from '../ui/Modal.tsx';
import { useAssign, useAssignNext } from './mutations.ts';
import type { Member } from '../../shared/schemas/members.ts';

/** A member as the pickers name them: the name and the account's role (from the one members query, so a role change shows). */
const memberLabel = (m: Member) => `${m.username} (${m.role})`;

interface Pending {
  documentId: number;
  userId: number;
  message: string;
}

/**
 * Gives one document to a member. A document that already has the project's overlap of annotators
 * is not given silently: the server refuses it (409), and the page asks whether to add one more.
 */
export function AssignForm({ projectId }: { projectId: number }) {
  const members = useQuery(adminQueries.members(projectId));
  const assign = useAssign(projectId);
  const [picked, setPicked] = useState<{ id: number; title: string } | null>(null);
  const [userId, setUserId] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const close = useCallback(() => setPending(null), []);

  const send = (body: { documentId: number; userId: number; beyondOverlap?: boolean }) =>
    assign.mutate(body, {
      onSuccess: () => setPending(null),
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409 && typeof error.body.overlap === 'number') {
          setPending({ documentId: body.documentId, userId: body.userId, message: error.message });
          assign.reset();
        }
      },
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (picked && userId) send({ documentId: picked.id, userId: Number(userId) });
  };
  const who = members.data?.find((m) => m.userId === pending?.userId)?.username ?? 'them';

  return (
    <>
      <form className="assign-form" onSubmit={submit} aria-label="Assign a document">
        {picked === null ? (
          <DocumentPicker projectId={projectId} label="Document" onPick={(doc) => setPicked({ id: doc.id, title: doc.title })} />
        ) : (
          <div>
            <span id="assign-document-label">Document</span>
            <ul className="chips" aria-labelledby="assign-document-label">
              <li>
                <span>{picked.title}</span>
                <button type="button" aria-label={`Choose another document than ${picked.title}`} onClick={() => setPicked(null)}>
                  ×
                </button>
              </li>
            </ul>
          </div>
        )}
        <label>
          Annotator
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">Choose…</option>
            {members.data?.map((m) => (
              <option key={m.userId} value={m.userId}>
                {memberLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={assign.isPending}>
          Assign
        </button>
        {assign.isError && (
          <p role="alert" className="error">
            {errorMessage(assign.error)}
          </p>
        )}
      </form>
      <Modal title="Assign beyond the overlap?" open={pending !== null} onClose={close}>
        <p>{pending?.message.replace(/ Send beyondOverlap: true to assign it anyway\.$/, '')}</p>
        <p>Assigning it to {who} adds one more annotator than the project asks for.</p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={assign.isPending}
            onClick={() => pending && send({ documentId: pending.documentId, userId: pending.userId, beyondOverlap: true })}
          >
            Assign to {who} anyway
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </Modal>
    </>
  );
}

/** "Give the next N unassigned documents to …": the member's queue, least-covered first, never beyond the overlap. */
export function BulkAssignForm({ projectId }: { projectId: number }) {
  const members = useQuery(adminQueries.members(projectId));
  const assignNext = useAssignNext(projectId);
  const [count, setCount] = useState('5');
  const [userId, setUserId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (userId && Number(count) >= 1) assignNext.mutate({ userId: Number(userId), count: Number(count) });
  };
  const given = assignNext.data?.assigned;
  const who = members.data?.find((m) => m.userId === assignNext.variables?.userId)?.username;

  return (
    <form className="assign-form" onSubmit={submit} aria-label="Assign documents in bulk">
      <label>
        Number of documents
        <input type="number" min={1} max={1000} value={count} onChange={(e) => setCount(e.target.value)} required className="narrow" />
      </label>
      <label>
        To
        <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
          <option value="">Choose…</option>
          {members.data?.map((m) => (
            <option key={m.userId} value={m.userId}>
              {memberLabel(m)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={assignNext.isPending}>
        Give the next {count || 'N'} unassigned
      </button>
      <p role="status" className="small">
        {given &&
          (given.length === 0
            ? `No document is left that ${who} has not done and that still needs annotators.`
            : `Gave ${given.length} document${given.length === 1 ? '' : 's'} to ${who}: ${given
                .slice(0, 10)
                .map((d) => d.title)
                .join(', ')}${given.length > 10 ? ` and ${given.length - 10} more` : ''}.`)}
      </p>
      {assignNext.isError && (
        <p role="alert" className="error">
          {errorMessage(assignNext.error)}
        </p>
      )}
    </form>
  );
}
