/**
 * The appraised self-assessment (docs/method.md §9, step 8) as the console sees it:
 * `GET|POST /api/campaigns/:id/self-assessment`.
 */

import { z } from 'zod';

/** What a recognised column holds: `code`, `unit`, `points` or `field:<code>`. */
export const SelfAssessmentColumn = z.union([
  z.enum(['code', 'unit', 'points']),
  z.templateLiteral(['field:', z.string()]),
]);
export type SelfAssessmentColumn = z.infer<typeof SelfAssessmentColumn>;

export const SelfAssessmentProblemCode = z.enum([
  'missing_unit',
  'unknown_unit',
  'ambiguous_unit',
  'unit_mismatch',
  'not_rated',
  'missing_points',
  'not_a_number',
  'over_maximum',
  'fields_incomplete',
  'fields_mismatch',
  'duplicate_unit',
]);
export type SelfAssessmentProblemCode = z.infer<typeof SelfAssessmentProblemCode>;

export const SelfAssessmentProblem = z.object({
  /** The spreadsheet row as the office sees it. */
  row: z.number().int(),
  code: SelfAssessmentProblemCode,
  /** The header of the cell at fault, when there is one. */
  column: z.string().optional(),
  /** In Vietnamese, without the row number ("Dòng 5: …" is how it is printed). */
  message: z.string(),
  suggestions: z.array(z.string()).optional(),
  otherRow: z.number().int().optional(),
});
export type SelfAssessmentProblem = z.infer<typeof SelfAssessmentProblem>;

export const SelfAssessmentUnit = z.object({
  code: z.string(),
  name: z.string(),
  index: z.string(),
  /** Decimal text: "60.50". */
  points: z.string(),
  /** 100 − the index's survey budget. */
  max: z.string(),
  fields: z.array(z.object({ code: z.string(), points: z.string() })),
});
export type SelfAssessmentUnit = z.infer<typeof SelfAssessmentUnit>;

const MissingUnit = z.object({ code: z.string(), name: z.string(), index: z.string() });

/** `POST /api/campaigns/:id/self-assessment` (a preview, or the import: 201). */
export const SelfAssessmentImportResult = z.object({
  campaignId: z.string(),
  fileName: z.string(),
  fileHash: z.string(),
  format: z.enum(['csv', 'xlsx']),
  headerRow: z.number().int(),
  columns: z.array(z.object({ header: z.string(), column: SelfAssessmentColumn })),
  dryRun: z.boolean(),
  /** Whether the import replaced the campaign's self-assessment (false on a preview). */
  committed: z.boolean(),
  /** Every problem, by row number; any problem stops the whole import. */
  problems: z.array(SelfAssessmentProblem),
  units: z.array(SelfAssessmentUnit.extend({ row: z.number().int() })),
  /** Evaluated units the file does not have: no total index for them. */
  missing: z.array(MissingUnit),
  /** Units of the previous import this one replaces (or would replace). */
  replaced: z.number().int(),
  fingerprint: z.string(),
  notes: z.array(z.string()),
});
export type SelfAssessmentImportResult = z.infer<typeof SelfAssessmentImportResult>;

/** The campaign's self-assessment as the console lists it, units in the office's order. */
export const SelfAssessmentState = z.object({
  campaignId: z.string(),
  imported: z.boolean(),
  importedAt: z.string().nullable(),
  importedBy: z.string().nullable(),
  fingerprint: z.string().nullable(),
  units: z.array(SelfAssessmentUnit),
  missing: z.array(MissingUnit),
});
export type SelfAssessmentState = z.infer<typeof SelfAssessmentState>;
