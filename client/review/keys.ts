import { inDialog, isTypingTarget } from '../ui/keys.ts';

/**
 * True when a review shortcut may handle this key press: not while typing in a field (a ticked
 * checkbox or radio is not typing, so keys still work after one is clicked), not inside an open
 * dialog, and not with a modifier (browser and system shortcuts stay theirs).
 */
export function isReviewShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return false;
  if (inDialog(event.target)) return false;
  const target = event.target;
  if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) return true;
  return !isTypingTarget(target);
}
