import type { AnswerProblem } from '../../../contract/respondent';
import { type Cell, cellKey, type Option, type SheetSet, type sheetsOf } from './sheets';

/**
 * The paper entry form as data: its state and the transitions between states, pure functions
 * (as survey-client/form/model.ts is for the respondent's form). The component keeps one
 * EntryState and applies these; the server calls and focus moves stay in the component.
 */

export type Sheets = ReturnType<typeof sheetsOf>;

export interface Saved {
  serial: string;
  group: string;
}

/** What a failed call said: an ApiFailure's code, message and details. */
export interface Failure {
  code: string;
  message: string;
  details?: unknown;
}

export interface EntryState {
  serial: string;
  serialProblem: string;
  /** The sheet set chosen ("" for none yet). */
  groupCode: string;
  /** "Lưu phiếu" was pressed with no sheet set chosen. */
  pickProblem: boolean;
  answers: Record<string, Option>;
  comments: Record<string, string>;
  demographics: Record<string, string>;
  /** The server's problems with the last save. */
  problems: AnswerProblem[];
  /** The serial belongs to other sheets than the ones chosen. */
  mismatch: boolean;
  /** Cells left empty when saving was asked, shown until the sheet is cleared. */
  blanks: Set<string>;
  error: unknown;
  saved: Saved | null;
  /** Forms saved in this sitting. */
  entered: number;
  busy: boolean;
  /** The sheets the typed serial was printed on, as the server says. */
  found: string | null;
}

const NO_BLANKS = new Set<string>();

/** A sheet with nothing typed and nothing said about it. */
const emptySheet = () => ({
  answers: {},
  comments: {},
  demographics: {},
  problems: [],
  mismatch: false,
  blanks: NO_BLANKS,
});

/** A fresh form: with a single sheet set, it is chosen already. */
export function initialEntry(sets: readonly SheetSet[]): EntryState {
  return {
    serial: '',
    serialProblem: '',
    groupCode: sets.length === 1 ? (sets[0]?.groupCode ?? '') : '',
    pickProblem: false,
    ...emptySheet(),
    error: null,
    saved: null,
    entered: 0,
    busy: false,
    found: null,
  };
}

/** Everything typed for the sheet gone, and what the server said about it. */
export const clearSheet = (s: EntryState): EntryState => ({ ...s, ...emptySheet() });

/** A box marked (or cleared, with null). */
export function answer(s: EntryState, key: string, option: Option | null): EntryState {
  const answers = { ...s.answers };
  if (option) answers[key] = option;
  else delete answers[key];
  return { ...s, answers };
}

export const comment = (s: EntryState, questionnaireId: string, text: string): EntryState => ({
  ...s,
  comments: { ...s.comments, [questionnaireId]: text },
});

export const demographic = (s: EntryState, key: string, value: string): EntryState => ({
  ...s,
  demographics: { ...s.demographics, [key]: value },
});

/** Another sheet set chosen: what was typed for the old one is cleared. */
export const pickSet = (s: EntryState, groupCode: string): EntryState => ({
  ...clearSheet(s),
  pickProblem: false,
  groupCode,
});

/** A key typed in the serial box: what was said about the previous serial goes. */
export const typeSerial = (s: EntryState, serial: string): EntryState => ({
  ...s,
  serial,
  serialProblem: '',
  saved: null,
  found: null,
});

/** How many boxes are marked. */
export const filledCount = (s: EntryState, cells: readonly Cell[]) =>
  cells.filter((c) => s.answers[c.key]).length;

/** Whether anything is typed for the sheet: closing or switching then asks first. */
export const isTyped = (s: EntryState, cells: readonly Cell[]) =>
  filledCount(s, cells) > 0 ||
  Object.values(s.comments).some((t) => t.trim()) ||
  Object.values(s.demographics).some(Boolean);

/** The server's messages by cell key. */
export function problemsByCell(problems: readonly AnswerProblem[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const p of problems) {
    if (p.unitCode === undefined) continue;
    const k = cellKey(p.questionnaireId, p.questionId, p.unitCode);
    m.set(k, [...(m.get(k) ?? []), p.message]);
  }
  return m;
}

/** The problems no box, comment or "Thông tin chung" field of these sheets can show. */
export function problemsElsewhere(
  problems: readonly AnswerProblem[],
  cells: readonly Cell[],
  sheets: Sheets | null,
): AnswerProblem[] {
  const placed = (p: AnswerProblem) =>
    (p.unitCode !== undefined &&
      cells.some((c) => c.key === cellKey(p.questionnaireId, p.questionId, p.unitCode ?? ''))) ||
    (p.questionId === 'comment' &&
      !!sheets?.questionnaires.some((q) => q.id === p.questionnaireId && q.comment)) ||
    (p.questionnaireId === '' && !!sheets?.demographics.some((d) => d.key === p.questionId));
  return problems.filter((p) => !placed(p));
}

