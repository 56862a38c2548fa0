import { useMemo, useRef, useState } from 'preact/hooks';
import type {
  SipasPaperDesk,
  SipasPaperReply,
  SipasSerialLookup,
} from '../../../contract/console/sipas-analysis';
import type { CollectionPoint } from '../../../contract/console/sipas-points';
import { ApiFailure, api, campaignApi } from '../api';
import { count } from '../format';
import { CodeField } from '../paper/code-field';
import { EntryBar } from '../paper/entry-parts';
import { useConfirm } from '../parts/confirm';
import { Done, ErrorNotice } from '../parts/notice';
import type { CampaignDetail } from '../types';
import * as M from './paper-model';

const failureOf = (err: unknown) => (err instanceof ApiFailure ? err : undefined);

/**
 * «Nhập phiếu giấy» of a SIPAS campaign: the collection point first (kept from form to form: a
 * printed serial's HMAC says nothing of the point it was printed for), the serial (printed, or the
 * office's own number), Enter, then each row's box by its printed number from the keyboard, the comment,
 * Ctrl+Enter saves. Everything is cleared after a save: nothing entered is shown again.
 */
export function SipasPaperEntry({
  campaign,
  desk,
  points,
  onSaved,
}: {
  campaign: CampaignDetail;
  desk: SipasPaperDesk;
  points: CollectionPoint[];
  onSaved: () => void;
}) {
  const rows = useMemo(() => M.paperRows(desk.questions), [desk.questions]);
  const { ask, dialog } = useConfirm();
  const [s, setState] = useState(() => M.initialPaper(points.length === 1 ? points[0]?.id : ''));
  const form = useRef<HTMLFormElement>(null);
  const serialInput = useRef<HTMLInputElement>(null);
  const pointSelect = useRef<HTMLSelectElement>(null);

  const focusRow = (i: number) => {
    const root = form.current;
    if (!root) return;
    if (i >= rows.length) return root.querySelector<HTMLElement>('.comment textarea')?.focus();
    if (i < 0) return;
    const inputs = [...root.querySelectorAll<HTMLInputElement>(`input[data-i="${i}"]`)];
    const target = inputs.find((r) => r.checked) ?? inputs[0];
    target?.focus();
    target?.closest('.cell-row')?.scrollIntoView?.({ block: 'nearest' });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (s.busy) return;
    const checked = M.checkTypedSerial(s.serial);
    if (!checked.ok) {
      setState((old) => ({ ...old, serialProblem: checked.message, saved: null }));
      return serialInput.current?.focus();
    }
    if (!s.pointId) {
      setState((old) => ({ ...old, pointProblem: true, saved: null }));
      return pointSelect.current?.focus();
    }
    const body = M.entryBody(s, rows, checked.serial);
    setState((old) => ({ ...old, serial: checked.serial, busy: true, error: null, saved: null }));
    try {
      await api<SipasPaperReply>('POST', campaignApi(campaign.id, '/sipas/paper'), body);
      setState((old) => M.saved(old, checked.serial));
      serialInput.current?.focus();
      onSaved();
    } catch (err) {
      const next = M.saveFailed(s, err, failureOf(err));
      setState({ ...next, serial: checked.serial });
      const to = M.focusAfterFailure(next, rows);
      if (to?.to === 'serial') serialInput.current?.focus();
      else if (to?.to === 'point') pointSelect.current?.focus();
      else if (to?.to === 'row') focusRow(to.i);
    }
  };

  /** The grid's keys: a box's number ticks it (and moves on), ↑/↓/Enter move, Delete clears. */
  const gridKeys = (e: KeyboardEvent) => {
    const input = e.target as HTMLInputElement;
    const i = Number(input.dataset.i);
    const row = rows[i];
    if (!row || e.ctrlKey || e.metaKey || e.altKey) return;
    const code = M.optionForKey(row, e.key);
    if (code) {
      e.preventDefault();
      setState((old) => M.tick(old, row, code));
      // A multiple choice keeps the row for its next box; Enter moves on.
      if (row.kind !== 'multiple') focusRow(i + 1);
      else
        form.current
          ?.querySelector<HTMLInputElement>(`input[data-i="${i}"][value="${code}"]`)
          ?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      focusRow(i + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(i - 1);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setState((old) => M.clearRow(old, row));
    }
  };

  /**
   * What the server says of a typed serial before its boxes are typed: entered already, never
   * printed for this campaign. A failure to ask says nothing: saving checks everything again.
   */
  const serialProblemOf = async (serial: string): Promise<string> => {
    try {
      const found = await api<SipasSerialLookup>(
        'GET',
        campaignApi(campaign.id, `/sipas/paper/serials/${encodeURIComponent(serial)}`),
      );
      return found.entered ? `Phiếu số ${found.serial} đã được nhập.` : '';
    } catch (err) {
      const code = failureOf(err)?.code ?? '';
      return code === 'serial_not_found' || code === 'invalid_serial'
        ? (err as ApiFailure).message
        : '';
    }
  };

  /** Ctrl+Enter saves from anywhere; Enter in the point or serial moves on. */
  const formKeys = async (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      return void save(e);
    }
    const target = e.target as HTMLElement;
    if (target === serialInput.current) {
      e.preventDefault();
      const c = M.checkTypedSerial(s.serial);
      if (!c.ok) return setState((old) => ({ ...old, serialProblem: c.message }));
      setState((old) => ({ ...old, serial: c.serial }));
      // A serial already entered, or never printed, is said now, before its boxes are typed.
      const problem = await serialProblemOf(c.serial);
      if (problem) {
        setState((old) => ({ ...old, serialProblem: problem }));
        return serialInput.current?.focus();
      }
      if (s.pointId) return focusRow(0);
      setState((old) => ({ ...old, pointProblem: true }));
      return pointSelect.current?.focus();
    }
    if (target === pointSelect.current) {
      e.preventDefault();
      // The point comes first (kept from form to form), then the serial, then question 1.
      if (M.checkTypedSerial(s.serial).ok) focusRow(0);
      else serialInput.current?.focus();
    }
  };

  const blanks = M.blankRequired(s, rows).length;
  let section = '';
  return (
    <form
      ref={form}
      class="paper-entry sipas-paper"
      onSubmit={save}
      onKeyDown={formKeys}
      noValidate
      aria-labelledby="sipas-entry-title"
    >
      <h2 id="sipas-entry-title">Nhập phiếu giấy</h2>
      <p class="hint">
        Nhập từng phiếu giấy đã thu theo số phiếu in ở góc trên (hoặc số cơ quan tự đánh trên
        phiếu). Phiếu được lưu ẩn danh, kênh «Giấy», như phiếu trực tuyến; sau khi lưu không ai xem
        lại được câu trả lời đã nhập.
      </p>
      {s.saved && (
        <Done>
          Đã lưu phiếu số {s.saved.serial}. Đã nhập {count(s.entered)} phiếu trong lần làm việc này.
          Mời nhập phiếu tiếp theo.
        </Done>
      )}
      <div class="entry-head">
        <label>
          Điểm thu thập (nơi phát và thu phiếu)
          <select
            ref={pointSelect}
            value={s.pointId}
            aria-invalid={s.pointProblem ? true : undefined}
            aria-describedby={s.pointProblem ? 'sipas-point-problem' : undefined}
            onChange={(e) => {
              const pointId = e.currentTarget.value;
              setState((old) => ({ ...old, pointId, pointProblem: false }));
            }}
          >
            <option value="">— Chọn điểm thu thập —</option>
            {points.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} — {p.unitName}
              </option>
            ))}
          </select>
        </label>
        {s.pointProblem && (
          <p id="sipas-point-problem" class="notice error" role="alert">
            Hãy chọn điểm thu thập của phiếu (in trên phiếu ở dòng «Nơi giải quyết thủ tục»).
          </p>
        )}
        <CodeField
          label="Số phiếu (in ở góc trên phiếu)"
          class="serial-field"
          inputRef={serialInput}
          value={s.serial}
          placeholder="VD: K7QM-4X2P-R"
          problem={s.serialProblem}
          problemId="sipas-serial-problem"
          onInput={(value) =>
            setState((old) => ({ ...old, serial: value, serialProblem: '', saved: null }))
          }
          onBlur={() => {
            const c = M.checkTypedSerial(s.serial);
            if (s.serial.trim() && !c.ok) setState((old) => ({ ...old, serialProblem: c.message }));
          }}
        />
        {s.serialProblem && (
          <p id="sipas-serial-problem" class="notice error" role="alert">
            {s.serialProblem}
          </p>
        )}
      </div>
      <p class="hint keys">
        Bàn phím: điểm thu thập (giữ nguyên cho các phiếu sau), số phiếu, <kbd>Enter</kbd>; gõ số in
        cạnh ô (<kbd>1</kbd>–<kbd>5</kbd>, <kbd>0</kbd> hoặc <kbd>X</kbd> là «Không trả lời») để
        đánh dấu và sang câu sau; câu chọn nhiều: gõ từng số rồi <kbd>Enter</kbd>; <kbd>↑</kbd>/
        <kbd>↓</kbd> để di chuyển; <kbd>Delete</kbd> để xóa câu; <kbd>Ctrl</kbd>+<kbd>Enter</kbd> để
        lưu phiếu. Câu hài lòng bỏ trống được nhập là «Không trả lời».
      </p>
      {s.error !== null && <ErrorNotice error={s.error} />}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: delegates the boxes' own keys (above) */}
      <div class="answer-grid" onKeyDown={gridKeys}>
        {rows.map((row, i) => {
          const head = row.section !== section ? row.section : '';
          section = row.section;
          const problem = s.problems[row.id];
          const id = `sq-${row.id}`;
          return (
            <div key={row.id}>
              {head && <h4 class="field-name">{head}</h4>}
              <div
                class={`cell-row ${row.kind === 'scale' ? '' : 'choice'} ${problem ? 'has-problem' : ''}`}
              >
                <p class="q" id={id}>
                  <span class="no">{row.no}.</span> {row.text}
                  {M.multipleHint(row) && <small> {M.multipleHint(row)}</small>}
                </p>
                <Boxes
                  row={row}
                  i={i}
                  labelId={id}
                  problemId={problem ? `${id}-problem` : undefined}
                  ticked={(code) => M.isTicked(s, row, code)}
                  onTick={(code) => setState((old) => M.tick(old, row, code))}
                />
                {problem && (
                  <p class="row-problem" id={`${id}-problem`}>
                    {problem}
                  </p>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {desk.questions.comment && (
        <label class="comment">
          {desk.questions.comment.text}
          <textarea
            rows={3}
            maxLength={4000}
            value={s.comment}
            onInput={(e) => {
              const comment = e.currentTarget.value;
              setState((old) => ({ ...old, comment }));
            }}
          />
        </label>
      )}
      {blanks > 0 && (
        <p class="hint" role="status">
          {count(blanks)} câu hài lòng còn trống sẽ được nhập là «Không trả lời».
        </p>
      )}
      <EntryBar
        filled={M.filledCount(s, rows)}
        total={rows.length}
        busy={s.busy}
        typed={M.filledCount(s, rows) > 0 || s.comment.trim() !== ''}
        onClear={async () => {
          const yes = await ask({
            title: 'Xóa các câu đã nhập?',
            text: 'Mọi ô và ý kiến đã nhập cho phiếu này sẽ bị xóa; số phiếu và điểm thu thập được giữ.',
            ok: 'Xóa các câu đã nhập',
            danger: true,
          });
          if (yes) setState((old) => M.clearAnswers(old));
        }}
      />
      {dialog}
    </form>
  );
}

/** A row's boxes: radios (one answer) or checkboxes (a multiple choice), each with its key. */
function Boxes(props: {
  row: M.PaperRow;
  i: number;
  labelId: string;
  problemId: string | undefined;
  ticked: (code: string) => boolean;
  onTick: (code: string) => void;
}) {
  const { row } = props;
  const multiple = row.kind === 'multiple';
  const boxes = row.options.map((o) => {
    const on = props.ticked(o.code);
    return (
      <label key={o.code} class={on ? 'opt on' : 'opt'}>
        <input
          type={multiple ? 'checkbox' : 'radio'}
          name={`sipas-${row.id}`}
          value={o.code}
          data-i={props.i}
          checked={on}
          onChange={() => props.onTick(o.code)}
        />
        <span class="letter">{o.key}</span>
        <span class="lbl">{o.label}</span>
      </label>
    );
  });
  return multiple ? (
    <fieldset class="opts" aria-labelledby={props.labelId} aria-describedby={props.problemId}>
      {boxes}
    </fieldset>
  ) : (
    <div
      class="opts"
      role="radiogroup"
      aria-labelledby={props.labelId}
      aria-describedby={props.problemId}
    >
      {boxes}
    </div>
  );
}
