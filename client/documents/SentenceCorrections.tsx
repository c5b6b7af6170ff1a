import { useRef } from 'react';
import { errorMessage } from '../api.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';
import { useCorrectSentences } from './mutations.ts';

/**
 * Reviewer and admin tools for the current sentence: toggle the boilerplate suggestion, merge with
 * the next sentence, split where the text cursor is. The server refuses boundary changes once the
 * document has labels.
 */
export function SentenceCorrections({ documentId, sentence }: { documentId: number; sentence: Sentence }) {
  const { toggleBoilerplate, merge, split } = useCorrectSentences(documentId);
  const textRef = useRef<HTMLParagraphElement>(null);
  const failed = [toggleBoilerplate, merge, split].find((mutation) => mutation.isError);

  const splitAtCursor = () => {
    const selection = window.getSelection();
    const node = selection?.anchorNode;
    if (!selection || !node || !textRef.current?.contains(node)) {
      window.alert('Click in the sentence text below where it should be split, then press Split.');
      return;
    }
    split.mutate({ sentenceId: sentence.id, at: sentence.start + selection.anchorOffset });
  };

  return (
    <details className="corrections">
      <summary>Correct this sentence</summary>
      <p ref={textRef} className="split-text" title="Click where the sentence should be split">
        {sentence.text}
      </p>
      <div className="actions">
        <button type="button" onClick={() => toggleBoilerplate.mutate({ sentenceId: sentence.id, boilerplate: !sentence.boilerplate })}>
          {sentence.boilerplate ? 'Not boilerplate' : 'Mark as boilerplate'}
        </button>
        <button type="button" onClick={() => merge.mutate(sentence.id)}>
          Merge with next
        </button>
        <button type="button" onClick={splitAtCursor}>
          Split at cursor
        </button>
      </div>
      {failed && (
        <p role="alert" className="error">
          {errorMessage(failed.error)}
        </p>
      )}
    </details>
  );
}
