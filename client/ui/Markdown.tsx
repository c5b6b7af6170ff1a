import ReactMarkdown, { type Components } from 'react-markdown';

type Level = 1 | 2 | 3 | 4 | 5 | 6;
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

/** A markdown heading of level n, shifted under the heading of the panel it is shown in. */
function headingTag(level: number, below: Level) {
  return HEADINGS[Math.min(6, level + below) - 1] ?? 'h6';
}

function components(below: Level): Components {
  const heading = (level: number): Components['h1'] => {
    const Tag = headingTag(level, below);
    return ({ children }) => <Tag>{children}</Tag>;
  };
  return {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    // A codebook link opens beside the work, never in place of the workspace (unsaved labels).
    a: ({ href, children }) => (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ),
    // Images would be fetched from anywhere (and the CSP refuses them): their words are shown instead.
    img: ({ alt }) => <span className="muted">[image{alt ? `: ${alt}` : ''}]</span>,
  };
}

const byLevel = new Map<Level, Components>();

/**
 * A codebook's markdown as formatted text. Raw HTML in it is shown as the text it is, never parsed
 * (no rehype-raw): a codebook is written by people, and the page must not run what it contains;
 * react-markdown's default URL filter drops javascript: and other unsafe link targets.
 * `below` is the level of the heading the text sits under: its "#" becomes one level deeper.
 */
export function Markdown({ text, below, className }: { text: string; below: Level; className?: string }) {
  let mapped = byLevel.get(below);
  if (!mapped) {
    mapped = components(below);
    byLevel.set(below, mapped);
  }
  return (
    <div className={className}>
      <ReactMarkdown components={mapped}>{text}</ReactMarkdown>
    </div>
  );
}
