/** The header's save indicator: "Not saved" with Retry wins over "Saving…", else "All changes saved". */
export function SaveStatus({ pending, failed, onRetry }: { pending: boolean; failed: readonly string[]; onRetry: () => void }) {
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
