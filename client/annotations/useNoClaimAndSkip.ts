import { useState } from 'react';
import type { FocusTarget } from './usePanelFocus.ts';
import type { SaveInput } from './mutations.ts';

interface Options {
  sentenceId: number;
  /** A sentence with claims is neither "no claim" nor skipped until they are removed. */
  hasClaims: boolean;
  onSave: (input: SaveInput) => void;
  say: (message: string) => void;
  /** Drops the claim draft and closes the editor. */
  closeEditor: () => void;
  focus: (target: FocusTarget) => void;
}

/** The labels that are not claims: "no claim" (`n`) and skipped with a reason (`x`, which opens the skip form). */
export function useNoClaimAndSkip({ sentenceId, hasClaims, onSave, say, closeEditor, focus }: Options) {
  const [skipping, setSkipping] = useState(false);

  const markNoClaim = () => {
    if (hasClaims) {
      say('This sentence has claims: remove them (Delete) before marking it as no claim.');
      return;
    }
    closeEditor();
    setSkipping(false);
    focus('list');
    onSave({ sentenceId, status: 'no_claim', claims: [] });
  };

  const startSkip = () => {
    if (hasClaims) {
      say('This sentence has claims: remove them (Delete) before skipping it.');
      return;
    }
    setSkipping(true);
    focus('skip');
  };

  const skip = (reason: string) => {
    if (!reason.trim()) {
      say('Give a reason for skipping this sentence.');
      return;
    }
    setSkipping(false);
    closeEditor();
    onSave({ sentenceId, status: 'skipped', claims: [], note: reason.trim() });
    focus('list');
  };

  return { skipping, markNoClaim, startSkip, skip, closeSkip: () => setSkipping(false) };
}
