import { Link } from 'react-router';
import { SaveStatus } from './SaveStatus.tsx';
import { progressOf } from './progress.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

interface Props {
  projectId: number;
  projectName: string;
  title: string;
  sentences: readonly Sentence[];
  annotations: ReadonlyMap<number, Annotation>;
  saves: { pending: boolean; failures: readonly string[]; retry: () => void; conflict: { input: { sentenceId: number } } | null };
  codebookOpen: boolean;
  onToggleCodebook: () => void;
  onOpenSheet: () => void;
}

/** The workspace's header: the document, progress, whether everything is saved, and the codebook and shortcut buttons. */
export function WorkspaceHeader({ projectId, projectName, title, sentences, annotations, saves, codebookOpen, onToggleCodebook, onOpenSheet }: Props) {
  const { labelled, total, complete } = progressOf(sentences, annotations);
  // The sentence whose label waits in the conflict dialog: it is not saved until the user chooses.
  const conflictId = saves.conflict?.input.sentenceId;
  const conflictAt = conflictId === undefined ? null : sentences.findIndex((s) => s.id === conflictId) + 1;
  return (
    <header className="workspace-head">
      <div>
        <Link to={`/projects/${projectId}`}>{projectName}</Link>
        <h1>{title}</h1>
      </div>
      <div className="workspace-status">
        <span aria-label="Progress" className={complete ? 'complete' : undefined}>
          {labelled} / {total} labelled{complete && <strong> · Complete</strong>}
        </span>
        <SaveStatus pending={saves.pending} failed={saves.failures} conflict={conflictAt} onRetry={saves.retry} />
        <button type="button" onClick={onToggleCodebook} aria-pressed={codebookOpen}>
          Codebook <kbd>c</kbd>
        </button>
        <button type="button" onClick={onOpenSheet}>
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
    </header>
  );
}
