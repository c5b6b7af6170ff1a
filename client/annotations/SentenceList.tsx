import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import { textDirection } from '../../shared/language.ts';
import { segmentsOf, type Mark } from './spans.ts';
import { labelSummary } from './summary.ts';

interface Props {
  sentences: readonly Sentence[];
  currentIndex: number;
  annotations: ReadonlyMap<number, Annotation>;
  /** The document's language (BCP 47): each sentence's `lang`, and its direction when it has no letter. */
  language: string | null;
  /** What a row's claims in short name: actors, stance labels, and the text of span-only refs. */
  actorsById: ReadonlyMap<number, Actor>;
  labels: readonly StanceLabel[];
  text: string;
  /** Highlights per sentence index (only the few sentences that have any). */
  marks: ReadonlyMap<number, readonly Mark[]>;
  /** Sentence indexes that must stay rendered (e.g. where the keyboard selection is). */
  keepRendered: readonly number[];
  onSelect: (index: number) => void;
}

/** What the page can ask of the list. */
export interface SentenceListHandle {
  focus: () => void;
  /** The element holding the sentences' text, for reading the page's text selection. */
  textRoot: () => HTMLElement | null;
  scrollToIndex: (index: number) => void;
}

const NO_MARKS: readonly Mark[] = [];
const estimateSize = () => 52;

/**
 * The document as numbered sentences; the current one is the listbox's active option. Only the
 * rows in view (plus the current one) are rendered, so a 2,000-sentence article stays fast.
 */
export const SentenceList = forwardRef<SentenceListHandle, Props>(function SentenceList(
  { sentences, currentIndex, annotations, language, actorsById, labels, text, marks, keepRendered, onSelect },
  ref,
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const keep = useRef<readonly number[]>([]);
  keep.current = [currentIndex, ...keepRendered];

  // Stable while the sentences are: the virtualizer counts every row's position again (all 20,000
  // of a book) whenever getItemKey changes, which a new function each render did at every key press.
  const getItemKey = useCallback((index: number) => sentences[index]?.id ?? index, [sentences]);
  const virtualizer = useVirtualizer({
    count: sentences.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 8,
    paddingStart: 12,
    paddingEnd: 64,
    scrollPaddingStart: 12,
    scrollPaddingEnd: 16,
    getItemKey,
    // The active option must exist in the DOM (aria-activedescendant points at it).
    rangeExtractor: useCallback((range: Range) => {
      const indexes = new Set(defaultRangeExtractor(range));
      for (const index of keep.current) if (index >= 0 && index < range.count) indexes.add(index);
      return [...indexes].sort((a, b) => a - b);
    }, []),
  });

  useImperativeHandle(
    ref,
    () => ({
      focus: () => listRef.current?.focus({ preventScroll: true }),
      textRoot: () => listRef.current,
      scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    }),
    [virtualizer],
  );

  useEffect(() => {
    virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);

  const current = sentences[currentIndex];
  const items = virtualizer.getVirtualItems();
  return (
    <div className="sentences-scroll" ref={scrollRef}>
      <ol
        ref={listRef}
        className="sentences"
        role="listbox"
        aria-label="Sentences"
        tabIndex={0}
        aria-activedescendant={current ? `sentence-${current.id}` : undefined}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const sentence = sentences[item.index]!;
          return (
            <SentenceRow
              key={sentence.id}
              index={item.index}
              top={item.start}
              measure={virtualizer.measureElement}
              sentence={sentence}
              count={sentences.length}
              current={item.index === currentIndex}
              paragraphStart={item.index === 0 || sentences[item.index - 1]?.paragraph !== sentence.paragraph}
              annotation={annotations.get(sentence.id)}
              language={language}
              actorsById={actorsById}
              labels={labels}
              text={text}
              marks={marks.get(item.index) ?? NO_MARKS}
              onSelect={onSelect}
            />
          );
        })}
      </ol>
    </div>
  );
});

interface RowProps {
  index: number;
  top: number;
  measure: (element: Element | null) => void;
  sentence: Sentence;
  count: number;
  current: boolean;
  paragraphStart: boolean;
  annotation: Annotation | undefined;
  language: string | null;
  actorsById: ReadonlyMap<number, Actor>;
  labels: readonly StanceLabel[];
  text: string;
  marks: readonly Mark[];
  onSelect: (index: number) => void;
}

/** One sentence; re-renders only when its own label, marks or position change. */
const SentenceRow = memo(function SentenceRow({
  index,
  top,
  measure,
  sentence,
  count,
  current,
  paragraphStart,
  annotation,
  language,
  actorsById,
  labels,
  text,
  marks,
  onSelect,
}: RowProps) {
  // The label in short ("Russia — condemn → Israel"); boilerplate is said in words too, not only by its dimmed colour.
  const summary = labelSummary(annotation, actorsById, labels, text);
  const status = summary.length > 0 ? summary : sentence.boilerplate ? ['boilerplate'] : [];
  const segments = segmentsOf(sentence.start, sentence.end, marks);
  return (
    <li
      ref={measure}
      data-index={index}
      id={`sentence-${sentence.id}`}
      role="option"
      aria-selected={current}
      aria-posinset={index + 1}
      aria-setsize={count}
      className={`sentence${sentence.boilerplate ? ' boilerplate' : ''}${annotation ? ` status-${annotation.status}` : ''}${paragraphStart ? ' paragraph-start' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => {
        // Selecting words with the mouse (e.g. a speaker in another sentence) must not move the current sentence.
        if (window.getSelection()?.isCollapsed === false) return;
        onSelect(index);
      }}
    >
      <span className="sentence-number" aria-hidden="true">
        {sentence.index + 1}
      </span>
      {/* dir per sentence: an Arabic sentence runs right to left inside a page (and document) of any direction. */}
      <span className="sentence-text" lang={language ?? undefined} dir={textDirection(sentence.text, language)}>
        {segments.map((segment) => (
          <span key={segment.start} data-start={segment.start} className={segment.kinds || undefined}>
            {sentence.text.slice(segment.start - sentence.start, segment.end - sentence.start)}
          </span>
        ))}
      </span>
      {status.length > 0 && (
        <span className="sentence-status">
          {status.map((line, i) => (
            <span key={i} className="claim-summary" title={line}>
              {line}
            </span>
          ))}
        </span>
      )}
    </li>
  );
});
