/**
 * The appraised self-assessment (docs/method.md §9, step 8) as the console sees it:
 * `GET|POST /api/campaigns/:id/self-assessment`.
 */

/** What a recognised column holds. */
export type SelfAssessmentColumn = 'code' | 'unit' | 'points' | `field:${string}`;

export type SelfAssessmentProblemCode =
  | 'missing_unit'
  | 'unknown_unit'
  | 'ambiguous_unit'
  | 'unit_mismatch'
  | 'not_rated'
  | 'missing_points'
  | 'not_a_number'
  | 'over_maximum'
  | 'fields_incomplete'
  | 'fields_mismatch'
  | 'duplicate_unit';

export interface SelfAssessmentProblem {
  /** The spreadsheet row as the office sees it. */
  row: number;
  code: SelfAssessmentProblemCode;
  /** The header of the cell at fault, when there is one. */
  column?: string;
  /** In Vietnamese, without the row number ("Dòng 5: …" is how it is printed). */
  message: string;
  suggestions?: string[];
  otherRow?: number;
}

export interface SelfAssessmentUnit {
  code: string;
  name: string;
  index: string;
  /** Decimal text: "60.50". */
  points: string;
  /** 100 − the index's survey budget. */
  max: string;
  fields: { code: string; points: string }[];
}

export interface SelfAssessmentImportResult {
  campaignId: string;
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  headerRow: number;
  columns: { header: string; column: SelfAssessmentColumn }[];
  dryRun: boolean;
  /** Whether the import replaced the campaign's self-assessment (false on a preview). */
  committed: boolean;
  /** Every problem, by row number; any problem stops the whole import. */
  problems: SelfAssessmentProblem[];
  units: (SelfAssessmentUnit & { row: number })[];
  /** Evaluated units the file does not have: no total index for them. */
  missing: { code: string; name: string; index: string }[];
  /** Units of the previous import this one replaces (or would replace). */
  replaced: number;
  fingerprint: string;
  notes: string[];
}

/** The campaign's self-assessment as the console lists it, units in the office's order. */
export interface SelfAssessmentState {
  campaignId: string;
  imported: boolean;
  importedAt: string | null;
  importedBy: string | null;
  fingerprint: string | null;
  units: SelfAssessmentUnit[];
  missing: { code: string; name: string; index: string }[];
}
