import { useEffect, useRef, useState } from 'preact/hooks';

interface Ask {
  title: string;
  text: string;
  /** The confirming button's words ("Thu hồi"), never a bare "OK". */
  ok: string;
  danger?: boolean;
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

function ConfirmDialog({ pending, answer }: { pending: Pending; answer: (yes: boolean) => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    // A destructive action starts on "Hủy": Enter by habit must not revoke a link.
    cancel.current?.focus();
    return () => back?.focus?.();
  }, []);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop; Escape and "Hủy" do the same
    <div
      class="overlay"
      onClick={(e) => e.target === e.currentTarget && answer(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') answer(false);
        // Tab stays between the two buttons while the question is open.
        if (e.key === 'Tab') {
          e.preventDefault();
          (document.activeElement === cancel.current ? ok : cancel).current?.focus();
        }
      }}
    >
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
      >
        <h2 id="confirm-title">{pending.title}</h2>
        <p id="confirm-text">{pending.text}</p>
        <div class="actions">
          <button type="button" ref={cancel} onClick={() => answer(false)}>
            Hủy
          </button>
          <button
            type="button"
            ref={ok}
            class={pending.danger ? 'danger' : 'primary'}
            onClick={() => answer(true)}
          >
            {pending.ok}
          </button>
        </div>
      </div>
    </div>
  );
}
