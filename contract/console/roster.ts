/**
 * The roster as the console and the server exchange it: the columns a file can have and their
 * labels, a row's problems, and the import's preview or result
 * (`POST /api/campaigns/:id/roster/import`). Types and constants only.
 */

/** The columns a roster can have. `unit` is the "Đơn vị công tác" column. */
export const ROSTER_FIELDS = [
  'stt',
  'name',
  'position',
  'unit',
  'group',
  'phone',
  'email',
  'note',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Without these three a row cannot be placed (docs/contract.md). */
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'unit', 'group'];

export const FIELD_LABELS: Record<RosterField, string> = {
  stt: 'STT',
  name: 'Họ và tên',
  position: 'Chức vụ',
  unit: 'Đơn vị công tác',
  group: 'Nhóm đối tượng',
  phone: 'Số điện thoại',
  email: 'Email',
  note: 'Ghi chú',
};

/** A manual mapping: field → the header text of its column; null leaves the field out. */
export type ManualMapping = Partial<Record<RosterField, string | null>>;

export interface Column {
  field: RosterField;
  /** 0-based index into the row's cells. */
  index: number;
  header: string;
  /** False when guessed from a near match: the officer should confirm it. */
  sure: boolean;
}

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

/** A row's person as the roster holds it. */
export interface Person {
  name: string;
  groupCode: string;
  /** The office or commune the response rate is tracked against; null for free text. */
  unitCode: string | null;
  workplace: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
}

/** What the import does (or would do) with a row. */
export type RowStatus = 'new' | 'update' | 'unchanged' | 'confirm' | 'skipped' | 'error';

export interface ImportRow {
  row: number;
  stt: string | null;
  status: RowStatus;
  values: Partial<Record<RosterField, string>>;
  /** What the respondent is (or would be) after the import. */
  person: Person | null;
  respondentId?: string;
  matchedBy?: 'phone' | 'email' | 'name';
  changes?: (keyof Person)[];
}

export interface ImportSummary {
  total: number;
  new: number;
  updated: number;
  unchanged: number;
  confirm: number;
  skipped: number;
  invalid: number;
  warnings: number;
}

export interface ImportResult {
  campaignId: string;
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  headerRow: number;
  columns: Column[];
  ignoredHeaders: string[];
  dryRun: boolean;
  /** Whether the rows were written; false on a dry run or when a problem stopped the import. */
  committed: boolean;
  summary: ImportSummary;
  /** Every problem, by row number; the file's own (unsure columns) first. */
  problems: Problem[];
  rows: ImportRow[];
}
