import { useCallback, useEffect } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';
import { Modal } from '../ui/Modal.tsx';

interface Props {
  /** Labels shown as "Saving…" whose save has not been answered yet. */
  pending: boolean;
  /** Sentences whose save failed for good ("Not saved") or waits for the user to resolve a conflict. */
  unsaved: number;
}

/**
 * Leaving the workspace while labels are not saved asks first: a reload or a closed tab through
 * the browser's own prompt, a link or Back inside the app through a dialog (Stay / Leave). Moving
 * between sentences only changes the query string and is never held up.
 */
export function LeaveGuard({ pending, unsaved }: Props) {
  const atRisk = pending || unsaved > 0;

  useEffect(() => {
    if (!atRisk) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [atRisk]);

  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => atRisk && currentLocation.pathname !== nextLocation.pathname,
    [atRisk],
  );
  const blocker = useBlocker(shouldBlock);

  // The user asked to leave; once the last save has gone through there is nothing left to lose.
  useEffect(() => {
    if (blocker.state === 'blocked' && !atRisk) blocker.proceed();
  }, [blocker, atRisk]);

  const stay = useCallback(() => {
    if (blocker.state === 'blocked') blocker.reset();
  }, [blocker]);

  return (
    <Modal title="Leave with labels not saved?" open={blocker.state === 'blocked'} onClose={stay}>
      <p>
        {unsaved > 0
          ? `${unsaved} sentence${unsaved === 1 ? '' : 's'} could not be saved yet. If you leave now, ${unsaved === 1 ? 'that label is' : 'those labels are'} lost.`
          : 'Your last labels are still being saved. If you leave now and a save fails, that label is lost.'}{' '}
        The page leaves on its own as soon as everything is saved; Stay to keep working here.
      </p>
      <div className="actions">
        {/* First, so the dialog opens with the focus on the safe choice. */}
        <button type="button" onClick={stay}>
          Stay
        </button>
        <button type="button" onClick={() => blocker.state === 'blocked' && blocker.proceed()}>
          Leave
        </button>
      </div>
    </Modal>
  );
}
