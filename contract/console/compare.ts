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

export const UnitComparison = z.object({
  code: z.string(),
  name: z.string(),
  presence: Presence,
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
  units: z.array(UnitComparison),
});
export type Comparison = z.infer<typeof Comparison>;
