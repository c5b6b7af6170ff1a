import { useEffect, useRef } from 'react';
import { isShortcutEvent } from '../ui/keys.ts';

/** What the workspace's keys do; each is called with the state of the latest render. */
export interface WorkspaceShortcuts {
  undo: () => void;
  redo: () => void;
  openSheet: () => void;
  toggleCodebook: () => void;
  nextUnlabelled: () => void;
  /** `j` / `k`: one sentence down or up. */
  step: (delta: 1 | -1) => void;
  /** `/`: the search box over the document's sentences. */
  search: () => void;
  /** `g`: go to a sentence number. */
  goTo: () => void;
  /** `N` (Shift+N): the next document of the queue, once this one is complete. */
  nextDocument: () => void;
  /** ←/→ (Shift extends the selection). */
  moveWordCursor: (direction: 1 | -1, extend: boolean) => void;
  /** Label keys, handled by the claim panel; true when it did. */
  panelKey: (event: KeyboardEvent) => boolean;
  /** Esc when the panel had nothing to close: clears the word selection; false when there was none. */
  clearSelection: () => boolean;
}

/** Which shortcut a key press is, in order of precedence; false when it is none (the browser keeps it). */
function dispatch(event: KeyboardEvent, keys: WorkspaceShortcuts): boolean {
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key;
  if (ctrl && (key === 'z' || key === 'Z') && !event.shiftKey) keys.undo();
  else if (ctrl && (((key === 'z' || key === 'Z') && event.shiftKey) || key === 'y')) keys.redo();
  else if (ctrl) return false;
  else if (key === '?') keys.openSheet();
  else if (key === 'c') keys.toggleCodebook();
  else if (key === 'u') keys.nextUnlabelled();
  else if (key === '/') keys.search();
  else if (key === 'g') keys.goTo();
  else if (key === 'N') keys.nextDocument();
  else if ((key === 'j' || key === 'ArrowDown') && !event.shiftKey) keys.step(1);
  else if ((key === 'k' || key === 'ArrowUp') && !event.shiftKey) keys.step(-1);
  else if (key === 'ArrowRight' || key === 'ArrowLeft') {
    // Arrows inside a radio group or the like keep their own meaning.
    if (event.target instanceof HTMLElement && event.target.closest('[role="radiogroup"]')) return false;
    keys.moveWordCursor(key === 'ArrowRight' ? 1 : -1, event.shiftKey);
  } else if (keys.panelKey(event)) return true;
  else if (key === 'Escape') return keys.clearSelection();
  else return false;
  return true;
}

/**
 * One window-wide listener for every workspace shortcut (page keys here, label keys passed on to
 * the claim panel). It is attached once and reads the latest handlers, so keys pressed faster
 * than React renders still act on the newest state.
 */
export function useWorkspaceShortcuts(keys: WorkspaceShortcuts) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (isShortcutEvent(event) && dispatch(event, latest.current)) event.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
