import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Ask {
  title: string;
  text: string;
  /** The confirming button's words ("Thu hồi"), never a bare "OK". */
  ok: string;
  danger?: boolean;
  /** A field asked with the question (the reopen's new end), read by the caller on "yes". */
  field?: ComponentChildren;
  /** What is wrong with the field, checked on the confirming button: the question stays open. */
  check?: () => string | null;
}
interface Pending extends Ask {
  resolve: (yes: boolean) => void;
}

/**
 * A confirmation asked in the page (not window.confirm, which phones style badly): `ask()`
 * resolves true on the confirming button, false on "Hủy", Escape or a tap outside.
 */
export function useConfirm() {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = (a: Ask) => new Promise<boolean>((resolve) => setPending({ ...a, resolve }));
  const answer = (yes: boolean) => {
    pending?.resolve(yes);
    setPending(null);
  };
  const dialog = pending ? <ConfirmDialog pending={pending} answer={answer} /> : null;
  return { ask, dialog };
}

const FOCUSABLE = 'input, select, textarea, button';

function ConfirmDialog({ pending, answer }: { pending: Pending; answer: (yes: boolean) => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [wrong, setWrong] = useState<string | null>(null);
  const confirm = () => {
    const problem = pending.check?.() ?? null;
    setWrong(problem);
    if (problem) box.current?.querySelector<HTMLElement>('.dialog-field input')?.focus();
    else answer(true);
  };
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    // A destructive action starts on "Hủy": Enter by habit must not revoke a link. A question
    // with a field starts on the field.
    (box.current?.querySelector<HTMLElement>('.dialog-field input') ?? cancel.current)?.focus();
    return () => back?.focus?.();
  }, []);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop; Escape and "Hủy" do the same
    <div
      class="overlay"
      onClick={(e) => e.target === e.currentTarget && answer(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') answer(false);
        // Tab goes round the dialog's field and buttons while the question is open.
        if (e.key === 'Tab') {
          e.preventDefault();
          const all = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
          const at = all.indexOf(document.activeElement as HTMLElement);
          all[(at + (e.shiftKey ? all.length - 1 : 1)) % all.length]?.focus();
        }
      }}
    >
      <div
        ref={box}
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
      >
        <h2 id="confirm-title">{pending.title}</h2>
        <p id="confirm-text">{pending.text}</p>
        {pending.field && <div class="dialog-field">{pending.field}</div>}
        {wrong && (
          <p class="notice error" role="alert">
            {wrong}
          </p>
        )}
        <div class="actions">
          <button type="button" ref={cancel} onClick={() => answer(false)}>
            Hủy
          </button>
          <button type="button" class={pending.danger ? 'danger' : 'primary'} onClick={confirm}>
            {pending.ok}
          </button>
        </div>
      </div>
    </div>
  );
}
