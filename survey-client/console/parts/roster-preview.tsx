import { count } from '../format';
import type { ImportResult, ManualMapping } from '../types';
import { anyDecision, DecisionList, type Decisions } from './roster-decisions';
import { FixList } from './roster-fixes';
import { MappingEditor } from './roster-mapping';
import { ProblemFile } from './roster-problem-link';
import { ProblemList, RosterSummary } from './roster-report';
import { RowTable } from './roster-rows';

/**
 * The dry run's answer: the counts, how the columns were read (to fix when unsure), every
 * problem by row number, the rows waiting for a decision, and the two ways to import.
 */
export function Preview(props: {
  result: ImportResult;
  asked: ImportResult;
  notCommitted: boolean;
  closed: boolean;
  decisions: Decisions;
  onDecisions: (d: Decisions) => void;
  onMapping: (m: ManualMapping) => void;
  onRecheck: () => void;
  onImport: (skipInvalid: boolean) => void;
}) {
  const { result, closed } = props;
  const s = result.summary;
  const unsure = result.columns.some((c) => !c.sure);
  const valid = s.new + s.updated + s.unchanged + s.confirm;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">Xem trước: {result.fileName}</h2>
      {props.notCommitted && (
        <p class="notice error" role="alert">
          Chưa nhập gì: còn dòng lỗi hoặc dòng cần xác nhận (xem bên dưới).
        </p>
      )}
      <p class="hint">Dòng tiêu đề là dòng {result.headerRow} của tệp. Chưa có gì được ghi.</p>
      <RosterSummary summary={s} />
      <details class="mapping-box" open={unsure}>
        <summary>
          Cách ghép cột ({count(result.columns.length)} cột được dùng
          {unsure ? ', có cột cần xác nhận' : ''})
        </summary>
        <MappingEditor
          key={result.fileHash + JSON.stringify(result.columns)}
          headers={[...result.columns.map((c) => c.header), ...result.ignoredHeaders]}
          columns={result.columns}
          busy={false}
          onApply={props.onMapping}
        />
      </details>
      <h2>Các vấn đề theo dòng</h2>
      <ProblemList
        problems={result.problems}
        decided={new Set(props.asked.rows.filter((r) => r.status === 'confirm').map((r) => r.row))}
      />
      <DecisionList
        rows={props.asked.rows}
        problems={props.asked.problems}
        decisions={props.decisions}
        onChange={props.onDecisions}
      />
      <FixList
        rows={props.asked.rows}
        problems={props.asked.problems}
        decisions={props.decisions}
        onChange={props.onDecisions}
      />
      {anyDecision(props.decisions) && (
        <button type="button" onClick={props.onRecheck}>
          Xem trước lại với các lựa chọn đã đánh dấu
        </button>
      )}
      <RowTable rows={result.rows} />
      <div class="actions import-actions">
        <button
          type="button"
          class="primary"
          disabled={closed || unsure || s.invalid > 0 || valid === 0}
          onClick={() => props.onImport(false)}
        >
          Nhập tất cả
        </button>
        <button
          type="button"
          disabled={closed || unsure || valid === 0}
          onClick={() => props.onImport(true)}
        >
          Chỉ nhập các dòng hợp lệ
        </button>
      </div>
      {s.invalid > 0 && (
        <p class="hint">
          Còn {count(s.invalid)} dòng lỗi: sửa trong tệp rồi chọn lại tệp, hoặc chỉ nhập các dòng
          hợp lệ.
        </p>
      )}
      <ProblemFile result={result} />
      {unsure && <p class="hint">Hãy xác nhận cách ghép cột trước khi nhập.</p>}
    </section>
  );
}
