import { z } from 'zod';
import { ROSTER_FIELDS } from './roster';

/**
 * The roster's wire bodies as zod schemas (the import's preview or result, a person added or
 * edited by hand), for the server and /api/openapi.json. contract/console/roster.ts re-exports
 * their types, so the console, which takes constants from there, gets no zod.
 */
export const RosterField = z.enum(ROSTER_FIELDS);

export const Column = z.object({
  field: RosterField,
  /** 0-based index into the row's cells. */
  index: z.number().int(),
  header: z.string(),
  /** False when guessed from a near match: the officer should confirm it. */
  sure: z.boolean(),
});
export type Column = z.infer<typeof Column>;

export const ProblemCode = z.enum([
  'column_unsure',
  'missing_name',
  'invalid_name',
  'too_long',
  'missing_group',
  'unknown_group',
  'missing_unit',
  'unknown_unit',
  'ambiguous_unit',
  'invalid_phone',
  'invalid_email',
  'phone_fixed',
  'no_contact',
  'duplicate_in_file',
  'group_conflict',
  'name_match',
  'group_change',
  'already_submitted',
  'invitation_revoked',
  'chosen_other',
  'example_row',
]);
/**
 * What can be wrong with a roster row. `error` rows are not imported; `confirm` rows wait for
 * the officer's decision; `warning` and `info` rows are imported as they are.
 */
export type ProblemCode = z.infer<typeof ProblemCode>;

export const Severity = z.enum(['error', 'confirm', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Problem = z.object({
  /** The spreadsheet row as the office sees it (the header row is 1 in a plain file). */
  row: z.number().int(),
  /** The row's "STT" cell, when the file has one: offices talk about rows by it. */
  stt: z.string().nullable(),
  code: ProblemCode,
  severity: Severity,
  field: RosterField.optional(),
  /** In Vietnamese, without the row number (see formatProblem). */
  message: z.string(),
  /** What the officer might have meant (unit or group names). */
  suggestions: z.array(z.string()).optional(),
  /** The other row of a duplicate or a conflict. */
  otherRow: z.number().int().optional(),
  /**
   * How a `duplicate_in_file` was found: a match by name alone can be declared two different
   * people (`distinct`), a shared phone or e-mail cannot.
   */
  matchedBy: z.enum(['phone', 'email', 'name']).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** A row's person as the roster holds it. */
export const Person = z.object({
  name: z.string(),
  groupCode: z.string(),
  /** The office or commune the response rate is tracked against; null for free text. */
  unitCode: z.string().nullable(),
  workplace: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

/** What the import does (or would do) with a row. */
export const RowStatus = z.enum(['new', 'update', 'unchanged', 'confirm', 'skipped', 'error']);
export type RowStatus = z.infer<typeof RowStatus>;

export const ImportRow = z.object({
  row: z.number().int(),
  stt: z.string().nullable(),
  status: RowStatus,
  values: z.partialRecord(RosterField, z.string()),
  /** What the respondent is (or would be) after the import. */
  person: Person.nullable(),
  respondentId: z.string().optional(),
  matchedBy: z.enum(['phone', 'email', 'name']).optional(),
  changes: z.array(Person.keyof()).optional(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportSummary = z.object({
  total: z.number().int(),
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  confirm: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  warnings: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/**
 * The officer's pick for a row whose group or unit was not recognised (one of the problem's
 * suggestions), by row number: the import reads the row with it, checked as any cell is.
 * The `choose` field of `POST …/roster/preview|import`.
 */
export const RosterChoices = z
  .record(
    z.string().regex(/^\d{1,7}$/),
    z.strictObject({ group: z.string().max(500).optional(), unit: z.string().max(500).optional() }),
  )
  .refine((r) => Object.keys(r).length <= 100_000, 'Quá nhiều lựa chọn.');
export type RosterChoices = z.infer<typeof RosterChoices>;

/** `POST /api/campaigns/:id/roster/preview|import`. */
export const ImportResult = z.object({
  campaignId: z.string(),
  fileName: z.string(),
  fileHash: z.string(),
  format: z.enum(['csv', 'xlsx']),
  headerRow: z.number().int(),
  columns: z.array(Column),
  ignoredHeaders: z.array(z.string()),
  dryRun: z.boolean(),
  /** Whether the rows were written; false on a dry run or when a problem stopped the import. */
  committed: z.boolean(),
  summary: ImportSummary,
  /** Every problem, by row number; the file's own (unsure columns) first. */
  problems: z.array(Problem),
  rows: z.array(ImportRow),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** `POST /api/campaigns/:id/respondents` (201) and `PATCH …/respondents/:respondentId`. */
export const PersonReply = z.object({ respondentId: z.string(), person: Person });
export type PersonReply = z.infer<typeof PersonReply>;

/** `DELETE /api/campaigns/:id/respondents/:respondentId`. */
export const Removed = z.object({ ok: z.literal(true) });
export type Removed = z.infer<typeof Removed>;
