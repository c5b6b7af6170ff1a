import type { Span } from '../../shared/schemas/common.ts';
import { snapToWords } from '../../shared/suggestions.ts';

/** How a range of the text is highlighted: a claim's roles, an actor mention, a cue, the selection. */
export type MarkKind = 'speaker' | 'target' | 'cue' | 'mention' | 'suggested-cue' | 'selection';

/** A highlighted range of the document (document offsets); `strong` when its claim is hovered. */
export interface Mark extends Span {
  kind: MarkKind;
  strong?: boolean;
}

/** A piece of a sentence's text with the marks that cover it. */
export interface Segment extends Span {
  kinds: string;
}

/**
 * Cuts a sentence (document range `start`–`end`) into segments at every mark boundary, so each
 * rendered piece is one text node whose document offset is `data-start`.
 */
export function segmentsOf(start: number, end: number, marks: readonly Mark[]): Segment[] {
  const cuts = new Set<number>([start, end]);
  for (const mark of marks) {
    if (mark.end <= start || mark.start >= end) continue;
    cuts.add(Math.max(start, mark.start));
    cuts.add(Math.min(end, mark.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const kinds = new Set<string>();
    for (const mark of marks) {
      if (mark.start <= s && mark.end >= e) {
        kinds.add(`mark-${mark.kind}`);
        if (mark.strong) kinds.add('mark-strong');
      }
    }
    segments.push({ start: s, end: e, kinds: [...kinds].join(' ') });
  }
  return segments;
}

/** The document offset of a DOM point inside the sentence list, or null when it is not in sentence text. */
function offsetOf(node: Node, offset: number, edge: 'start' | 'end'): number | null {
  const element = node instanceof Element ? node : node.parentElement;
  if (!element) return null;
  const segment = element.closest<HTMLElement>('[data-start]');
  if (segment && node.nodeType === Node.TEXT_NODE) return Number(segment.dataset.start) + offset;
  if (segment) return Number(segment.dataset.start) + (offset === 0 ? 0 : (segment.textContent ?? '').length);
  // A point between segments or in a row's number or status column: the nearest edge of that row's text.
  const textBox = element.closest('.sentence-text') ?? element.closest('.sentence')?.querySelector('.sentence-text');
  if (!(textBox instanceof HTMLElement)) return null;
  const pieces = [...textBox.querySelectorAll<HTMLElement>('[data-start]')];
  if (pieces.length === 0) return null;
  if (node === textBox) {
    const piece = pieces[offset];
    if (piece) return Number(piece.dataset.start);
  }
  const last = pieces.at(-1)!;
  const sentenceEnd = Number(last.dataset.start) + (last.textContent ?? '').length;
  const sentenceStart = Number(pieces[0]!.dataset.start);
  if (node === textBox) return sentenceEnd;
  const before = node.compareDocumentPosition(textBox) & Node.DOCUMENT_POSITION_FOLLOWING;
  return before ? sentenceStart : edge === 'start' ? sentenceEnd : sentenceEnd;
}

/**
 * The page's text selection inside `container`, snapped to whole words of the document (by `snap`:
 * the workspace's knows the document language); null when none.
 */
export function selectedSpan(container: HTMLElement | null, text: string, snap: (span: Span) => Span | null = (span) => snapToWords(text, span)): Span | null {
  const selection = window.getSelection();
  if (!container || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const start = offsetOf(range.startContainer, range.startOffset, 'start');
  const end = offsetOf(range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return snap({ start, end });
}
