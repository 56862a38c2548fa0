import type { SipasPaperEntry, SipasQuestions } from '../../../contract/console/sipas-analysis';
import { cleanCode, SERIAL_ALPHABET, SERIAL_BODY } from '../../../contract/serial';
import { shownOptions } from '../../../contract/sipas-view';
import { checkSerial } from '../paper/serial';

/**
 * The SIPAS paper entry form as data (issue #14.5), pure as the PAR one (paper/entry-model.ts):
 * the rows as the printed form numbers them (server/sipas/paper-print.ts), which key ticks which
 * box, the state and its transitions, the body of POST …/sipas/paper and what a refusal says.
 */

export interface PaperOption {
  code: string;
  label: string;
  /** The key that ticks it, printed beside its box: 1…n, «0» for «Không trả lời». */
  key: string;
}

export interface PaperRow {
  id: string;
  /** The question's number on the printed form. */
  no: number;
  text: string;
  /** Its part of the form: an aspect's name, «Nhận định», «Thông tin thêm». */
  section: string;
  kind: 'scale' | 'single' | 'multiple';
  options: PaperOption[];
  /** A satisfaction question: a box left blank on paper is sent as «Không trả lời». */
  required: boolean;
  /** The «Không trả lời» option's code, when the scale has one. */
  noAnswer?: string;
  max?: number;
}

/** The form's rows in the printed order: levels by aspect, statements, choices. */
export function paperRows(q: SipasQuestions): PaperRow[] {
  const scaleOptions = (code: string) => {
    const scale = q.scales.find((s) => s.code === code);
    const options = (scale ? shownOptions(scale) : []).map((o, i) => ({
      ...o,
      key: String(i + 1),
    }));
    return {
      options: scale?.noAnswer ? [...options, { ...scale.noAnswer, key: '0' }] : options,
      ...(scale?.noAnswer ? { noAnswer: scale.noAnswer.code } : {}),
    };
  };
  const rows: PaperRow[] = [];
  for (const a of q.aspects)
    for (const e of a.elements)
      rows.push({
        id: e.id,
        no: rows.length + 1,
        text: e.text,
        section: a.name,
        kind: 'scale',
        required: true,
        ...scaleOptions(e.scale),
      });
  for (const p of q.perceptions)
    rows.push({
      id: p.id,
      no: rows.length + 1,
      text: p.text,
      section: 'Nhận định (đúng hay không)',
      kind: 'scale',
      required: false,
      ...scaleOptions(p.scale),
    });
  for (const c of q.choices)
    rows.push({
      id: c.id,
      no: rows.length + 1,
      text: c.text,
      section: 'Thông tin thêm (không bắt buộc)',
      kind: c.multiple ? 'multiple' : 'single',
      required: false,
      options: c.options.map((o, i) => ({ ...o, key: String(i + 1) })),
      ...(c.max !== undefined ? { max: c.max } : {}),
    });
  return rows;
}

/** The option a key ticks on a row (a digit, or X for «Không trả lời»), or null. */
export function optionForKey(row: PaperRow, key: string): string | null {
  const k = key.toLowerCase() === 'x' ? '0' : key;
  return row.options.find((o) => o.key === k)?.code ?? null;
}

export type Answers = Record<string, string | string[]>;

export interface PaperState {
  serial: string;
  serialProblem: string;
  pointId: string;
  pointProblem: boolean;
  answers: Answers;
  comment: string;
  /** The server's words on the last save, by question id. */
  problems: Record<string, string>;
  error: unknown;
  saved: { serial: string } | null;
  /** Forms saved in this sitting. */
  entered: number;
  busy: boolean;
}

export const initialPaper = (pointId = ''): PaperState => ({
  serial: '',
  serialProblem: '',
  pointId,
  pointProblem: false,
  answers: {},
  comment: '',
  problems: {},
  error: null,
  saved: null,
  entered: 0,
  busy: false,
});

/**
 * What a multiple choice's row adds after its text: «(chọn nhiều, tối đa 3)» — nothing when the
 * question's own text already says how to choose («… (chọn tối đa 3)»), so it is said once.
 */
export function multipleHint(row: PaperRow): string {
  if (row.kind !== 'multiple' || /\(\s*chọn[^)]*\)/iu.test(row.text.normalize('NFC'))) return '';
  return `(chọn nhiều${row.max ? `, tối đa ${row.max}` : ''})`;
}

const without = (r: Record<string, string>, id: string) => {
  const { [id]: _, ...rest } = r;
  return rest;
};

/**
 * A box ticked: on a row of one answer it replaces the tick; on a multiple choice it is added or
 * taken away, never beyond the row's maximum (said on the row instead).
 */
export function tick(s: PaperState, row: PaperRow, code: string): PaperState {
  if (row.kind !== 'multiple')
    return {
      ...s,
      answers: { ...s.answers, [row.id]: code },
      problems: without(s.problems, row.id),
    };
  const now = s.answers[row.id];
  const picked = Array.isArray(now) ? now : [];
  if (picked.includes(code)) {
    const rest = picked.filter((c) => c !== code);
    const answers = { ...s.answers };
    if (rest.length > 0) answers[row.id] = rest;
    else delete answers[row.id];
    return { ...s, answers, problems: without(s.problems, row.id) };
  }
  if (row.max !== undefined && picked.length >= row.max)
    return { ...s, problems: { ...s.problems, [row.id]: `Chọn tối đa ${row.max} phương án.` } };
  return {
    ...s,
    answers: { ...s.answers, [row.id]: [...picked, code] },
    problems: without(s.problems, row.id),
  };
}

