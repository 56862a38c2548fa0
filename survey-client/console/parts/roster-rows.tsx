import { count, FIELD_LABELS, ROW_STATUS_NAMES, rowLabel } from '../format';
import type { ImportRow } from '../types';
import { CardTable } from './card-table';

/** Every row of the file and what the import does with it, folded away by default. */
export function RowTable({ rows }: { rows: ImportRow[] }) {
  return (
    <details class="rows">
      <summary>Xem tất cả {count(rows.length)} dòng</summary>
      <CardTable
        columns={[
          'Dòng',
          'Kết quả',
          FIELD_LABELS.name,
          FIELD_LABELS.group,
          FIELD_LABELS.unit,
          FIELD_LABELS.phone,
        ]}
      >
        {rows.map((r) => (
          <tr key={r.row}>
            <th scope="row">{rowLabel(r.row, r.stt)}</th>
            <td data-label="Kết quả">
              <span class={`row-status ${r.status}`}>{ROW_STATUS_NAMES[r.status]}</span>
            </td>
            <td data-label={FIELD_LABELS.name}>{r.values.name ?? ''}</td>
            <td data-label={FIELD_LABELS.group}>{r.values.group ?? ''}</td>
            <td data-label={FIELD_LABELS.unit} class="unit">
              {r.values.unit ?? ''}
            </td>
            <td data-label={FIELD_LABELS.phone}>{r.values.phone ?? ''}</td>
          </tr>
        ))}
      </CardTable>
    </details>
  );
}
