import { FIELD_LABELS, rowLabel } from '../format';
import type { ImportRow, Problem, RosterChoices } from '../types';
import type { Decisions } from './roster-decisions';

/** The problems a pick among the suggestions settles. */
const PICKABLE = new Set(['missing_group', 'unknown_group', 'unknown_unit', 'ambiguous_unit']);

type Pick = Problem & { field: 'group' | 'unit'; suggestions: string[] };

const isPick = (p: Problem): p is Pick =>
  PICKABLE.has(p.code) &&
  (p.field === 'group' || p.field === 'unit') &&
  (p.suggestions?.length ?? 0) > 0;

/** A namesake earlier in the file: only a match by name alone may be two people. */
const isNamesake = (p: Problem) => p.code === 'duplicate_in_file' && p.matchedBy === 'name';

/**
 * Rows in error that the officer can settle here rather than in the file: a namesake of an
 * earlier row declared another person ("Khác người", the CLI's --distinct), a group or unit
 * picked among the import's suggestions. "Xem trước lại" then shows what they do.
 */
export function FixList({
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
  const fixable = rows
    .filter((r) => r.status === 'error')
    .map((r) => {
      const own = problems.filter((p) => p.row === r.row);
      return { r, own, namesake: own.find(isNamesake), picks: own.filter(isPick) };
    })
    .filter((x) => x.namesake || x.picks.length > 0);
  if (fixable.length === 0) return null;

  const distinct = (row: number, on: boolean) =>
    onChange({
      ...decisions,
      distinct: on
        ? [...new Set([...decisions.distinct, row])]
        : decisions.distinct.filter((r) => r !== row),
    });
  const choose = (row: number, field: 'group' | 'unit', value: string) => {
    const key = String(row);
    const picked = { ...decisions.choose[key] };
    if (value) picked[field] = value;
    else delete picked[field];
    const next: RosterChoices = { ...decisions.choose, [key]: picked };
    if (Object.keys(picked).length === 0) delete next[key];
    onChange({ ...decisions, choose: next });
  };

  return (
    <section aria-labelledby="fix-title">
      <h2 id="fix-title">Sửa ngay trên màn hình ({fixable.length} dòng)</h2>
      <p class="hint">
        Chọn rồi bấm «Xem trước lại với các lựa chọn đã đánh dấu»; tệp gốc không bị sửa.
      </p>
      <ul class="decisions">
        {fixable.map(({ r, own, namesake, picks }) => (
          <li key={r.row} class="card">
            <p>
              <b>{rowLabel(r.row, r.stt)}:</b> {r.values.name ?? ''}
            </p>
            <ul class="asks">
              {own
                .filter((p) => p.severity === 'error')
                .map((p, i) => (
                  <li key={`${p.code}-${i}`}>{p.message}</li>
                ))}
            </ul>
            {namesake && (
              <label class="check">
                <input
                  type="checkbox"
                  checked={decisions.distinct.includes(r.row)}
                  onChange={(e) => distinct(r.row, e.currentTarget.checked)}
                />
                Khác người: nhập cả dòng này (không phải người ở dòng {namesake.otherRow})
              </label>
            )}
            {picks.map((p) => (
              <label key={p.field} class="pick">
                Chọn {FIELD_LABELS[p.field].toLowerCase()} cho{' '}
                {rowLabel(r.row, r.stt).replace(/^Dòng/, 'dòng')}
                <select
                  value={decisions.choose[String(r.row)]?.[p.field] ?? ''}
                  onChange={(e) => choose(r.row, p.field, e.currentTarget.value)}
                >
                  <option value="">— Giữ như trong tệp —</option>
                  {p.suggestions.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
