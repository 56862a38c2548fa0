import { z } from 'zod';
import type { UnitResult } from '../analysis/types';
import { Coefficient, type Method, type OptionCode } from '../questionnaires';

/**
 * What the results API sends and takes: the wire types of scoring runs (docs/method.md §10),
 * their totals (§9) and distributions (§12), shared by the server and the console.
 */

/** The settings a trial may change; anything left out is the campaign's. */
export const MethodOverrides = z
  .object({
    scaleProfile: z.string().min(1),
    weighting: z.enum(['EQUAL_GROUP', 'POOLED']),
    groupWeights: z.record(z.string(), Coefficient),
    emptyCriterion: z.enum(['ZERO', 'RESCALE']),
    minCellSize: z.number().int().min(1).max(50),
  })
  .partial()
  .strict();
export type MethodOverrides = z.infer<typeof MethodOverrides>;

/** What a run records of the import it was computed with. */
export interface SelfAssessmentMeta {
  importedAt: string;
  /** SHA-256 over the sorted "unit, field, points" lines of the import. */
  fingerprint: string;
  /** How many units the import has. */
  units: number;
}

/** The survey and self-assessment parts side by side, and their sum (step 8). */
export interface UnitTotal {
  /** The appraised self-assessment and its maximum (100 − the survey budget). */
  selfAssessment: number;
  selfAssessmentMax: number;
  /** Per field, where the office gave them; [] otherwise. */
  fields: { code: string; selfAssessment: number }[];
  /** The survey component (= surveyScore) and the survey budget. */
  survey: number;
  surveyMax: number;
  /** selfAssessment + survey, out of selfAssessmentMax + surveyMax (100). */
  score: number;
  max: number;
  /**
   * Rank by parIndex within the index, highest first, equal indexes sharing a rank; null for a
   * unit without survey data (as the survey ranking leaves it out).
   */
  rank: number | null;
}

/** A unit of a run's results: the contract's UnitResult and its total, when there is one. */
export interface RunUnitResult extends UnitResult {
  total: UnitTotal | null;
}

/** The A–E counts of one question about one unit, over every group; null where hidden. */
export interface Distribution {
  questionnaireId: string;
  questionId: string;
  criterion: string;
  unitCode: string;
  /** The small-group rule hides this unit × criterion's breakdown, and so this distribution. */
  hidden: boolean;
  counts: Record<OptionCode, number> | null;
  total: number | null;
}

/** The contract's results JSON ("Results"), with the campaign and the run's bookkeeping. */
export interface ResultsDocument {
  campaign: { id: string; name: string };
  method: {
    profile: string;
    weighting: Method['weighting'];
    groupWeights: Record<string, string>;
    emptyCriterion: Method['emptyCriterion'];
    minCellSize: number;
    definitionCode: string;
    definitionVersion: number;
    runId: string;
    createdAt: string;
    official: boolean;
    trial: boolean;
    locked: boolean;
    lockedAt: string | null;
  };
  fingerprint: string;
  submissionCount: number;
  /**
   * The appraised self-assessment the run's totals (step 8) were computed with: its import time
   * and fingerprint; null when none was imported when the run was made (then every parIndex is
   * null). A later import does not change a stored run.
   */
  selfAssessment: SelfAssessmentMeta | null;
  units: RunUnitResult[];
  /**
   * Units this trial leaves out: it weighs the groups otherwise than the campaign's method, and
   * each of these units has a criterion whose breakdown the small-group rule hides. Its score
   * beside the official one would give that group's answers away. Empty for official runs.
   */
  withheld: WithheldUnit[];
}

export interface WithheldUnit {
  code: string;
  name: string;
  index: string;
}

/** `POST /api/campaigns/:id/runs`: an empty body is the official run; `method` makes a trial. */
export const NewRun = z.object({ method: MethodOverrides.optional() }).strict();
export type NewRun = z.infer<typeof NewRun>;
