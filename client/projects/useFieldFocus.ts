import { useEffect, useRef, useState } from 'react';
import type { FieldIssue, LabelDraft } from './settingsDraft.ts';
import { fieldId, inPageOrder } from './settingsIssues.tsx';

/** Focuses a control by id after React has rendered it (rows reordered, added or removed; errors shown). */
export function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    const element = document.getElementById(target);
    if (element instanceof HTMLButtonElement && element.disabled) {
      // "Move up" on the first row is disabled: keep focus in the row on its other move button.
      const sibling = document.getElementById(target.replace(/-(up|down)$/, (_m, dir: string) => (dir === 'up' ? '-down' : '-up')));
      sibling?.focus();
    } else {
      element?.focus();
    }
    setTarget(null);
  }, [target]);
  return setTarget;
}

/**
 * The issues that keep the form from saving, in page order. Showing them focuses the first field
 * that has one, or the summary when none of them names a field.
 */
export function useFormIssues(formId: string, focus: (id: string) => void) {
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const show = (unordered: FieldIssue[], labels: readonly LabelDraft[]) => {
    const found = inPageOrder(unordered);
    setIssues(found);
    const first = found.map((issue) => fieldId(formId, issue.path, labels)).find((id) => id !== undefined);
    if (first) focus(first);
    else summaryRef.current?.focus();
  };
  return { issues, show, clear: () => setIssues([]), summaryRef };
}
