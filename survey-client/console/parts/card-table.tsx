import type { ComponentChildren, JSX } from 'preact';

/** One column head: its text and, for figures, `class="num"` (right-aligned, see tables.css). */
export interface Column {
  label: ComponentChildren;
  class?: string;
  key?: string;
}

/** A column as a plain text, a {@link Column}, or `false` for one left out ("par && …"). */
export type ColumnSpec = string | Column | false | null | undefined;

/** A figure's column head. */
export const num = (label: string, extra = ''): Column => ({
  label,
  class: extra ? `num ${extra}` : 'num',
  key: label,
});

/**
 * The console's list table (styles/tables.css): a scrolling `.table-wrap`, a `table.cards` that
 * becomes one card per row on a phone (each cell says its column through `data-label`), an
 * optional caption for screen readers, the column heads, and the rows (`children`, put in one
 * `<tbody>` unless `bodies` says they are their own `<tbody>`s).
 */
export function CardTable({
  class: cls = 'cards',
  caption,
  columns,
  style,
  busy,
  bodies = false,
  children,
}: {
  class?: string;
  caption?: ComponentChildren;
  columns: ColumnSpec[];
  style?: JSX.CSSProperties | Record<string, string | number>;
  busy?: boolean;
  bodies?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class={cls} style={style as JSX.CSSProperties | undefined} aria-busy={busy}>
        {caption !== undefined && <caption class="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) => {
              if (!c) return null;
              const col = typeof c === 'string' ? { label: c } : c;
              return (
                <th key={col.key ?? (typeof c === 'string' ? c : i)} scope="col" class={col.class}>
                  {col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        {bodies ? children : <tbody>{children}</tbody>}
      </table>
    </div>
  );
}

/** A cell that says its column on a phone; `num` right-aligns a figure. */
export function Cell({
  label,
  num: isNum = false,
  class: cls,
  children,
}: {
  label: string;
  num?: boolean;
  class?: string;
  children?: ComponentChildren;
}) {
  const c = [isNum ? 'num' : '', cls ?? ''].filter(Boolean).join(' ');
  return (
    <td class={c || undefined} data-label={label}>
      {children}
    </td>
  );
}

/** The row's head cell: its name, the card's title on a phone. */
export function NameCell({ children }: { children: ComponentChildren }) {
  return (
    <th scope="row" class="name">
      {children}
    </th>
  );
}

/** The person columns of the people lists: name (with a note under it), group, unit, phone. */
export const PERSON_COLUMNS = ['Họ và tên', 'Nhóm', 'Đơn vị'];

/**
 * A person's first cells: name (+ position), group, unit and, when given, phone. `pick` (a
 * checkbox) is shown before the name but comes after it in the page, so the row is still named
 * by the person (styles/lists.css `.pickable`).
 */
export function PersonCells({
  name,
  note,
  group,
  unit,
  phone,
  pick,
}: {
  name: string;
  note?: string | null;
  group: string;
  unit: string;
  phone?: string | null;
  pick?: ComponentChildren;
}) {
  const who = (
    <>
      {name}
      {note && <small>{note}</small>}
    </>
  );
  return (
    <>
      <NameCell>
        {pick ? (
          <span class="pickable">
            <span>{who}</span>
            {pick}
          </span>
        ) : (
          who
        )}
      </NameCell>
      <td data-label="Nhóm">{group}</td>
      <td data-label="Đơn vị" class="unit">
        {unit}
      </td>
      {phone !== undefined && (
        <td data-label="Điện thoại" class="phone">
          {phone ? <a href={`tel:${phone}`}>{phone}</a> : '—'}
        </td>
      )}
    </>
  );
}

/** An invitation's status as its coloured label (styles/tables.css `.status`). */
export function StatusCell({ status, name }: { status: string; name: string }) {
  return (
    <td data-label="Trạng thái">
      <span class={`status ${status}`}>{name}</span>
    </td>
  );
}
