import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal dialog (the native <dialog>: focus is trapped, Esc closes). Focus goes back to where it
 * was when the dialog opened, so no keyboard user is left on the page's body.
 */
export function Modal({ title, open, onClose, children, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onNativeClose = () => {
      const target = returnTo.current;
      returnTo.current = null;
      if (target?.isConnected) target.focus({ preventScroll: true });
      onClose();
    };
    dialog.addEventListener('close', onNativeClose);
    return () => dialog.removeEventListener('close', onNativeClose);
  }, [onClose]);

  return (
    <dialog ref={ref} className={`modal ${className ?? ''}`} aria-labelledby={`${title}-title`.replace(/\W+/g, '-')}>
      <h2 id={`${title}-title`.replace(/\W+/g, '-')}>{title}</h2>
      {open && children}
    </dialog>
  );
}
