import { useEffect, useRef, useState } from 'react';
import type { Role } from './claims.ts';

/** Where the claim panel sends the focus next: a field of the editor, the skip reason, or back to the sentences. */
export type FocusTarget = Role | 'stance' | 'list' | 'skip';

/**
 * Focus moves of the claim panel. A move is asked for now and made after the render that shows
 * its field, since a picker or the skip form may not exist before it.
 */
export function usePanelFocus(focusList: () => void) {
  const [focusTo, setFocusTo] = useState<FocusTarget | null>(null);
  const speakerRef = useRef<HTMLInputElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const stanceRef = useRef<HTMLDivElement>(null);
  const skipRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!focusTo) return;
    if (focusTo === 'speaker') speakerRef.current?.focus();
    else if (focusTo === 'target') targetRef.current?.focus();
    else if (focusTo === 'skip') skipRef.current?.focus();
    else if (focusTo === 'stance')
      // The checked stance, or the first one when none is.
      (stanceRef.current?.querySelector<HTMLElement>('[aria-checked="true"]') ?? stanceRef.current?.querySelector<HTMLElement>('button'))?.focus();
    else focusList();
    setFocusTo(null);
  }, [focusTo, focusList]);

  return { refs: { speakerRef, targetRef, stanceRef, skipRef }, focus: setFocusTo };
}
