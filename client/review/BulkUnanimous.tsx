import { useCallback, useState } from 'react';
import { errorMessage } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import { useAcceptUnanimous } from './mutations.ts';

/** "Accept all unanimous…": counts first (dry run), asks, then accepts. */
export function BulkUnanimous({ projectId, onDone }: { projectId: number; onDone: (message: string) => void }) {
  const unanimous = useAcceptUnanimous(projectId);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => setCount(null), []);

  const start = () => {
    setError(null);
    unanimous.mutate(false, {
      onSuccess: (result) => setCount(result.count),
      onError: (e) => setError(`Could not count the unanimous sentences: ${errorMessage(e)}`),
    });
  };
  const apply = () =>
    unanimous.mutate(true, {
      onSuccess: (result) => {
        setCount(null);
        onDone(`Accepted ${result.count} unanimous ${result.count === 1 ? 'sentence' : 'sentences'} as gold.`);
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
          <p>There is no sentence without gold on which all annotators agree exactly.</p>
        ) : (
          <p>
            <strong>{count}</strong> {count === 1 ? 'sentence' : 'sentences'} without gold {count === 1 ? 'has' : 'have'} the same label from every annotator.
            Each will get that label as gold (method “unanimous”). Sentences that already have gold are left alone.
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
