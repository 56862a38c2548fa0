import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EntryReply, SerialLookup } from '../../../contract/console/paper';
import { ApiFailure, api, campaignApi } from '../api';
import { count } from '../format';
import { useConfirm } from '../parts/confirm';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import type { CampaignDetail } from '../types';
import { useLoad } from '../use-load';
import { AnswerGrid } from './answer-grid';
import * as M from './entry-model';
import {
  CommentFields,
  DemographicFields,
  EntryBar,
  EntryNotices,
  SerialField,
  SheetSetPicker,
} from './entry-parts';
import { checkSerial } from './serial';
import { type Cell, cellsOf, type DefinitionReply, setOf, sheetSets, sheetsOf } from './sheets';

/** "Nhập phiếu giấy": loads the definition, then the entry form. */
export function PaperEntry({
  campaign,
  blocked,
}: {
  campaign: CampaignDetail;
  /** Why entries are refused now (not open, closed), or null. */
  blocked: string | null;
}) {
  const loaded = useLoad<DefinitionReply>(blocked ? null : campaignApi(campaign.id, '/definition'));
  if (blocked)
    return (
      <p class="notice" role="status">
        {blocked}
      </p>
    );
  if (loaded.error !== undefined)
    return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return <EntryForm campaign={campaign} reply={loaded.data} />;
}

const failureOf = (err: unknown) => (err instanceof ApiFailure ? err : undefined);

/**
 * One paper form's answer sheets, typed from the paper: the serial, which sheets they are, the
 * boxes A–E, the comments and the optional "Thông tin chung"; "Lưu phiếu" sends them once. After
 * a save everything is cleared for the next sheet: nothing entered is ever shown again. The
 * state and its transitions are entry-model.ts; here are the server calls, questions and focus.
 */
