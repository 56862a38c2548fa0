import { z } from 'zod';
import type { UnitResult as AnalysisUnitResult } from '../analysis/types';
import { Coefficient, Method, OPTION_CODES } from '../questionnaires/schema';

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
export const SelfAssessmentMeta = z.object({
  importedAt: z.string(),
  /** SHA-256 over the sorted "unit, field, points" lines of the import. */
  fingerprint: z.string(),
  /** How many units the import has. */
  units: z.number().int(),
  /**
   * The fields whose points came from a locked SIPAS run instead of the self-assessment
   * (docs/method.md §19.5), each with the run's own words; absent when no field is linked.
   */
  sipas: z
    .array(
      z.object({
        fieldCode: z.string(),
        maxPoints: z.string(),
        runId: z.string(),
        sipasCampaignId: z.string(),
        lockedAt: z.string(),
        text: z.string(),
        /**
         * Units with a SIPAS index that kept their self-assessment for the field (§19.5):
         * `total_only` (the import gave the total only), `over_maximum` (the SIPAS points would
         * take the self-assessment over its maximum); absent when there are none.
         */
        kept: z
          .array(
            z.object({
              code: z.string(),
              reason: z.enum(['total_only', 'over_maximum']),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});
export type SelfAssessmentMeta = z.infer<typeof SelfAssessmentMeta>;

/** The survey and self-assessment parts side by side, and their sum (step 8). */
export const UnitTotal = z.object({
  /** The appraised self-assessment and its maximum (100 − the survey budget). */
  selfAssessment: z.number(),
  selfAssessmentMax: z.number(),
  /** Per field, where the office gave them; [] otherwise. */
  fields: z.array(
    z.object({
      code: z.string(),
      selfAssessment: z.number(),
      /** 'sipas' when the field's points are the SIPAS index × its maximum (§19.5). */
      source: z.literal('sipas').optional(),
    }),
  ),
  /** The survey component (= surveyScore) and the survey budget. */
  survey: z.number(),
  surveyMax: z.number(),
  /** selfAssessment + survey, out of selfAssessmentMax + surveyMax (100). */
  score: z.number(),
  max: z.number(),
  /**
   * Rank by parIndex within the index, highest first, equal indexes sharing a rank; null for a
   * unit without survey data (as the survey ranking leaves it out).
   */
  rank: z.number().int().nullable(),
});
export type UnitTotal = z.infer<typeof UnitTotal>;

/** A field's score (analysis/types.ts FieldResult). */
export const FieldResult = z.object({
  code: z.string(),
  score: z.number(),
  max: z.number(),
  /** Null when the field's maximum is 0: under RESCALE, a field none of whose criteria has data. */
  percent: z.number().nullable(),
});

/** A criterion's score (analysis/types.ts CriterionResult). */
export const CriterionResult = z.object({
  code: z.string(),
  /** The rounded S(c,u); null under RESCALE when the criterion has no data (it is left out). */
  score: z.number().nullable(),
  max: z.number(),
  /** R(c,u), unrounded; null without a valid answer. */
  ratio: z.number().nullable(),
  /** Valid (A–D) answers to the criterion's questions about the unit, every group. */
  nValid: z.number().int(),
  /** "Không biết/Không trả lời" (E) answers, left out of the ratio. */
  nExcluded: z.number().int(),
  /** "Không đủ dữ liệu": no valid answer from any group. */
  noData: z.boolean(),
});

/** A group's breakdown of a unit (analysis/types.ts GroupResult). */
export const GroupResult = z.object({
  code: z.string(),
  criteria: z.array(
    z.object({
      code: z.string(),
      /** Null (with `ratio`) where the small-group rule hides this unit × criterion's breakdown. */
      nForms: z.number().int().nullable(),
      ratio: z.number().nullable(),
    }),
  ),
});

/** A unit's results as scoring gives them (analysis/types.ts UnitResult, docs/contract.md §6). */
export const UnitResult = z.object({
  code: z.string(),
  name: z.string(),
  /** Code of the index definition that scored the unit ("HUYEN", "XA"). */
  index: z.string(),
  surveyScore: z.number(),
  maxScore: z.number(),
  surveyPercent: z.number(),
  /** Total PAR % once the appraised self-assessment is imported (step 8). */
  parIndex: z.number().nullable(),
  /** No criterion of the unit has a valid answer: the component is 0 and flagged. */
  noData: z.boolean(),
  fields: z.array(FieldResult),
  criteria: z.array(CriterionResult),
  groups: z.array(GroupResult),
});

/**
 * A unit of a run's results: the contract's UnitResult, the unit's official (GSO) code when its
 * unit set gives one (null for runs stored before units had one), and its total, when there is one.
 */
export const RunUnitResult = UnitResult.extend({
  officialCode: z.string().nullable(),
  total: UnitTotal.nullable(),
});
export type RunUnitResult = z.infer<typeof RunUnitResult>;

/** The A–E counts of one question about one unit, over every group; null where hidden. */
export const Distribution = z.object({
  questionnaireId: z.string(),
  questionId: z.string(),
  criterion: z.string(),
  unitCode: z.string(),
  /** The small-group rule hides this unit × criterion's breakdown, and so this distribution. */
  hidden: z.boolean(),
  counts: z.record(z.enum(OPTION_CODES), z.number().int()).nullable(),
  total: z.number().int().nullable(),
});
export type Distribution = z.infer<typeof Distribution>;

export const WithheldUnit = z.object({ code: z.string(), name: z.string(), index: z.string() });
export type WithheldUnit = z.infer<typeof WithheldUnit>;

/** Official or trial, locked or not (docs/method.md §10). */
const RunStatus = {
  official: z.boolean(),
  trial: z.boolean(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
};

/** The contract's results JSON ("Results"), with the campaign and the run's bookkeeping. */
export const ResultsDocument = z.object({
  campaign: z.object({ id: z.string(), name: z.string() }),
  method: z.object({
    profile: z.string(),
    weighting: Method.shape.weighting,
    groupWeights: z.record(z.string(), z.string()),
    emptyCriterion: Method.shape.emptyCriterion,
    minCellSize: z.number().int(),
    definitionCode: z.string(),
    definitionVersion: z.number().int(),
    runId: z.string(),
    createdAt: z.string(),
    ...RunStatus,
  }),
  fingerprint: z.string(),
  submissionCount: z.number().int(),
  /**
   * The appraised self-assessment the run's totals (step 8) were computed with: its import time
   * and fingerprint; null when none was imported when the run was made (then every parIndex is
   * null). A later import does not change a stored run.
   */
  selfAssessment: SelfAssessmentMeta.nullable(),
  units: z.array(RunUnitResult),
  /**
   * Units this trial leaves out: it weighs the groups otherwise than the campaign's method, and
   * each of these units has a criterion whose breakdown the small-group rule hides. Its score
   * beside the official one would give that group's answers away. Empty for official runs.
   */
  withheld: z.array(WithheldUnit),
  /**
   * Paper sheets still awaited when the run was made: stubs received before closing whose sheets
   * were not typed yet (they may still be, until results are locked). 0 when none.
   */
  paperWaiting: z.number().int(),
});
export type ResultsDocument = z.infer<typeof ResultsDocument>;

/** One row of `GET /api/campaigns/:id/runs`: a run without its results. */
export const RunSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  definitionCode: z.string(),
  definitionVersion: z.number().int(),
  /** The method the run was computed with, as stored. */
  settings: Method,
  ...RunStatus,
  lockedBy: z.string().nullable(),
  fingerprint: z.string(),
  submissionCount: z.number().int(),
  /** The self-assessment the run's totals used (step 8), null for none. */
  selfAssessment: SelfAssessmentMeta.nullable(),
  /** The run's submissions are still the campaign's (nothing arrived or changed since). */
  current: z.boolean(),
  /** …and so is its self-assessment: with both, the run can be locked. */
  selfAssessmentCurrent: z.boolean(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** `GET /api/campaigns/:id/runs`. */
export const RunList = z.object({
  /** The fingerprint of the campaign's submissions now. */
  fingerprint: z.string(),
  submissionCount: z.number().int(),
  /** Newest first. */
  runs: z.array(RunSummary),
});
export type RunList = z.infer<typeof RunList>;

export const DistributionRow = Distribution.extend({
  unitName: z.string(),
  questionText: z.string(),
  /** "ẩn (dưới k phiếu)" where hidden. */
  note: z.string().nullable(),
});
export type DistributionRow = z.infer<typeof DistributionRow>;

/** `GET /api/campaigns/:id/runs/:run/distributions`. */
export const Distributions = z.object({
  runId: z.string(),
  minCellSize: z.number().int(),
  rows: z.array(DistributionRow),
});
export type Distributions = z.infer<typeof Distributions>;

/** The schema's unit results are analysis/types.ts's, exactly (a compile-time check). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameUnitResult: Same<z.infer<typeof UnitResult>, AnalysisUnitResult> = true;
void sameUnitResult;

/** `POST /api/campaigns/:id/runs`: an empty body is the official run; `method` makes a trial. */
export const NewRun = z.object({ method: MethodOverrides.optional() }).strict();
export type NewRun = z.infer<typeof NewRun>;
