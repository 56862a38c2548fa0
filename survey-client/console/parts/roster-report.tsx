import { count, rowLabel, SEVERITY_NAMES } from '../format';
import type { ImportSummary, Problem, Severity } from '../types';

const SUMMARY: [keyof ImportSummary, string][] = [
  ['total', 'Số dòng có dữ liệu'],
  ['new', 'Thêm mới'],
  ['updated', 'Cập nhật'],
  ['unchanged', 'Không đổi'],
  ['confirm', 'Cần xác nhận'],
  ['skipped', 'Bỏ qua'],
  ['invalid', 'Lỗi'],
  ['warnings', 'Có cảnh báo'],
];

export function RosterSummary({ summary }: { summary: ImportSummary }) {
  return (
    <dl class="stats">
      {SUMMARY.map(([k, label]) => (
        <div key={k} class={k === 'invalid' && summary.invalid > 0 ? 'bad' : undefined}>
          <dt>{label}</dt>
          <dd>{count(summary[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

const ORDER: Severity[] = ['error', 'confirm', 'warning', 'info'];

/**
 * Every problem, by row number, errors first: what to fix in the file. The questions of the rows
 * in `decided` are listed with their checkboxes instead (DecisionList), not twice.
 */
export function ProblemList({
  problems,
  decided = new Set(),
}: {
  problems: Problem[];
  decided?: ReadonlySet<number>;
}) {
  if (problems.length === 0) return <p>Không phát hiện vấn đề nào trong tệp.</p>;
  return (
    <>
      {decided.size > 0 && (
        <p class="notice" role="status">
          {count(decided.size)} dòng cần Ông/Bà xác nhận: xem «Các dòng cần xác nhận» bên dưới.
        </p>
      )}
      {ORDER.map((severity) => {
        const list = problems.filter(
          (p) => p.severity === severity && !(severity === 'confirm' && decided.has(p.row)),
        );
        if (list.length === 0) return null;
        return (
          <section
            key={severity}
            class={`problems ${severity}`}
            aria-label={SEVERITY_NAMES[severity]}
          >
            <h3>
              {SEVERITY_NAMES[severity]} ({count(list.length)})
            </h3>
            <ul>
              {list.map((p, i) => (
                <li key={`${p.row}-${p.code}-${i}`}>
                  <b>{rowLabel(p.row, p.stt)}:</b> {p.message}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
