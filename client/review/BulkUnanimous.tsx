import { useCallback, useState } from 'react';
import { errorMessage } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import { useAcceptUnanimous } from './mutations.ts';
import type { UnanimousResult } from '../../shared/schemas/review.ts';
import { FIELD_TEXT } from './QueuePane.tsx';

/** "2 left for you in the queue: their claims contradict each other." — or nothing, when none was left out. */
export function leftForYou(contradicting: number): string {
  if (contradicting === 0) return '';
  return `${contradicting} left for you in the queue: ${contradicting === 1 ? 'its' : 'their'} claims contradict each other.`;
}

/**
 * "Accept all unanimous…": counts first (dry run), asks, then accepts. A unanimous label whose claims
 * contradict each other is not accepted (the server leaves it in the queue): both steps say how many.
 */
export function BulkUnanimous({ projectId, onDone }: { projectId: number; onDone: (message: string) => void }) {
  const unanimous = useAcceptUnanimous(projectId);
  const [preview, setPreview] = useState<UnanimousResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => setPreview(null), []);
  const count = preview?.count ?? null;

  const start = () => {
    setError(null);
    unanimous.mutate(false, {
      onSuccess: (result) => setPreview(result),
      onError: (e) => setError(`Could not count the unanimous sentences: ${errorMessage(e)}`),
    });
  };
  const apply = () =>
    unanimous.mutate(true, {
      onSuccess: (result) => {
        setPreview(null);
        const accepted = `Accepted ${result.count} unanimous ${result.count === 1 ? 'sentence' : 'sentences'} as gold.`;
        onDone(result.contradicting > 0 ? `${accepted} ${leftForYou(result.contradicting)}` : accepted);
      },
      onError: (e) => setError(`Nothing was accepted: ${errorMessage(e)}`),
    });

  return (
    <>
      <button type="button" onClick={start} disabled={unanimous.isPending}>
        Accept all unanimous…
      </button>
      {error && count === null && (
        <span role="alert" className="error small">
          {error}
        </span>
      )}
      <Modal title="Accept all unanimous sentences" open={count !== null} onClose={close}>
        {count === 0 ? (
          <p>
            {preview?.contradicting ? 'There is no sentence to accept in bulk.' : 'There is no sentence without gold on which all annotators agree exactly.'}
          </p>
        ) : (
          <p>
            <strong>{count}</strong> {count === 1 ? 'sentence' : 'sentences'} without gold {count === 1 ? 'has' : 'have'} the same label from every annotator.
            Each will get that label as gold (method “unanimous”). Sentences that already have gold are left alone.
          </p>
        )}
        {preview !== null && preview.contradicting > 0 && (
          <p>
            {leftForYou(preview.contradicting)} Decide {preview.contradicting === 1 ? 'it' : 'them'} one by one (field “{FIELD_TEXT.contradiction}”).
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          {count !== 0 && (
            <button type="button" className="primary" onClick={apply} disabled={unanimous.isPending}>
              Accept {count} {count === 1 ? 'sentence' : 'sentences'}
            </button>
          )}
          <button type="button" onClick={close}>
            {count === 0 ? 'Close' : 'Cancel'}
          </button>
        </div>
      </Modal>
    </>
  );
}
