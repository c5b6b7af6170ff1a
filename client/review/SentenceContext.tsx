import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { DocumentDetail, Sentence } from '../../shared/schemas/documents.ts';
import type { Disagreement } from '../../shared/schemas/review.ts';

type Kind = 'speaker' | 'target' | 'cue';
interface Span {
  start: number;
  end: number;
  kind: Kind;
}

/** Every span the annotators marked in their claims of this sentence (speaker and target may sit in another sentence). */
function spansOf(labels: readonly Annotation[]): Span[] {
  const spans: Span[] = [];
  for (const label of labels)
    for (const claim of label.claims) {
      if (claim.speaker.span) spans.push({ ...claim.speaker.span, kind: 'speaker' });
      if (claim.target.span) spans.push({ ...claim.target.span, kind: 'target' });
      if (claim.cue) spans.push({ ...claim.cue, kind: 'cue' });
    }
  return spans;
}

/** A sentence's text cut where a span starts or ends; each piece knows which kinds of span cover it. */
function pieces(text: string, sentence: Sentence, spans: readonly Span[]) {
  const inside = spans.filter((s) => s.start < sentence.end && s.end > sentence.start);
  const cuts = new Set([sentence.start, sentence.end]);
  for (const s of inside) {
    cuts.add(Math.max(s.start, sentence.start));
    cuts.add(Math.min(s.end, sentence.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((start, i) => {
    const end = sorted[i + 1]!;
    const kinds = [...new Set(inside.filter((s) => s.start <= start && s.end >= end).map((s) => s.kind))];
    return { start, text: text.slice(start, end), kinds };
  });
}

/** The sentence's text with the spans marked, each said in words too (not by colour alone). */
function Marked({ text, sentence, spans }: { text: string; sentence: Sentence; spans: readonly Span[] }) {
  return (
    <>
      {pieces(text, sentence, spans).map((piece) =>
        piece.kinds.length === 0 ? (
          <span key={piece.start}>{piece.text}</span>
        ) : (
          <mark key={piece.start} className={piece.kinds.map((kind) => `mark-${kind}`).join(' ')} title={piece.kinds.join(', ')}>
            {piece.text}
            <span className="visually-hidden"> ({piece.kinds.join(', ')})</span>
          </mark>
        ),
      )}
    </>
  );
}

/** The nearest sentence before or after `position` that is not boilerplate, and how many boilerplate ones were passed. */
function neighbour(sentences: readonly Sentence[], position: number, step: 1 | -1) {
  let hidden = 0;
  for (let i = position + step; i >= 0 && i < sentences.length; i += step) {
    if (!sentences[i]!.boilerplate) return { sentence: sentences[i]!, hidden };
    hidden++;
  }
  return { sentence: undefined, hidden };
}

const hiddenNote = (n: number) =>
  n > 0 ? <p className="context-hidden muted small">{n === 1 ? '1 boilerplate sentence hidden' : `${n} boilerplate sentences hidden`}</p> : null;

/**
 * The disputed sentence between its neighbours, with every span the annotators marked highlighted
 * (speaker, target, cue), in the sentence and in the context. Boilerplate neighbours (bylines,
 * captions) are left out: the nearest real sentence on each side is shown instead.
 */
export function SentenceContext({ doc, item, labels }: { doc: DocumentDetail; item: Disagreement; labels: readonly Annotation[] }) {
  const sentences = doc.sentences;
  const position = sentences.findIndex((s) => s.id === item.sentenceId);
  const current = sentences[position];
  const spans = spansOf(labels);
  if (!current) {
    return (
      <div className="context" role="group" aria-label="The sentence in context">
        <p className="context-current">{item.text}</p>
      </div>
    );
  }
  const before = neighbour(sentences, position, -1);
  const after = neighbour(sentences, position, 1);
  return (
    <div className="context" role="group" aria-label="The sentence in context">
      {before.sentence && (
        <p className="context-sentence muted">
          <Marked text={doc.text} sentence={before.sentence} spans={spans} />
        </p>
      )}
      {hiddenNote(before.hidden)}
      <p className="context-current">
        <Marked text={doc.text} sentence={current} spans={spans} />
      </p>
      {hiddenNote(after.hidden)}
      {after.sentence && (
        <p className="context-sentence muted">
          <Marked text={doc.text} sentence={after.sentence} spans={spans} />
        </p>
      )}
      {spans.length > 0 && (
        <p className="context-legend small">
          Marked: <mark className="mark-speaker">speaker</mark> <mark className="mark-target">target</mark> <mark className="mark-cue">cue</mark> spans of every
          annotator’s claims.
        </p>
      )}
    </div>
  );
}
