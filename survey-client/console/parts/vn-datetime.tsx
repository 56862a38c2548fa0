import { useId, useState } from 'preact/hooks';

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/**
 * A datetime-local value ("2026-12-14T17:00", Vietnam time) in Vietnamese words: «17:00, thứ Hai
 * 14/12/2026 (giờ Việt Nam)»; «Chưa đặt» when empty.
 */
export function inWords(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!m) return 'Chưa đặt';
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
  describedBy,
  onValue,
}: {
  label: string;
  name?: string;
  defaultValue: string;
  disabled?: boolean;
  /** Another hint's id, read with the field after the words. */
  describedBy?: string;
  onValue?: (value: string) => void;
}) {
  const [value, setValue] = useState(defaultValue);
  const echo = useId();
  return (
    <div class="vn-datetime">
      <label>
        {label}
        <input
          name={name}
          type="datetime-local"
          defaultValue={defaultValue}
          disabled={disabled}
          aria-describedby={describedBy ? `${echo} ${describedBy}` : echo}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            onValue?.(e.currentTarget.value);
          }}
        />
      </label>
      <small id={echo} class="hint">
        {inWords(value)}
      </small>
    </div>
  );
}
