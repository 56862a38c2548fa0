import type { Problem, ProblemCode, Severity } from '../../contract/console/roster';

export type { ProblemCode, Severity };

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
  example_row: 'error',
};

export type { Problem };

export type ProblemExtra = Pick<Problem, 'field' | 'suggestions' | 'otherRow' | 'matchedBy'>;

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
