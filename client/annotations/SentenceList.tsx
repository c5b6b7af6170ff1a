import { forwardRef, useEffect, useRef } from 'react';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

interface Props {
  sentences: readonly Sentence[];
  currentIndex: number;
  annotations: ReadonlyMap<number, Annotation>;
  onSelect: (index: number) => void;
}

function statusText(annotation: Annotation | undefined): string {
  if (!annotation) return '';
  if (annotation.status === 'no_claim') return 'no claim';
  if (annotation.status === 'skipped') return 'skipped';
  return annotation.claims.length === 1 ? '1 claim' : `${annotation.claims.length} claims`;
}

/** The document as numbered sentences; the current one is the listbox's active option. */
export const SentenceList = forwardRef<HTMLOListElement, Props>(function SentenceList(
  { sentences, currentIndex, annotations, onSelect },
  ref,
) {
  const currentRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    currentRef.current?.scrollIntoView({ block: 'nearest' });
  }, [currentIndex]);

  return (
    <ol
      ref={ref}
      className="sentences"
      role="listbox"
      aria-label="Sentences"
      tabIndex={0}
      aria-activedescendant={sentences[currentIndex] ? `sentence-${sentences[currentIndex].id}` : undefined}
    >
      {sentences.map((sentence, index) => {
        const annotation = annotations.get(sentence.id);
        const status = statusText(annotation);
        return (
          <li
            key={sentence.id}
            id={`sentence-${sentence.id}`}
            ref={index === currentIndex ? currentRef : undefined}
            role="option"
            aria-selected={index === currentIndex}
            className={`sentence${sentence.boilerplate ? ' boilerplate' : ''}${annotation ? ` status-${annotation.status}` : ''}`}
            data-paragraph-start={index === 0 || sentences[index - 1]?.paragraph !== sentence.paragraph ? '' : undefined}
            onClick={() => onSelect(index)}
          >
            <span className="sentence-number" aria-hidden="true">
              {sentence.index + 1}
            </span>
            <span className="sentence-text">{sentence.text}</span>
            {status && <span className="sentence-status">{status}</span>}
          </li>
        );
      })}
    </ol>
  );
});
