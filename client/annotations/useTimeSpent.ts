import { useCallback, useEffect, useRef } from 'react';

/** Longer than this between two saves is a tab left open over lunch, not work. */
const MAX_TIME_PER_SAVE_MS = 10 * 60_000;

/**
 * Time spent per sentence, recorded with each save: counted from when the sentence became current
 * (`index` changed) or was last saved, capped at ten minutes.
 */
export function useTimeSpent(index: number) {
  const started = useRef(Date.now());
  useEffect(() => {
    started.current = Date.now();
  }, [index]);

  /** The time since the sentence was opened or last saved; the count starts again now. */
  return useCallback(() => {
    const now = Date.now();
    const spent = Math.min(now - started.current, MAX_TIME_PER_SAVE_MS);
    started.current = now;
    return spent;
  }, []);
}
