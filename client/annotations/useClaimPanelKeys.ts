import { useImperativeHandle, type Ref } from 'react';
import type { Role } from './claims.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

/** What the page asks of the panel: to handle a shortcut key (true when it did). */
export interface ClaimPanelHandle {
  handleKey: (event: KeyboardEvent) => boolean;
}

/** The panel's answers to its keys, from the latest render. */
export interface ClaimPanelKeys {
  labels: readonly StanceLabel[];
  /** A stance key, pressed on `target` (in the text or in the editor). */
  setStance: (key: string, target: EventTarget | null) => void;
  startDraft: () => void;
  markNoClaim: () => void;
  startSkip: () => void;
  roleKey: (role: Role) => void;
  acceptFirstSuggestion: () => void;
  toggleFlag: (flag: 'negated' | 'hypothetical') => void;
  selectClaim: (delta: number) => void;
  /** Delete / Backspace: drops the draft or removes the selected claim; false when there is neither. */
  remove: () => boolean;
  /** Esc (pressed on `target`): one step back in the editor, closes the skip form, else clears the claim selection; false when nothing was open. */
  escape: (target: EventTarget | null) => boolean;
}

/** Which label key an event is; false when it is none of the panel's. */
function dispatch(event: KeyboardEvent, keys: ClaimPanelKeys): boolean {
  if (event.ctrlKey || event.metaKey) return false;
  const stanceIndex = /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : -1;
  const label = stanceIndex >= 0 ? keys.labels[stanceIndex] : undefined;
  if (label) keys.setStance(label.key, event.target);
  else if (event.key === 'Enter') {
    // Enter on a button presses the button.
    if (event.target instanceof HTMLButtonElement) return false;
    keys.startDraft();
  } else if (event.key === 'n') keys.markNoClaim();
  else if (event.key === 'x') keys.startSkip();
  else if (event.key === 's') keys.roleKey('speaker');
  else if (event.key === 't') keys.roleKey('target');
  else if (event.key === 'a') keys.acceptFirstSuggestion();
  // `!` ("not"): `g` goes to a sentence number.
  else if (event.key === '!') keys.toggleFlag('negated');
  else if (event.key === 'h') keys.toggleFlag('hypothetical');
  else if (event.key === ']') keys.selectClaim(1);
  else if (event.key === '[') keys.selectClaim(-1);
  else if (event.key === 'Delete' || event.key === 'Backspace') return keys.remove();
  else if (event.key === 'Escape') return keys.escape(event.target);
  else return false;
  return true;
}

/** Gives the page the panel's key handler; renewed every render, so it sees the latest state. */
export function useClaimPanelKeys(ref: Ref<ClaimPanelHandle>, keys: ClaimPanelKeys) {
  useImperativeHandle(ref, () => ({ handleKey: (event) => dispatch(event, keys) }));
}
