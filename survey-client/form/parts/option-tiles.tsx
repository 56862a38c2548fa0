interface Choice<T extends string> {
  code: T;
  label: string;
}

/** E ("Không biết/Không trả lời") always last and set apart, whatever order the data gives. */
export function ordered<T extends string>(options: Choice<T>[]): Choice<T>[] {
  return [...options].sort((a, b) => Number(a.code === 'E') - Number(b.code === 'E'));
}

interface Props<T extends string> {
  /** The radio group's name: unique on the page. */
  name: string;
  options: Choice<T>[];
  value: T | undefined;
  onPick: (code: T) => void;
}

/**
 * Big tiles, each a native radio inside its label: the whole tile is the tap target, and
 * arrows, Tab and Space work as in any form.
 */
export function OptionTiles<T extends string>({ name, options, value, onPick }: Props<T>) {
  return (
    <div class="tiles">
      {ordered(options).map((o) => (
        <label
          key={o.code}
          class={`tile${o.code === 'E' ? ' dk' : ''}${value === o.code ? ' on' : ''}`}
        >
          <input
            type="radio"
            name={name}
            value={o.code}
            checked={value === o.code}
            onChange={() => onPick(o.code)}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
