import { useState } from 'react';
import type { Project } from '../../shared/schemas/projects.ts';
import { Markdown } from '../ui/Markdown.tsx';

const WIDE_KEY = 'parley.codebook.wide';

/** Whether the reader last chose the wide codebook (kept in this browser, for every project). */
function readWide(): boolean {
  try {
    return window.localStorage.getItem(WIDE_KEY) === '1';
  } catch {
    return false; // storage refused (private mode, a policy): the narrow panel
  }
}

function storeWide(wide: boolean) {
  try {
    window.localStorage.setItem(WIDE_KEY, wide ? '1' : '0');
  } catch {
    // Not remembered: the choice still holds until the page is left.
  }
}

/**
 * The project's codebook beside the text: the stance labels with their keys, then the markdown as
 * formatted text (never as HTML). A long codebook is read better wide: the toggle widens the panel
 * (the layout reads the `wide` class) and the choice is remembered.
 */
export function CodebookPanel({ project, onClose }: { project: Project; onClose: () => void }) {
  const [wide, setWide] = useState(readWide);
  const toggleWide = () => {
    setWide(!wide);
    storeWide(!wide);
  };
  return (
    <aside className={`codebook-panel${wide ? ' wide' : ''}`} aria-label="Codebook">
      <div className="codebook-head">
        <h2>Codebook</h2>
        <span className="codebook-actions">
          <button type="button" onClick={toggleWide} aria-pressed={wide}>
            Wider
          </button>
          {/* The name is the words shown (axe: label-content-name-mismatch); the panel's label says what closes. */}
          <button type="button" onClick={onClose} aria-keyshortcuts="c">
            Close <kbd>c</kbd>
          </button>
        </span>
      </div>
      <dl className="stance-definitions">
        {project.stanceLabels.map((label, i) => (
          <div key={label.key}>
            <dt style={{ color: label.colour }}>
              <kbd>{i + 1}</kbd> {label.name}
            </dt>
            <dd>{label.definition || '—'}</dd>
          </div>
        ))}
      </dl>
      {project.codebook.trim() ? (
        <Markdown className="codebook-text" text={project.codebook} below={2} />
      ) : (
        <p className="muted">This project has no codebook yet.</p>
      )}
    </aside>
  );
}
