import type { RefObject } from 'react';
import { NOTE_MAX } from '../../shared/limits.ts';

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  onSkip: (reason: string) => void;
  onCancel: () => void;
}

/** Asks why the sentence is skipped (`x`); Esc cancels. */
export function SkipForm({ inputRef, onSkip, onCancel }: Props) {
  return (
    <form
      className="skip-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSkip(inputRef.current?.value ?? '');
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <label>
        Reason for skipping
        <input ref={inputRef} name="reason" maxLength={NOTE_MAX} placeholder="e.g. garbled text, not news" />
      </label>
      <button type="submit">Skip sentence</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
