import type { AnnotationStatus, Claim } from '../../shared/schemas/annotations.ts';

/** A sentence's label as the user sees it; null means "not labelled". */
export interface Label {
  status: AnnotationStatus;
  claims: Claim[];
  note: string | null;
}

/** One change of one sentence's label, undone by restoring `before`. */
export interface Change {
  sentenceId: number;
  before: Label | null;
  after: Label | null;
}

const LIMIT = 200;

/** The undo and redo stacks of one document's label changes (kept for the page's lifetime). */
export class UndoHistory {
  private past: Change[] = [];
  private future: Change[] = [];

  /** Records a change the user made; a new change clears what could be redone. */
  record(change: Change): void {
    this.past.push(change);
    if (this.past.length > LIMIT) this.past.shift();
    this.future = [];
  }

  /** The change to undo (moved onto the redo stack), or undefined when there is none. */
  undo(): Change | undefined {
    const change = this.past.pop();
    if (change) this.future.push(change);
    return change;
  }

  /** The change to redo (moved back onto the undo stack), or undefined when there is none. */
  redo(): Change | undefined {
    const change = this.future.pop();
    if (change) this.past.push(change);
    return change;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
