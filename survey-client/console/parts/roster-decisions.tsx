import { FIELD_LABELS, rowLabel } from '../format';
import type { ImportRow, Problem, RosterChoices } from '../types';

/** What the officer decided for the rows the import asks about (sent as its form fields). */
export interface Decisions {
  confirm: number[];
  distinct: number[];
  /** A group or unit picked among a row's suggestions, by row number. */
  choose: RosterChoices;
}

export const NO_DECISIONS: Decisions = { confirm: [], distinct: [], choose: {} };

/** Whether anything is decided: the preview can then be made again with it. */
export const anyDecision = (d: Decisions) =>
  d.confirm.length + d.distinct.length + Object.keys(d.choose).length > 0;

/** What confirming means for each kind of question the import asks. */
const CONFIRM_LABEL: Record<string, string> = {
  name_match: 'Cùng người: cập nhật người đã có',
  group_change: 'Đồng ý chuyển nhóm',
  group_conflict: 'Giữ dòng này (bỏ các dòng kia)',
};

/**
 * Rows that wait for the officer: a namesake already on the roster, a group change, one person
 * in two groups. Each gets a checkbox; a namesake may also be "a different person".
 */
export function DecisionList({
  rows,
  problems,
  decisions,
  onChange,
}: {
  rows: ImportRow[];
  problems: Problem[];
  decisions: Decisions;
  onChange: (d: Decisions) => void;
}) {
  const waiting = rows.filter((r) => r.status === 'confirm');
  if (waiting.length === 0) return null;
  const namesakes = waiting
    .filter((r) => problems.some((p) => p.row === r.row && p.code === 'name_match'))
    .map((r) => r.row);
  const toggle = (list: 'confirm' | 'distinct', row: number, on: boolean) => {
    // "Same person" and "different person" exclude each other.
    const without = (l: number[]) => l.filter((r) => r !== row);
    const next = {
      ...decisions,
      confirm: without(decisions.confirm),
      distinct: without(decisions.distinct),
    };
    if (on) next[list].push(row);
    onChange(next);
  };
  return (
    <section aria-labelledby="decide-title">
      <h2 id="decide-title">Các dòng cần xác nhận ({waiting.length})</h2>
      {namesakes.length > 1 && (
        <button
          type="button"
          onClick={() =>
            onChange({
              ...decisions,
              confirm: [...new Set([...decisions.confirm, ...namesakes])],
              distinct: decisions.distinct.filter((r) => !namesakes.includes(r)),
            })
          }
        >
          Chọn «Cùng người» cho cả {namesakes.length} dòng trùng họ tên
        </button>
      )}
      <ul class="decisions">
        {waiting.map((r) => {
          const asks = problems.filter((p) => p.row === r.row && p.severity === 'confirm');
          const codes = new Set(asks.map((p) => p.code));
          const label =
            [...codes].map((c) => CONFIRM_LABEL[c]).find(Boolean) ?? 'Xác nhận dòng này';
          return (
            <li key={r.row} class="card">
              <p>
                <b>{rowLabel(r.row, r.stt)}:</b> {r.values.name ?? ''}
                {r.values.unit && ` — ${FIELD_LABELS.unit}: ${r.values.unit}`}
                {r.values.group && ` — ${FIELD_LABELS.group}: ${r.values.group}`}
              </p>
              <ul class="asks">
                {asks.map((p, i) => (
                  <li key={`${p.code}-${i}`}>{p.message}</li>
                ))}
              </ul>
              <label class="check">
                <input
                  type="checkbox"
                  checked={decisions.confirm.includes(r.row)}
                  onChange={(e) => toggle('confirm', r.row, e.currentTarget.checked)}
                />
                {label}
              </label>
              {codes.has('name_match') && (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={decisions.distinct.includes(r.row)}
                    onChange={(e) => toggle('distinct', r.row, e.currentTarget.checked)}
                  />
                  Khác người: thêm người mới
                </label>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
