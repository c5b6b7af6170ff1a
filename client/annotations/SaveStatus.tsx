interface Props {
  pending: boolean;
  failed: readonly string[];
  /** The number of the sentence whose label waits in the conflict dialog; null when none. */
  conflict: number | null;
  onRetry: () => void;
}

/**
 * The header's save indicator: a label waiting in the conflict dialog is not saved (the server
 * holds the other version until the user chooses), then "Not saved" with Retry, then "Saving…",
 * else "All changes saved".
 */
export function SaveStatus({ pending, failed, conflict, onRetry }: Props) {
  if (conflict !== null) {
    return (
      <span role="alert" className="save-status failed">
        Not saved: sentence {conflict} was changed elsewhere; choose which version to keep
      </span>
    );
  }
  if (failed.length > 0) {
    return (
      <span role="alert" className="save-status failed">
        Not saved ({failed.length} sentence{failed.length === 1 ? '' : 's'}): {failed[0]}{' '}
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </span>
    );
  }
  if (pending) {
    return (
      <span role="status" className="save-status saving">
        Saving…
      </span>
    );
  }
  return (
    <span role="status" className="save-status saved">
      All changes saved
    </span>
  );
}