/** A row emptied (Delete). */
export function clearRow(s: PaperState, row: PaperRow): PaperState {
  const answers = { ...s.answers };
  delete answers[row.id];
  return { ...s, answers, problems: without(s.problems, row.id) };
}

export const isTicked = (s: PaperState, row: PaperRow, code: string) => {
  const a = s.answers[row.id];
  return Array.isArray(a) ? a.includes(code) : a === code;
};

/** Rows with a tick. */
export const filledCount = (s: PaperState, rows: readonly PaperRow[]) =>
  rows.filter((r) => s.answers[r.id] !== undefined).length;

/** Satisfaction rows left blank: sent as «Không trả lời», as the printed form says. */
export const blankRequired = (s: PaperState, rows: readonly PaperRow[]) =>
  rows.filter((r) => r.required && s.answers[r.id] === undefined);

export type SerialCheck = { ok: true; serial: string } | { ok: false; message: string };

/**
 * The serial typed: a printed one (9 characters of the printed alphabet) is checked by its
 * check character (paper/serial.ts, as for the PAR sheets); any other is the office's own number
 * ("HQ-0001"): letters without accents and digits, at most 20.
 */
export function checkTypedSerial(typed: string): SerialCheck {
  const clean = cleanCode(typed);
  if (clean === '') return { ok: false, message: 'Hãy nhập số phiếu in ở góc trên phiếu.' };
  if (clean.length === SERIAL_BODY + 1 && [...clean].every((c) => SERIAL_ALPHABET.includes(c)))
    return checkSerial(clean);
  if (!/^[0-9A-Z]{1,20}$/.test(clean))
    return {
      ok: false,
      message:
        'Số phiếu chỉ gồm chữ không dấu và chữ số (tối đa 20 ký tự), ví dụ K7QM-4X2P-R hoặc số cơ quan tự đánh HQ-0001.',
    };
  return { ok: true, serial: typed.trim().toUpperCase() };
}

/** POST …/sipas/paper: blank satisfaction rows as «Không trả lời», the comment if any. */
export function entryBody(s: PaperState, rows: readonly PaperRow[], serial: string) {
  const answers: Answers = {};
  for (const r of rows) {
    const a = s.answers[r.id];
    if (a !== undefined) answers[r.id] = a;
    else if (r.required && r.noAnswer) answers[r.id] = r.noAnswer;
  }
  const comment = s.comment.trim();
  return {
    serial,
    pointId: s.pointId,
    answers,
    ...(comment ? { comment } : {}),
  } satisfies SipasPaperEntry;
}

/** «Xóa để nhập lại»: the ticks, the comment and what was said of them go; serial and point stay. */
export const clearAnswers = (s: PaperState): PaperState => ({
  ...s,
  answers: {},
  comment: '',
  problems: {},
  error: null,
});

/** Saved: everything of the form cleared for the next one; the collection point stays. */
export const saved = (s: PaperState, serial: string): PaperState => ({
  ...initialPaper(s.pointId),
  saved: { serial },
  entered: s.entered + 1,
});

/** What a failed call said (an ApiFailure's code, message and details). */
export interface Failure {
  code: string;
  message: string;
  details?: unknown;
}

/** Refusals about the serial, said next to it. */
const SERIAL_CODES = new Set(['invalid_serial', 'serial_not_found', 'serial_used']);

/** The serial's refusals beside it, the answers' beside their rows, anything else above. */
export function saveFailed(s: PaperState, err: unknown, failure: Failure | undefined): PaperState {
  const code = failure?.code ?? '';
  if (SERIAL_CODES.has(code)) return { ...s, busy: false, serialProblem: failure?.message ?? '' };
  if (code === 'unknown_point') return { ...s, busy: false, pointProblem: true, error: err };
  if (code === 'invalid_answers' && Array.isArray(failure?.details)) {
    const problems: Record<string, string> = {};
    for (const p of failure.details as { questionId?: string; message?: string }[])
      if (p.questionId) problems[p.questionId] = p.message ?? '';
    return { ...s, busy: false, problems, error: err };
  }
  return { ...s, busy: false, error: err };
}

/** Where the officer goes after a refusal: the serial, the point, or the first row flagged. */
export function focusAfterFailure(s: PaperState, rows: readonly PaperRow[]) {
  if (s.serialProblem) return { to: 'serial' } as const;
  if (s.pointProblem) return { to: 'point' } as const;
  const i = rows.findIndex((r) => s.problems[r.id]);
  return i >= 0 ? ({ to: 'row', i } as const) : null;
}

export type PrintPlan =
  | { ok: true; copies: number; pages: number; message: string }
  | { ok: false; message: string };

const vn = (n: number) => n.toLocaleString('vi-VN');

/** The copies asked, and what they come to before printing: pages, and sheets printed both sides. */
export function printPlan(typed: string, pagesPerForm: number, maxCopies: number): PrintPlan {
  const copies = Number(typed.trim());
  if (!/^\d+$/.test(typed.trim()) || copies < 1 || copies > maxCopies)
    return { ok: false, message: `Số bản in là số nguyên từ 1 đến ${vn(maxCopies)}.` };
  const pages = copies * pagesPerForm;
  const sheets = copies * Math.ceil(pagesPerForm / 2);
  return {
    ok: true,
    copies,
    pages,
    message: `Sẽ in ${vn(copies)} phiếu × ${vn(pagesPerForm)} trang = ${vn(pages)} trang A4 (in hai mặt: ${vn(sheets)} tờ giấy), mỗi phiếu một số phiếu mới.`,
  };
}
