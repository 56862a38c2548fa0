/**
 * Year over year (`GET /api/campaigns/:id/runs/:run/compare`): a run's results next to the
 * previous campaign's published (locked) results. Rank changes are last year's rank minus this
 * year's: +2 is two places up.
 */

export type Presence = 'both' | 'current_only' | 'previous_only';

export interface UnitSide {
  index: string;
  surveyScore: number;
  maxScore: number;
  surveyPercent: number;
  parIndex: number | null;
  /** Rank by survey score within the index (as the exports rank); null without data. */
  rank: number | null;
  /** Rank by parIndex within the index; null without a total. */
  parRank: number | null;
  noData: boolean;
}

export interface CriterionSide {
  score: number | null;
  max: number;
  ratio: number | null;
  noData: boolean;
}

export interface CriterionComparison {
  code: string;
  presence: Presence;
  current: CriterionSide | null;
  previous: CriterionSide | null;
  /** This year's score minus last year's, exactly; null unless both have a score. */
  scoreChange: number | null;
  /** The criterion's maximum changed: its scores are not comparable as points. */
  maxChanged: boolean;
}

export interface UnitComparison {
  code: string;
  name: string;
  presence: Presence;
  current: UnitSide | null;
  previous: UnitSide | null;
  change: {
    surveyScore: number | null;
    surveyPercent: number | null;
    parIndex: number | null;
    /** Last year's rank − this year's (positive: moved up); null unless ranked in the same index both years. */
    rank: number | null;
    parRank: number | null;
  };
  criteria: CriterionComparison[];
}

export interface Comparison {
  current: RunRef;
  previous: RunRef;
  criteria: { shared: string[]; currentOnly: string[]; previousOnly: string[] };
  units: UnitComparison[];
}

export interface RunRef {
  campaign: { id: string; name: string };
  runId: string;
  definitionCode: string;
  definitionVersion: number;
  official: boolean;
  locked: boolean;
  lockedAt: string | null;
  /** When the self-assessment its totals used was imported; null for none. */
  selfAssessmentImportedAt: string | null;
}
