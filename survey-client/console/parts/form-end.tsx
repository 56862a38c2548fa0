import { useState } from 'preact/hooks';
import { ErrorNotice } from './notice';

/**
 * The end of a console form: what went wrong, if anything, then "Hủy" and the submit button,
 * which says `busyLabel` and is disabled while the form is being sent.
 */
export function FormEnd({
  error,
  busy,
  label,
  busyLabel,
  onCancel,
}: {
  error: unknown;
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error !== null && <ErrorNotice error={error} />}
      <div class="actions">
        <button type="button" onClick={onCancel}>
          Hủy
        </button>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? busyLabel : label}
        </button>
      </div>
    </>
  );
}

/**
 * A form's send: on submit, `send` gets the form's trimmed texts by name; while it runs the form
 * is busy; if it throws, the error is shown and the form can be sent again. On success the form
 * stays busy: its screen closes it.
 */
export function useFormSend(
  /** Resolving to 'cancelled': the officer said no to a question on the way; ready again. */
  send: (text: (name: string) => string) => Promise<unknown>,
) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      if ((await send(text)) === 'cancelled') setBusy(false);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return { error, busy, submit };
}