/** The messages about one question (a comment, a "Thông tin chung" field), joined. */
export const problemOf = (
  problems: readonly AnswerProblem[],
  questionnaireId: string,
  questionId: string,
) =>
  problems
    .filter((p) => p.questionnaireId === questionnaireId && p.questionId === questionId)
    .map((p) => p.message)
    .join(' ');

/** The cells still empty: asked about, then sent as E. */
export const emptyCells = (s: EntryState, cells: readonly Cell[]) =>
  cells.filter((c) => !s.answers[c.key]);

/** Texts trimmed, empty ones left out; undefined when none is left. */
function texts(r: Record<string, string>): Record<string, string> | undefined {
  const kept = Object.entries(r)
    .map(([k, v]) => [k, v.trim()] as const)
    .filter(([, v]) => v !== '');
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** POST …/paper/entries: every cell (empty ones as E), comments the sheets ask, demographics. */
export function entryBody(s: EntryState, serial: string, sheets: Sheets, cells: readonly Cell[]) {
  const comments = texts(
    Object.fromEntries(
      Object.entries(s.comments).filter(([id]) =>
        sheets.questionnaires.some((q) => q.id === id && q.comment),
      ),
    ),
  );
  const demographics = texts(s.demographics);
  return {
    serial,
    answers: cells.map((c) => ({
      questionnaireId: c.questionnaireId,
      questionId: c.questionId,
      unitCode: c.unitCode,
      option: s.answers[c.key] ?? 'E',
    })),
    ...(comments ? { comments } : {}),
    ...(demographics ? { demographics } : {}),
  };
}

/**
 * Saved: the sheet and the serial are cleared for the next form, nothing typed stays, nor any
 * line about the saved serial (which sheets it was printed on, what was wrong with it); the
 * sheets chosen stay, ready for the next sheet of the pile (its serial picks its own anyway).
 */
export const entrySaved = (s: EntryState, saved: Saved): EntryState => ({
  ...clearSheet(s),
  serial: '',
  serialProblem: '',
  pickProblem: false,
  found: null,
  error: null,
  saved,
  entered: s.entered + 1,
});

/**
 * Where Enter in the serial box leads, once the serial was looked up: back to the serial when
 * something is wrong with it, to the first box when its sheets are shown, else to the choice of
 * sheets (the look-up could not tell them).
 */
export function afterSerial(s: EntryState): 'serial' | 'boxes' | 'sheets' {
  if (s.serialProblem) return 'serial';
  return s.groupCode ? 'boxes' : 'sheets';
}

/**
 * Answers to sheets the serial's group does not have, or sheets it has that were not typed:
 * the serial belongs to other sheets than the ones chosen.
 */
export function isMismatch(details: readonly AnswerProblem[], sheets: Sheets): boolean {
  const ours = new Set(sheets.questionnaires.map((q) => q.id));
  const flagged = (id: string) => details.filter((p) => p.questionnaireId === id).length;
  return (
    details.some((p) => p.questionnaireId !== '' && !ours.has(p.questionnaireId)) ||
    sheets.questionnaires.some((q) => flagged(q.id) >= q.questions.length * q.units.length)
  );
}

/** The save's refusals that are about the serial, said next to it. */
const SERIAL_CODES = new Set(['invalid_serial', 'serial_not_found', 'serial_used']);

/** Where the officer goes after a failed save: the serial, the first box the server flagged. */
export function focusAfterFailure(
  failure: Failure | undefined,
): { to: 'serial' } | { to: 'cell'; key: string } | null {
  const code = failure?.code ?? '';
  if (SERIAL_CODES.has(code)) return { to: 'serial' };
  if (code !== 'invalid_answers' || !Array.isArray(failure?.details)) return null;
  const first = (failure.details as AnswerProblem[]).find((p) => p.unitCode !== undefined);
  return first
    ? { to: 'cell', key: cellKey(first.questionnaireId, first.questionId, first.unitCode ?? '') }
    : null;
}

/** The serial's problems go next to it; the answers' next to their boxes; anything else above. */
export function saveFailed(
  s: EntryState,
  err: unknown,
  failure: Failure | undefined,
  sheets: Sheets,
): EntryState {
  const code = failure?.code ?? '';
  if (SERIAL_CODES.has(code)) return { ...s, serialProblem: failure?.message ?? '' };
  if (code === 'invalid_answers' && Array.isArray(failure?.details)) {
    const details = failure.details as AnswerProblem[];
    return { ...s, problems: details, mismatch: isMismatch(details, sheets), error: err };
  }
  return { ...s, error: err };
}