function EntryForm({ campaign, reply }: { campaign: CampaignDetail; reply: DefinitionReply }) {
  const { definition } = reply;
  const sets = useMemo(() => sheetSets(definition), [definition]);
  const { ask, dialog } = useConfirm();
  const [s, setState] = useState(() => M.initialEntry(sets));
  const update = (patch: Partial<M.EntryState>) => setState((old) => ({ ...old, ...patch }));
  const serialInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  /** The serial looked up last and its look-up: Enter and leaving the box ask only once. */
  const looked = useRef<{ serial: string; done: Promise<void> } | null>(null);
  /** Bumped by Enter in the serial box: once the look-up is drawn, focus moves on (below). */
  const [moveOn, setMoveOn] = useState(0);

  const { groupCode } = s;
  const sheets = useMemo(
    () => (groupCode ? sheetsOf(definition, groupCode, campaign.units ?? []) : null),
    [definition, groupCode, campaign.units],
  );
  const cells = useMemo<Cell[]>(() => (sheets ? cellsOf(sheets.questionnaires) : []), [sheets]);
  const filled = M.filledCount(s, cells);
  const typed = M.isTyped(s, cells);

  // Closing the tab with a half-typed sheet asks first (the browser's own question).
  useEffect(() => {
    if (!typed) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [typed]);

  const byCell = useMemo(() => M.problemsByCell(s.problems), [s.problems]);
  const elsewhere = M.problemsElsewhere(s.problems, cells, sheets);

  const pick = async (code: string) => {
    if (code === groupCode) return;
    if (
      typed &&
      !(await ask({
        title: 'Đổi loại tờ phiếu?',
        text: `${count(filled)} ô đã nhập của các tờ phiếu đang chọn sẽ bị xóa.`,
        ok: 'Đổi và xóa các ô đã nhập',
        danger: true,
      }))
    )
      return;
    setState((old) => M.pickSet(old, code));
  };

  /**
   * The serial's printed sheets, asked as soon as it is typed: they are chosen by themselves (or,
   * with boxes already typed, after the usual question), and a serial already entered is said
   * before anything is typed. A reply for a serial no longer in the box is ignored; a failure
   * here says nothing, since saving checks everything again.
   */
  const lookUp = async (typed: string) => {
    update({ found: null });
    try {
      const printed = await api<SerialLookup>(
        'GET',
        campaignApi(campaign.id, `/paper/serials/${encodeURIComponent(typed)}`),
      );
      const now = checkSerial(serialInput.current?.value ?? '');
      if (!now.ok || now.serial !== printed.serial) return;
      if (printed.entered)
        return update({ serialProblem: 'Phiếu có số phiếu này đã được nhập trước đó.' });
      const set = setOf(definition, sets, printed.groupCode);
      if (!set) return;
      update({ found: set.label, pickProblem: false });
      await pick(set.groupCode);
    } catch (err) {
      const code = failureOf(err)?.code ?? '';
      if (code === 'serial_not_found' || code === 'invalid_serial')
        update({ serialProblem: (err as ApiFailure).message });
    }
  };

  const lookUpOnce = (serial: string) => {
    if (looked.current?.serial !== serial) looked.current = { serial, done: lookUp(serial) };
    return looked.current.done;
  };

  const focusCell = (key: string) =>
    setTimeout(() => {
      // Keys are made of codes ([A-Za-z0-9_.-]) and "|": safe inside a quoted selector.
      const row = form.current?.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`);
      row?.[0]?.focus();
      row?.[0]?.closest('.cell-row')?.scrollIntoView?.({ block: 'center' });
    }, 0);

  /** Every box typed, or the officer agrees to send the empty ones as E. */
  const blanksAccepted = async () => {
    const empty = M.emptyCells(s, cells);
    if (empty.length === 0) return true;
    update({ blanks: new Set(empty.map((c) => c.key)) });
    const yes = await ask({
      title: `Còn ${count(empty.length)} ô chưa nhập`,
      text: 'Câu bỏ trống hoặc đánh dấu nhiều ô trên phiếu giấy được nhập là E (Không biết/Không trả lời). Nếu tờ phiếu có đánh dấu ở các ô này, bấm «Hủy» để nhập tiếp (các ô trống được tô vàng).',
      ok: `Nhập ${count(empty.length)} ô trống là E và lưu`,
    });
    if (!yes && empty[0]) focusCell(empty[0].key);
    return yes;
  };

  const save = async (e: Event) => {
    e.preventDefault();
    update({ error: null, saved: null });
    const checked = checkSerial(s.serial);
    if (!checked.ok) {
      update({ serialProblem: checked.message });
      serialInput.current?.focus();
      return;
    }
    update({ serial: checked.serial, serialProblem: '' });
    if (!sheets) {
      update({ pickProblem: true });
      form.current?.querySelector<HTMLInputElement>('input[name="sheet-set"]')?.focus();
      return;
    }
    if (!(await blanksAccepted())) return;
    update({ busy: true });
    try {
      const done = await api<EntryReply>(
        'POST',
        campaignApi(campaign.id, '/paper/entries'),
        M.entryBody(s, checked.serial, sheets, cells),
      );
      setState((old) => M.entrySaved(old, { serial: done.serial, group: done.group }));
      looked.current = null;
      serialInput.current?.focus();
    } catch (err) {
      const failure = failureOf(err);
      setState((old) => M.saveFailed(old, err, failure, sheets));
      const next = M.focusAfterFailure(failure);
      if (next?.to === 'serial') serialInput.current?.focus();
      else if (next?.to === 'cell') focusCell(next.key);
    }
    update({ busy: false });
  };

  const clearAsked = async () => {
    if (
      await ask({
        title: 'Xóa các ô đã nhập?',
        text: 'Mọi ô, ý kiến và thông tin chung đã nhập cho tờ phiếu này sẽ bị xóa.',
        ok: 'Xóa các ô đã nhập',
        danger: true,
      })
    )
      setState(M.clearSheet);
  };

  const serialBlurred = () => {
    if (!s.serial.trim()) return;
    const c = checkSerial(s.serial);
    if (!c.ok) return update({ serialProblem: c.message });
    update({ serial: c.serial });
    void lookUpOnce(c.serial);
  };

  /** Enter in the serial box: the serial checked and looked up, then on (the effect below). */
  const serialEntered = async () => {
    if (!s.serial.trim()) return;
    const c = checkSerial(s.serial);
    if (!c.ok) return update({ serialProblem: c.message });
    update({ serial: c.serial });
    await lookUpOnce(c.serial);
    // Typed on meanwhile: that serial is the one to go on from.
    const now = checkSerial(serialInput.current?.value ?? '');
    if (now.ok && now.serial === c.serial) setMoveOn((n) => n + 1);
  };

  // After the render that shows the looked-up serial's sheets: its first box (or what to fix);
  // once per Enter (`moveOn`), on the state of that render.
  useEffect(() => {
    if (moveOn === 0) return;
    const root = form.current;
    const to = M.afterSerial(s);
    if (to === 'serial') return serialInput.current?.focus();
    const first =
      to === 'boxes'
        ? root?.querySelector<HTMLInputElement>('.answer-grid input[data-i="0"]')
        : (root?.querySelector<HTMLInputElement>('input[name="sheet-set"]:checked') ??
          root?.querySelector<HTMLInputElement>('input[name="sheet-set"]'));
    first?.focus();
    first?.closest('.cell-row, fieldset')?.scrollIntoView?.({ block: 'center' });
  }, [moveOn]);

  /** Ctrl+Enter saves from anywhere in the form; the other keys stay with their fields. */
  const formKeys = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    const target = e.target as HTMLInputElement;
    if (!(e.ctrlKey || e.metaKey)) {
      // Enter on the choice of sheets: on to their first box, never an early save.
      if (target.name !== 'sheet-set') return;
      e.preventDefault();
      return form.current?.querySelector<HTMLInputElement>('.answer-grid input')?.focus();
    }
    e.preventDefault();
    if (!s.busy) void save(e);
  };

  /** The field after `from` among the comments, "Thông tin chung" and "Lưu phiếu". */
  const nextField = (from: Element) => {
    const fields = [
      ...(form.current?.querySelectorAll<HTMLElement>(
        '.comment textarea, .demographics select, .entry-bar button[type="submit"]',
      ) ?? []),
    ];
    fields[fields.indexOf(from as HTMLElement) + 1]?.focus();
  };

  return (
    <form
      ref={form}
      class="paper-entry"
      onSubmit={save}
      onKeyDown={formKeys}
      noValidate
      aria-labelledby="entry-title"
    >
      <h2 id="entry-title">Nhập phiếu giấy</h2>
      <p class="hint">
        Nhập các tờ trả lời đã xé khỏi cuống phiếu, theo số phiếu in ở đầu mỗi tờ. Phiếu được lưu ẩn
        danh như phiếu trực tuyến; sau khi lưu, không ai xem lại được câu trả lời đã nhập. Cuống
        phiếu đi kèm phải được ghi nhận trước (mục «Nhận cuống phiếu»).
      </p>
      {s.saved && (
        <Done>
          Đã lưu phiếu số {s.saved.serial} ({s.saved.group}). Đã nhập {count(s.entered)} phiếu trong
          lần làm việc này. Mời nhập tờ tiếp theo.
        </Done>
      )}
      <div class="entry-head">
        <SerialField
          serial={s.serial}
          problem={s.serialProblem}
          found={s.found}
          inputRef={serialInput}
          onInput={(value) => {
            looked.current = null;
            setState((old) => M.typeSerial(old, value));
            // A whole serial (its check letter right) is looked up as soon as it is typed.
            const typed = checkSerial(value);
            if (typed.ok) void lookUpOnce(typed.serial);
          }}
          onBlur={serialBlurred}
          onEnter={serialEntered}
        />
        <SheetSetPicker
          sets={sets}
          groupCode={groupCode}
          pickProblem={s.pickProblem}
          onPick={pick}
        />
      </div>
      {sheets && (
        <>
          <p class="hint keys">
            Bàn phím: số phiếu rồi <kbd>Enter</kbd>; gõ <kbd>A</kbd>–<kbd>E</kbd> (hoặc <kbd>1</kbd>
            –<kbd>5</kbd>) để đánh dấu và sang dòng sau; <kbd>↑</kbd>/<kbd>↓</kbd> để di chuyển;{' '}
            <kbd>Delete</kbd> để xóa ô; <kbd>Tab</kbd> sang ô sau; ở «Thông tin chung» gõ số thứ tự
            lựa chọn (<kbd>0</kbd> để trống); <kbd>Ctrl</kbd>+<kbd>Enter</kbd> để lưu phiếu.
          </p>
          <EntryNotices
            mismatch={s.mismatch}
            chosen={sets.find((x) => x.groupCode === groupCode)}
            serial={s.serial}
            error={s.error}
            elsewhere={elsewhere}
          />
          <AnswerGrid
            questionnaires={sheets.questionnaires}
            cells={cells}
            answers={s.answers}
            onAnswer={(key, option) => setState((old) => M.answer(old, key, option))}
            problems={byCell}
            blanks={s.blanks}
            onEnd={() =>
              form.current
                ?.querySelector<HTMLElement>(
                  '.comment textarea, .demographics select, .entry-bar button[type="submit"]',
                )
                ?.focus()
            }
          />
          <CommentFields
            questionnaires={sheets.questionnaires}
            comments={s.comments}
            problemOf={(id) => M.problemOf(s.problems, id, 'comment')}
            onComment={(id, text) => setState((old) => M.comment(old, id, text))}
          />
          <DemographicFields
            fields={sheets.demographics}
            values={s.demographics}
            problemOf={(key) => M.problemOf(s.problems, '', key)}
            onChange={(key, value) => setState((old) => M.demographic(old, key, value))}
            onNext={nextField}
          />
          <EntryBar
            filled={filled}
            total={cells.length}
            busy={s.busy}
            typed={typed}
            onClear={clearAsked}
          />
        </>
      )}
      {dialog}
    </form>
  );
}
