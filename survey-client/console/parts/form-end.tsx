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
