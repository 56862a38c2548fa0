import { z } from 'zod';

/**
 * Year over year (`GET /api/campaigns/:id/runs/:run/compare`): a run's results next to the
 * previous campaign's published (locked) results. Rank changes are last year's rank minus this
 * year's: +2 is two places up.
 */

export const Presence = z.enum(['both', 'current_only', 'previous_only']);
export type Presence = z.infer<typeof Presence>;

export const UnitSide = z.object({
  index: z.string(),
  surveyScore: z.number(),
  maxScore: z.number(),
  surveyPercent: z.number(),
  parIndex: z.number().nullable(),
  /** Rank by survey score within the index (as the exports rank); null without data. */
  rank: z.number().int().nullable(),
  /** Rank by parIndex within the index; null without a total. */
  parRank: z.number().int().nullable(),
  noData: z.boolean(),
});
export type UnitSide = z.infer<typeof UnitSide>;

export const CriterionSide = z.object({
  score: z.number().nullable(),
  max: z.number(),
  ratio: z.number().nullable(),
  noData: z.boolean(),
});
export type CriterionSide = z.infer<typeof CriterionSide>;

export const CriterionComparison = z.object({
  code: z.string(),
  presence: Presence,
  current: CriterionSide.nullable(),
  previous: CriterionSide.nullable(),
  /** This year's score minus last year's, exactly; null unless both have a score. */
  scoreChange: z.number().nullable(),
  /** The criterion's maximum changed: its scores are not comparable as points. */
  maxChanged: z.boolean(),
});
export type CriterionComparison = z.infer<typeof CriterionComparison>;

/**
 * How a unit of this year stands to last year (docs/method.md §14):
 * - `same_unit`: the same unit both years (by official code when both sides have one, else by
 *   unit code);
 * - `pooled`: a unit made wholly of old units the old campaign rated: its reference is the old
 *   campaign's counts of those units pooled as one unit and scored with the old run's method;
 * - `not_comparable`: "không so sánh trực tiếp được": its predecessors are shown, each with its
 *   own published figures;
 * - `no_previous`: nothing of it in the old campaign; `previous_only`: only last year.
 */
export const Comparability = z.enum([
  'same_unit',
  'pooled',
  'not_comparable',
  'no_previous',
  'previous_only',
]);
export type Comparability = z.infer<typeof Comparability>;

/** An old unit a new unit was made of, as the 2025 conversion table lists it. */
export const PredecessorComparison = z.object({
  /** The old official code ("25327"); empty when the table gives none. */
  officialCode: z.string(),
  /** As the table writes it ("Xã Thanh An"). */
  name: z.string(),
  /** As published: "Nhập toàn bộ", "Nhập một phần", … */
  how: z.string(),
  transfer: z.enum(['whole', 'part']),
  /** The old unit also went into another new unit. */
  split: z.boolean(),
  /** Why it keeps the comparison from being exact: part, split, not in the old campaign. */
  issue: z.enum(['part', 'split', 'outside']).nullable(),
  /** The old campaign's unit with this official code; null when it did not rate one. */
  unitCode: z.string().nullable(),
  /** That unit's own published figures in the old run (its rank among all its index's units). */
  previous: UnitSide.nullable(),
});
export type PredecessorComparison = z.infer<typeof PredecessorComparison>;

export const UnitComparison = z.object({
  code: z.string(),
  name: z.string(),
  /** The unit's official (GSO) code: this year's, or last year's for a unit only last year. */
  officialCode: z.string().nullable(),
  presence: Presence,
  comparability: Comparability,
  /**
   * Why a unit made wholly of rated old units still has no pooled reference: `small_groups` (a
   * predecessor's group breakdown was hidden by the small-group rule, so a second aggregate of
   * the same answers could help solve for it), `counts_changed` (the old campaign's data no
   * longer match its locked run), `other_index` (the predecessors were rated by different
   * indexes). Null otherwise.
   */
  referenceWithheld: z.enum(['small_groups', 'counts_changed', 'other_index']).nullable(),
  /** Across the 2025 mergers: the old units it was made of (empty otherwise). */
  predecessors: z.array(PredecessorComparison),
  /**
   * Across the 2025 mergers, ranks within the index among the units compared exactly (same
   * unit or pooled) with data in both years, each year ranked on its own scores; `change.rank`
   * is then previous − current of these. Null for the others and without mergers.
   */
  rankAmongComparable: z
    .object({ current: z.number().int(), previous: z.number().int() })
    .nullable(),
  current: UnitSide.nullable(),
  previous: UnitSide.nullable(),
  change: z.object({
    surveyScore: z.number().nullable(),
    surveyPercent: z.number().nullable(),
    parIndex: z.number().nullable(),
    /** Last year's rank − this year's (positive: moved up); null unless ranked in the same index both years. */
    rank: z.number().int().nullable(),
    parRank: z.number().int().nullable(),
  }),
  criteria: z.array(CriterionComparison),
});
export type UnitComparison = z.infer<typeof UnitComparison>;

export const RunRef = z.object({
  campaign: z.object({ id: z.string(), name: z.string() }),
  /** The year of the definition the run was scored with (2023). */
  year: z.number().int(),
  runId: z.string(),
  definitionCode: z.string(),
  definitionVersion: z.number().int(),
  official: z.boolean(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  /** When the self-assessment its totals used was imported; null for none. */
  selfAssessmentImportedAt: z.string().nullable(),
});
export type RunRef = z.infer<typeof RunRef>;

export const Comparison = z.object({
  current: RunRef,
  previous: RunRef,
  criteria: z.object({
    shared: z.array(z.string()),
    currentOnly: z.array(z.string()),
    previousOnly: z.array(z.string()),
  }),
  /**
   * The previous campaign's units predate the 2025 mergers and this one's follow them: units
   * are matched through the official conversion table (docs/method.md §14).
   */
  acrossMergers: z.boolean(),
  units: z.array(UnitComparison),
});
export type Comparison = z.infer<typeof Comparison>;

/** One campaign a run may be compared with: closed; comparable once it has a locked run. */
export const CompareChoice = z.object({
  id: z.string(),
  name: z.string(),
  comparable: z.boolean(),
  /** Why not, in words ("chưa có kết quả đã khóa để công bố"); null when comparable. */
  why: z.string().nullable(),
});
export type CompareChoice = z.infer<typeof CompareChoice>;

/**
 * `GET …/runs/:run/compare-options`: the other closed campaigns, newest first, and the one the
 * comparison takes by default (null: none, and the console does not ask for it).
 */
export const CompareOptions = z.object({
  choices: z.array(CompareChoice),
  defaultId: z.string().nullable(),
});
export type CompareOptions = z.infer<typeof CompareOptions>;
