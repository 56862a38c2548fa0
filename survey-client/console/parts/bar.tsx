import { percent } from '../format';

/**
 * A response rate as a bar with the campaign's target marked: green once the target is met.
 * `label` names what the rate is of, for screen readers ("Tỷ lệ trả lời, UBND xã An Phú").
 */
export function Bar({
  rate,
  target,
  label,
}: {
  rate: number;
  target: number | null;
  label: string;
}) {
  const met = target !== null && rate >= target;
  const text = target === null ? percent(rate) : `${percent(rate)} (chỉ tiêu ${percent(target)})`;
  return (
    <div
      class={met ? 'bar met' : 'bar'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={rate}
      aria-valuetext={text}
      title={text}
    >
      <span class="fill" style={{ width: `${Math.min(100, Math.max(0, rate))}%` }} />
      {target !== null && <span class="target" style={{ left: `${Math.min(100, target)}%` }} />}
    </div>
  );
}
