import { useId } from 'react';
import type { StanceLabel } from '../../shared/schemas/projects.ts';
import { Markdown } from '../ui/Markdown.tsx';

/**
 * What annotators see beside the text: the labels with their keys and definitions, then the
 * codebook's markdown as formatted text — raw HTML in it is never parsed, so nothing in it can run in the page.
 */
export function CodebookPreview({ labels, codebook }: { labels: readonly StanceLabel[]; codebook: string }) {
  const headingId = useId();
  return (
    // Focusable: a long codebook scrolls inside the preview, and keyboard users must be able to scroll it.
    <section className="codebook-preview" aria-labelledby={headingId} tabIndex={0}>
      <h3 id={headingId}>Preview (as annotators see it)</h3>
      <dl className="stance-definitions">
        {labels.map((label, i) => (
          <div key={i}>
            <dt style={{ color: label.colour }}>
              <kbd>{i + 1}</kbd> {label.name || label.key || '(unnamed)'}
            </dt>
            <dd>{label.definition || '—'}</dd>
          </div>
        ))}
      </dl>
      {codebook.trim() ? <Markdown className="codebook-text" text={codebook} below={3} /> : <p className="muted">No codebook yet.</p>}
    </section>
  );
}
