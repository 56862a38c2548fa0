import type { Ref } from 'preact';
import type { AnswerProblem } from '../../../contract/respondent';
import { count } from '../format';
import { ErrorNotice } from '../parts/notice';
import { CodeField } from './code-field';
import type { Sheets } from './entry-model';
import type { SheetSet } from './sheets';

/** The parts of the paper entry form (entry.tsx), each drawn from what it is given. */

/** The serial box, what is wrong with the serial, and which sheets it was printed on. */
export function SerialField(props: {
  serial: string;
  problem: string;
  found: string | null;
  inputRef: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
  onBlur: () => void;
  onEnter: () => void;
}) {
  const { serial, problem, found } = props;
  return (
    <>
      <CodeField
        label="Số phiếu (in ở đầu tờ trả lời)"
        class="serial-field"
        inputRef={props.inputRef}
        value={serial}
        placeholder="VD: K7QM-4X2P-R"
        problem={problem}
        problemId="serial-problem"
        onInput={props.onInput}
        onBlur={props.onBlur}
        onKeyDown={(e) => {
          // Enter goes on to the boxes rather than saving an empty sheet.
          if (e.key !== 'Enter') return;
          e.preventDefault();
          props.onEnter();
        }}
      />
      {problem && (
        <p id="serial-problem" class="notice error" role="alert">
          {problem}
        </p>
      )}
      {found && !problem && (
        <p class="hint" role="status">
          Số phiếu {serial} được in trên các tờ «{found}».
        </p>
      )}
    </>
  );
}

/** Which sheets are being typed: one radio per set of sheets printed together. */
export function SheetSetPicker(props: {
  sets: readonly SheetSet[];
  groupCode: string;
  pickProblem: boolean;
  onPick: (groupCode: string) => void;
}) {
  return (
    <fieldset class="sheet-sets" aria-describedby={props.pickProblem ? 'pick-problem' : undefined}>
      <legend>Các tờ phiếu của số phiếu này (xem tên phiếu in trên tờ)</legend>
      {props.sets.map((s) => (
        <label key={s.groupCode} class="check">
          <input
            type="radio"
            name="sheet-set"
            value={s.groupCode}
            checked={s.groupCode === props.groupCode}
            onChange={() => props.onPick(s.groupCode)}
          />
          <span>
            {s.label}
            <small>{s.groups.join('; ')}</small>
          </span>
        </label>
      ))}
      {props.pickProblem && (
        <p id="pick-problem" class="notice error" role="alert">
          Hãy chọn các tờ phiếu đang nhập.
        </p>
      )}
    </fieldset>
  );
}

/** What the last save said that is not next to a box: other sheets, an error, stray problems. */
export function EntryNotices(props: {
  mismatch: boolean;
  chosen: SheetSet | undefined;
  serial: string;
  error: unknown;
  elsewhere: readonly AnswerProblem[];
}) {
  const { mismatch, chosen, elsewhere } = props;
  return (
    <>
      {mismatch && chosen && (
        <p class="notice error" role="alert">
          Số phiếu {props.serial} không phải của các tờ «{chosen.label}». Hãy đối chiếu số phiếu và
          tên phiếu in trên tờ; nếu đã chọn nhầm loại tờ phiếu, hãy chọn lại và nhập lại.
        </p>
      )}
      {props.error !== null && <ErrorNotice error={props.error} />}
      {elsewhere.length > 0 && !mismatch && (
        <ul class="notice error problems-list">
          {elsewhere.map((p) => (
            <li key={`${p.questionnaireId}|${p.questionId}|${p.unitCode ?? ''}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** "Ý kiến khác" of each sheet that asks one. */
export function CommentFields(props: {
  questionnaires: Sheets['questionnaires'];
  comments: Record<string, string>;
  problemOf: (questionnaireId: string) => string;
  onComment: (questionnaireId: string, text: string) => void;
}) {
  return (
    <>
      {props.questionnaires
        .filter((q) => q.comment)
        .map((q) => {
          const problem = props.problemOf(q.id);
          return (
            <label key={q.id} class="comment">
              Ý kiến khác — {q.title.split(':')[0]}: {q.comment?.text}
              <textarea
                rows={3}
                maxLength={4000}
                value={props.comments[q.id] ?? ''}
                onInput={(e) => props.onComment(q.id, e.currentTarget.value)}
              />
              {problem && <span class="row-problem">{problem}</span>}
            </label>
          );
        })}
    </>
  );
}

/** The optional "Thông tin chung", when a sheet asks it. */
export function DemographicFields(props: {
  fields: Sheets['demographics'];
  values: Record<string, string>;
  problemOf: (key: string) => string;
  onChange: (key: string, value: string) => void;
  /** On to the field after this one. */
  onNext: (from: Element) => void;
}) {
  if (props.fields.length === 0) return null;
  return (
    <fieldset class="demographics">
      <legend>Thông tin chung (không bắt buộc; để trống nếu phiếu bỏ trống)</legend>
      {props.fields.map((d) => {
        const problem = props.problemOf(d.key);
        return (
          <label key={d.key}>
            {d.label}
            <select
              value={props.values[d.key] ?? ''}
              onChange={(e) => props.onChange(d.key, e.currentTarget.value)}
              onKeyDown={(e) => {
                // As on the boxes: a digit picks that option (0 leaves it empty) and moves on;
                // Enter moves on. Ctrl+Enter is the form's (save).
                if (e.ctrlKey || e.metaKey || e.altKey) return;
                const n = /^[0-9]$/.test(e.key) ? Number(e.key) : -1;
                if (n >= 0 && n <= d.options.length) {
                  e.preventDefault();
                  props.onChange(d.key, n === 0 ? '' : (d.options[n - 1] ?? ''));
                  props.onNext(e.currentTarget);
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  props.onNext(e.currentTarget);
                }
              }}
            >
              <option value="">— Bỏ trống —</option>
              {d.options.map((o, i) => (
                <option key={o} value={o}>
                  {i + 1}. {o}
                </option>
              ))}
            </select>
            {problem && <span class="row-problem">{problem}</span>}
          </label>
        );
      })}
    </fieldset>
  );
}

/** How far the sheet is typed, "Xóa để nhập lại" and "Lưu phiếu". */
export function EntryBar(props: {
  filled: number;
  total: number;
  busy: boolean;
  typed: boolean;
  onClear: () => void;
}) {
  return (
    <div class="entry-bar">
      <span class="progress" aria-live="polite">
        Đã nhập {count(props.filled)}/{count(props.total)} ô
      </span>
      <button type="button" disabled={props.busy || !props.typed} onClick={props.onClear}>
        {/* The button is a flex box: a plain leading space inside the span would vanish. */}
        Xóa<span class="long">{'\u00a0'}để nhập lại</span>
      </button>
      <button type="submit" class="primary" disabled={props.busy}>
        {props.busy ? 'Đang lưu…' : 'Lưu phiếu'}
      </button>
    </div>
  );
}
