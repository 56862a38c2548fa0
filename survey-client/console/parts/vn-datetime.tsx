import { useId, useState } from 'preact/hooks';
import { fromVnInput } from '../format';

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const UNREADABLE = 'Chưa đủ hoặc chưa đúng ngày giờ';

/**
 * What a datetime-local field holds: its value, or `null` when what is on screen is not a whole
 * date and time (a part left empty: the browser's value is then '', as for an empty field; a
 * year of more than four digits, which the field lets through).
 */
export function fieldTime(input: HTMLInputElement): string | null {
  if (input.validity?.badInput) return null;
  return input.value === '' || fromVnInput(input.value) ? input.value : null;
}

/**
 * A datetime-local value ("2026-12-14T17:00", Vietnam time) in Vietnamese words: «17:00, thứ Hai
 * 14/12/2026 (giờ Việt Nam)»; «Chưa đặt» when empty.
 */
export function inWords(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!m) return value === '' ? 'Chưa đặt' : UNREADABLE;
  const [, y, mo, d, time] = m;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()];
  return `${time}, ${weekday} ${d}/${mo}/${y} (giờ Việt Nam)`;
}

/**
 * A date and time typed as Vietnam time, said again in Vietnamese under the field: the browser
 * draws a datetime-local field in its own language («12/14/2026, 05:00 PM» in an English
 * Chrome, qa9), which an office must not have to decode.
 */
export function VnDateTime({
  label,
  name,
  defaultValue,
  disabled,
  note,
  onValue,
}: {
  label: string;
  name?: string;
  defaultValue: string;
  disabled?: boolean;
  /** A hint of this field's own, under it (and read with it after the words). */
  note?: string;
  /** The value, or null while what is typed is not a whole date and time (fieldTime). */
  onValue?: (value: string | null) => void;
}) {
  const [value, setValue] = useState<string | null>(defaultValue);
  const echo = useId();
  const noteId = useId();
  return (
    <div class="vn-datetime">
      <label>
        {label}
        <input
          name={name}
          type="datetime-local"
          defaultValue={defaultValue}
          disabled={disabled}
          aria-describedby={note ? `${echo} ${noteId}` : echo}
          max="9999-12-31T23:59"
          onInput={(e) => {
            const v = fieldTime(e.currentTarget);
            setValue(v);
            onValue?.(v);
          }}
        />
      </label>
      <small id={echo} class="hint">
        {value === null ? UNREADABLE : inWords(value)}
      </small>
      {note && (
        <p id={noteId} class="hint">
          {note}
        </p>
      )}
    </div>
  );
}
