import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnswerProblem } from '../../../server/respondent/validate';
import { ApiFailure, api, campaignApi } from '../api';
import { count } from '../format';
import { useConfirm } from '../parts/confirm';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import type { CampaignDetail } from '../types';
import { useLoad } from '../use-load';
import { AnswerGrid } from './answer-grid';
import { checkSerial } from './serial';
import {
  type Cell,
  cellKey,
  cellsOf,
  type DefinitionReply,
  type Option,
  setOf,
  sheetSets,
  sheetsOf,
} from './sheets';

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

interface Saved {
  serial: string;
  group: string;
}

const NO_BLANKS = new Set<string>();

/**
 * One paper form's answer sheets, typed from the paper: the serial, which sheets they are, the
 * boxes A–E, the comments and the optional "Thông tin chung"; "Lưu phiếu" sends them once. After
 * a save everything is cleared for the next sheet: nothing entered is ever shown again.
 */
function EntryForm({ campaign, reply }: { campaign: CampaignDetail; reply: DefinitionReply }) {
  const { definition } = reply;
  const sets = useMemo(() => sheetSets(definition), [definition]);
  const { ask, dialog } = useConfirm();
  const [serial, setSerial] = useState('');
  const [serialProblem, setSerialProblem] = useState('');
  const [groupCode, setGroupCode] = useState(sets.length === 1 ? (sets[0]?.groupCode ?? '') : '');
  const [pickProblem, setPickProblem] = useState(false);
  const [answers, setAnswers] = useState<Record<string, Option>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [demographics, setDemographics] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<AnswerProblem[]>([]);
  const [mismatch, setMismatch] = useState(false);
  const [blanks, setBlanks] = useState<Set<string>>(NO_BLANKS);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [entered, setEntered] = useState(0);
  const [busy, setBusy] = useState(false);
  /** The sheets the typed serial was printed on, as the server says. */
  const [found, setFound] = useState<string | null>(null);
  const serialInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);

  const sheets = useMemo(
    () => (groupCode ? sheetsOf(definition, groupCode, campaign.units ?? []) : null),
    [definition, groupCode, campaign.units],
  );
  const cells = useMemo<Cell[]>(() => (sheets ? cellsOf(sheets.questionnaires) : []), [sheets]);
  const filled = cells.filter((c) => answers[c.key]).length;
  const typed =
    filled > 0 ||
    Object.values(comments).some((t) => t.trim()) ||
    Object.values(demographics).some(Boolean);

  // Closing the tab with a half-typed sheet asks first (the browser's own question).
  useEffect(() => {
    if (!typed) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [typed]);

  const byCell = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems) {
      if (p.unitCode === undefined) continue;
      const k = cellKey(p.questionnaireId, p.questionId, p.unitCode);
      m.set(k, [...(m.get(k) ?? []), p.message]);
    }
    return m;
  }, [problems]);
  const placed = (p: AnswerProblem) =>
    (p.unitCode !== undefined &&
      cells.some((c) => c.key === cellKey(p.questionnaireId, p.questionId, p.unitCode ?? ''))) ||
    (p.questionId === 'comment' &&
      !!sheets?.questionnaires.some((q) => q.id === p.questionnaireId && q.comment)) ||
    (p.questionnaireId === '' && !!sheets?.demographics.some((d) => d.key === p.questionId));
  const elsewhere = problems.filter((p) => !placed(p));
  const problemOf = (questionnaireId: string, questionId: string) =>
    problems
      .filter((p) => p.questionnaireId === questionnaireId && p.questionId === questionId)
      .map((p) => p.message)
      .join(' ');

  const answer = (key: string, option: Option | null) =>
    setAnswers((old) => {
      const next = { ...old };
      if (option) next[key] = option;
      else delete next[key];
      return next;
    });

  const clearSheet = () => {
    setAnswers({});
    setComments({});
    setDemographics({});
    setProblems([]);
    setMismatch(false);
    setBlanks(NO_BLANKS);
  };

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
    clearSheet();
    setPickProblem(false);
    setGroupCode(code);
  };

  /**
   * The serial's printed sheets, asked as soon as it is typed: they are chosen by themselves (or,
   * with boxes already typed, after the usual question), and a serial already entered is said
   * before anything is typed. A reply for a serial no longer in the box is ignored; a failure
   * here says nothing, since saving checks everything again.
   */
  const lookUp = async (typed: string) => {
    setFound(null);
    try {
      const printed = await api<{ serial: string; groupCode: string; entered: boolean }>(
        'GET',
        campaignApi(campaign.id, `/paper/serials/${encodeURIComponent(typed)}`),
      );
      const now = checkSerial(serialInput.current?.value ?? '');
      if (!now.ok || now.serial !== printed.serial) return;
      if (printed.entered) return setSerialProblem('Phiếu có số phiếu này đã được nhập trước đó.');
      const set = setOf(definition, sets, printed.groupCode);
      if (!set) return;
      setFound(set.label);
      setPickProblem(false);
      await pick(set.groupCode);
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : '';
      if (code === 'serial_not_found' || code === 'invalid_serial')
        setSerialProblem((err as ApiFailure).message);
    }
  };

  const focusCell = (key: string) =>
    setTimeout(() => {
      // Keys are made of codes ([A-Za-z0-9_.-]) and "|": safe inside a quoted selector.
      const row = form.current?.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`);
      row?.[0]?.focus();
      row?.[0]?.closest('.cell-row')?.scrollIntoView?.({ block: 'center' });
    }, 0);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    const checked = checkSerial(serial);
    if (!checked.ok) {
      setSerialProblem(checked.message);
      serialInput.current?.focus();
      return;
    }
    setSerial(checked.serial);
    setSerialProblem('');
    if (!sheets) {
      setPickProblem(true);
      form.current?.querySelector<HTMLInputElement>('input[name="sheet-set"]')?.focus();
      return;
    }
    const empty = cells.filter((c) => !answers[c.key]);
    if (empty.length > 0) {
      setBlanks(new Set(empty.map((c) => c.key)));
      const yes = await ask({
        title: `Còn ${count(empty.length)} ô chưa nhập`,
        text: 'Câu bỏ trống hoặc đánh dấu nhiều ô trên phiếu giấy được nhập là E (Không biết/Không trả lời). Nếu tờ phiếu có đánh dấu ở các ô này, bấm «Hủy» để nhập tiếp (các ô trống được tô vàng).',
        ok: `Nhập ${count(empty.length)} ô trống là E và lưu`,
      });
      if (!yes) {
        if (empty[0]) focusCell(empty[0].key);
        return;
      }
    }
    const text = (r: Record<string, string>) => {
      const kept = Object.entries(r)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== '');
      return kept.length > 0 ? Object.fromEntries(kept) : undefined;
    };
    const commented = text(
      Object.fromEntries(
        Object.entries(comments).filter(([id]) =>
          sheets.questionnaires.some((q) => q.id === id && q.comment),
        ),
      ),
    );
    const demo = text(demographics);
    setBusy(true);
    try {
      const done = await api<{ serial: string; group: string }>(
        'POST',
        campaignApi(campaign.id, '/paper/entries'),
        {
          serial: checked.serial,
          answers: cells.map((c) => ({
            questionnaireId: c.questionnaireId,
            questionId: c.questionId,
            unitCode: c.unitCode,
            option: answers[c.key] ?? 'E',
          })),
          ...(commented ? { comments: commented } : {}),
          ...(demo ? { demographics: demo } : {}),
        },
      );
      clearSheet();
      setSerial('');
      setSaved({ serial: done.serial, group: done.group });
      setEntered((n) => n + 1);
      serialInput.current?.focus();
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : '';
      if (code === 'invalid_serial' || code === 'serial_not_found' || code === 'serial_used') {
        setSerialProblem((err as ApiFailure).message);
        serialInput.current?.focus();
      } else if (code === 'invalid_answers' && Array.isArray((err as ApiFailure).details)) {
        const details = (err as ApiFailure).details as AnswerProblem[];
        setProblems(details);
        const ours = new Set(sheets.questionnaires.map((q) => q.id));
        // Answers to sheets the serial's group does not have, or sheets it has that were not
        // typed: the serial belongs to other sheets than the ones chosen.
        const flagged = (id: string) => details.filter((p) => p.questionnaireId === id).length;
        setMismatch(
          details.some((p) => p.questionnaireId !== '' && !ours.has(p.questionnaireId)) ||
            sheets.questionnaires.some((q) => flagged(q.id) >= q.questions.length * q.units.length),
        );
        setError(err);
        const first = details.find((p) => p.unitCode !== undefined);
        if (first)
          focusCell(cellKey(first.questionnaireId, first.questionId, first.unitCode ?? ''));
      } else {
        setError(err);
      }
    }
    setBusy(false);
  };

  const chosen = sets.find((s) => s.groupCode === groupCode);
  return (
    <form ref={form} class="paper-entry" onSubmit={save} noValidate aria-labelledby="entry-title">
      <h2 id="entry-title">Nhập phiếu giấy</h2>
      <p class="hint">
        Nhập các tờ trả lời đã xé khỏi cuống phiếu, theo số phiếu in ở đầu mỗi tờ. Phiếu được lưu ẩn
        danh như phiếu trực tuyến; sau khi lưu, không ai xem lại được câu trả lời đã nhập. Cuống
        phiếu đi kèm phải được ghi nhận trước (mục «Nhận cuống phiếu»).
      </p>
      {saved && (
        <Done>
          Đã lưu phiếu số {saved.serial} ({saved.group}). Đã nhập {count(entered)} phiếu trong lần
          làm việc này. Mời nhập tờ tiếp theo.
        </Done>
      )}
      <div class="entry-head">
        <label class="serial-field">
          Số phiếu (in ở đầu tờ trả lời)
          <input
            ref={serialInput}
            value={serial}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            placeholder="VD: K7QM-4X2P-R"
            maxLength={20}
            aria-invalid={serialProblem ? true : undefined}
            aria-describedby={serialProblem ? 'serial-problem' : undefined}
            onInput={(e) => {
              setSerial(e.currentTarget.value);
              setSerialProblem('');
              setSaved(null);
              setFound(null);
            }}
            onBlur={() => {
              if (!serial.trim()) return;
              const c = checkSerial(serial);
              if (!c.ok) return setSerialProblem(c.message);
              setSerial(c.serial);
              void lookUp(c.serial);
            }}
            onKeyDown={(e) => {
              // Enter goes on to the boxes rather than saving an empty sheet.
              if (e.key !== 'Enter') return;
              e.preventDefault();
              const root = form.current;
              (
                root?.querySelector<HTMLInputElement>('.answer-grid input') ??
                root?.querySelector<HTMLInputElement>('input[name="sheet-set"]')
              )?.focus();
            }}
          />
        </label>
        {serialProblem && (
          <p id="serial-problem" class="notice error" role="alert">
            {serialProblem}
          </p>
        )}
        {found && !serialProblem && (
          <p class="hint" role="status">
            Số phiếu {serial} được in trên các tờ «{found}».
          </p>
        )}
        <fieldset class="sheet-sets" aria-describedby={pickProblem ? 'pick-problem' : undefined}>
          <legend>Các tờ phiếu của số phiếu này (xem tên phiếu in trên tờ)</legend>
          {sets.map((s) => (
            <label key={s.groupCode} class="check">
              <input
                type="radio"
                name="sheet-set"
                value={s.groupCode}
                checked={s.groupCode === groupCode}
                onChange={() => pick(s.groupCode)}
              />
              <span>
                {s.label}
                <small>{s.groups.join('; ')}</small>
              </span>
            </label>
          ))}
          {pickProblem && (
            <p id="pick-problem" class="notice error" role="alert">
              Hãy chọn các tờ phiếu đang nhập.
            </p>
          )}
        </fieldset>
      </div>
      {sheets && (
        <>
          <p class="hint keys">
            Bàn phím: gõ <kbd>A</kbd>–<kbd>E</kbd> (hoặc <kbd>1</kbd>–<kbd>5</kbd>) để đánh dấu và
            sang dòng sau; <kbd>↑</kbd>/<kbd>↓</kbd> để di chuyển; <kbd>Delete</kbd> để xóa ô.
          </p>
          {mismatch && chosen && (
            <p class="notice error" role="alert">
              Số phiếu {serial} không phải của các tờ «{chosen.label}». Hãy đối chiếu số phiếu và
              tên phiếu in trên tờ; nếu đã chọn nhầm loại tờ phiếu, hãy chọn lại và nhập lại.
            </p>
          )}
          {error !== null && <ErrorNotice error={error} />}
          {elsewhere.length > 0 && !mismatch && (
            <ul class="notice error problems-list">
              {elsewhere.map((p) => (
                <li key={`${p.questionnaireId}|${p.questionId}|${p.unitCode ?? ''}`}>
                  {p.message}
                </li>
              ))}
            </ul>
          )}
          <AnswerGrid
            questionnaires={sheets.questionnaires}
            cells={cells}
            answers={answers}
            onAnswer={answer}
            problems={byCell}
            blanks={blanks}
            onEnd={() =>
              form.current
                ?.querySelector<HTMLElement>(
                  '.comment textarea, .demographics select, .entry-bar button[type="submit"]',
                )
                ?.focus()
            }
          />
          {sheets.questionnaires
            .filter((q) => q.comment)
            .map((q) => {
              const problem = problemOf(q.id, 'comment');
              return (
                <label key={q.id} class="comment">
                  Ý kiến khác — {q.title.split(':')[0]}: {q.comment?.text}
                  <textarea
                    rows={3}
                    maxLength={4000}
                    value={comments[q.id] ?? ''}
                    onInput={(e) => {
                      const v = e.currentTarget.value;
                      setComments((old) => ({ ...old, [q.id]: v }));
                    }}
                  />
                  {problem && <span class="row-problem">{problem}</span>}
                </label>
              );
            })}
          {sheets.demographics.length > 0 && (
            <fieldset class="demographics">
              <legend>Thông tin chung (không bắt buộc; để trống nếu phiếu bỏ trống)</legend>
              {sheets.demographics.map((d) => {
                const problem = problemOf('', d.key);
                return (
                  <label key={d.key}>
                    {d.label}
                    <select
                      value={demographics[d.key] ?? ''}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setDemographics((old) => ({ ...old, [d.key]: v }));
                      }}
                    >
                      <option value="">— Bỏ trống —</option>
                      {d.options.map((o) => (
                        <option key={o} value={o}>
                          {o}
                        </option>
                      ))}
                    </select>
                    {problem && <span class="row-problem">{problem}</span>}
                  </label>
                );
              })}
            </fieldset>
          )}
          <div class="entry-bar">
            <span class="progress" aria-live="polite">
              Đã nhập {count(filled)}/{count(cells.length)} ô
            </span>
            <button
              type="button"
              disabled={busy || !typed}
              onClick={async () => {
                if (
                  await ask({
                    title: 'Xóa các ô đã nhập?',
                    text: 'Mọi ô, ý kiến và thông tin chung đã nhập cho tờ phiếu này sẽ bị xóa.',
                    ok: 'Xóa các ô đã nhập',
                    danger: true,
                  })
                )
                  clearSheet();
              }}
            >
              {/* The button is a flex box: a plain leading space inside the span would vanish. */}
              Xóa<span class="long">{'\u00a0'}để nhập lại</span>
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Đang lưu…' : 'Lưu phiếu'}
            </button>
          </div>
        </>
      )}
      {dialog}
    </form>
  );
}
