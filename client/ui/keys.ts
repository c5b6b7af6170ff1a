/** Inputs nobody types text into: after clicking one, the keys are shortcuts again (a stance number after "negated"). */
const UNTYPED_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** Keys typed into a field are text, never shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !UNTYPED_INPUTS.has(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Keys pressed inside an open dialog belong to it, not to the workspace behind. */
export function inDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog[open]') !== null;
}

/** True when a workspace shortcut may handle this key press. */
export function isShortcutEvent(event: KeyboardEvent): boolean {
  return !event.defaultPrevented && !event.altKey && !isTypingTarget(event.target) && !inDialog(event.target);
}
