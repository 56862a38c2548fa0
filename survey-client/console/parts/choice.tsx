/**
 * A labelled select of a filter bar (tracking, response rates, rankings): its options as
 * [value, text] pairs, and "Tất cả" (value '') first when `all` is set.
 */
export function Choice<V extends string>({
  label,
  value,
  options,
  all = false,
  onChange,
}: {
  label: string;
  value: V | '';
  options: ReadonlyArray<readonly [V, string]>;
  all?: boolean;
  onChange: (value: V | '') => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as V | '')}>
        {all && <option value="">Tất cả</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
