import type { Project } from '../../shared/schemas/projects.ts';

/**
 * The project's codebook beside the text. The markdown is shown as plain preformatted text (never
 * as HTML: a codebook is written by people, and the page must not run what it contains).
 */
export function CodebookPanel({ project, onClose }: { project: Project; onClose: () => void }) {
  return (
    <aside className="codebook-panel" aria-label="Codebook">
      <div className="codebook-head">
        <h2>Codebook</h2>
        <button type="button" onClick={onClose} aria-label="Close the codebook">
          × <kbd>c</kbd>
        </button>
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
      {project.codebook.trim() ? <pre className="codebook-text">{project.codebook}</pre> : <p className="muted">This project has no codebook yet.</p>}
    </aside>
  );
}
