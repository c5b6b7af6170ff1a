import { useCallback, useEffect, useRef } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';
import { Modal } from '../ui/Modal.tsx';

interface Props {
  /** Labels shown as "Saving…" whose save has not been answered yet. */
  pending: boolean;
  /** Sentences whose save failed for good ("Not saved") or waits for the user to resolve a conflict. */
  unsaved: number;
  /**
   * The number of a sentence holding a new claim with content (not saved until complete), else
   * null. Read when the user leaves: drafts live in a ref, so typing into one re-renders nothing here.
   */
  unfinishedAt: () => number | null;
}

/**
 * Leaving the workspace while labels are not saved, or with a new claim begun and not finished,
 * asks first: a reload or a closed tab through the browser's own prompt, a link or Back inside the
 * app through a dialog (Stay / Leave). Moving between sentences only changes the query string and
 * is never held up.
 */
export function LeaveGuard({ pending, unsaved, unfinishedAt }: Props) {
  const atRisk = pending || unsaved > 0;
  const risky = useRef<() => boolean>(() => false);
  risky.current = () => atRisk || unfinishedAt() !== null;

  useEffect(() => {
    // Always listening, deciding when the page is about to go: a draft can appear without a render here.
    const warn = (event: BeforeUnloadEvent) => {
      if (!risky.current()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => risky.current() && currentLocation.pathname !== nextLocation.pathname,
    [],
  );
  const blocker = useBlocker(shouldBlock);

  // The user asked to leave; once the last save has gone through there is nothing left to lose
  // (an unfinished claim never saves itself: that one waits for Stay or Leave).
  useEffect(() => {
    if (blocker.state === 'blocked' && !risky.current()) blocker.proceed();
  }, [blocker, atRisk]);

  const unfinished = blocker.state === 'blocked' ? unfinishedAt() : null;
  const stay = useCallback(() => {
    if (blocker.state === 'blocked') blocker.reset();
  }, [blocker]);

  return (
    <Modal title="Leave with labels not saved?" open={blocker.state === 'blocked'} onClose={stay}>
      <p>
        {unsaved > 0
          ? `${unsaved} sentence${unsaved === 1 ? '' : 's'} could not be saved yet. If you leave now, ${unsaved === 1 ? 'that label is' : 'those labels are'} lost.`
          : pending
            ? 'Your last labels are still being saved. If you leave now and a save fails, that label is lost.'
            : ''}{' '}
        {unfinished !== null
          ? `The new claim on sentence ${unfinished} is not finished (it is saved once it has a speaker, a stance and a target). If you leave now, it is lost.`
          : 'The page leaves on its own as soon as everything is saved; Stay to keep working here.'}
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
