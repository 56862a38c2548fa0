import type { RosterField } from './headers';

/**
 * What can be wrong with a roster row. `error` rows are not imported; `confirm` rows wait for
 * the officer's decision; `warning` and `info` rows are imported as they are.
 */
export type ProblemCode =
  | 'column_unsure'
  | 'missing_name'
  | 'invalid_name'
  | 'too_long'
  | 'missing_group'
  | 'unknown_group'
  | 'missing_unit'
  | 'unknown_unit'
  | 'ambiguous_unit'
  | 'invalid_phone'
  | 'invalid_email'
  | 'phone_fixed'
  | 'no_contact'
  | 'duplicate_in_file'
  | 'group_conflict'
  | 'name_match'
  | 'group_change'
  | 'already_submitted'
  | 'invitation_revoked'
  | 'chosen_other';

export type Severity = 'error' | 'confirm' | 'warning' | 'info';

export const SEVERITY: Record<ProblemCode, Severity> = {
  column_unsure: 'confirm',
  missing_name: 'error',
  invalid_name: 'error',
  too_long: 'error',
  missing_group: 'error',
  unknown_group: 'error',
  missing_unit: 'error',
  unknown_unit: 'error',
  ambiguous_unit: 'error',
  invalid_phone: 'error',
  invalid_email: 'error',
  phone_fixed: 'warning',
  no_contact: 'warning',
  duplicate_in_file: 'error',
  group_conflict: 'confirm',
  name_match: 'confirm',
  group_change: 'confirm',
  already_submitted: 'error',
  invitation_revoked: 'warning',
  chosen_other: 'info',
};

export interface Problem {
  /** The spreadsheet row as the office sees it (the header row is 1 in a plain file). */
  row: number;
  /** The row's "STT" cell, when the file has one: offices talk about rows by it. */
  stt: string | null;
  code: ProblemCode;
  severity: Severity;
  field?: RosterField;
  /** In Vietnamese, without the row number (see formatProblem). */
  message: string;
  /** What the officer might have meant (unit or group names). */
  suggestions?: string[];
  /** The other row of a duplicate or a conflict. */
  otherRow?: number;
}

export type ProblemExtra = Pick<Problem, 'field' | 'suggestions' | 'otherRow'>;

export function problem(
  row: number,
  stt: string | null,
  code: ProblemCode,
  message: string,
  extra: ProblemExtra = {},
): Problem {
  return { row, stt, code, severity: SEVERITY[code], message, ...extra };
}

/** "Dòng 158 (STT 157): Trùng người với dòng 2 …", as the CLI prints it. */
export function formatProblem(p: Problem): string {
  const stt = p.stt && p.stt !== String(p.row) ? ` (STT ${p.stt})` : '';
  return `Dòng ${p.row}${stt}: ${p.message}`;
}

/** `"A", "B" hoặc "C"` */
export function orList(names: string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} hoặc ${quoted.at(-1)}`;
}
