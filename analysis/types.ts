/**
 * What scoring reads (aggregated counts, never single answers) and what it gives: the
 * contract's results JSON per evaluated unit (docs/contract.md §6).
 */

/** A unit of the campaign's unit set; `kind` decides which index rates it. */
export interface UnitRef {
  code: string;
  name: string;
  kind: string;
}

/** One row of `GROUP BY unit, questionnaire, question, group, option` over the answers. */
export interface AnswerCount {
  unitCode: string;
  questionnaireId: string;
  questionId: string;
  groupCode: string;
  /** A–D graded, E "Không biết/Không trả lời". */
  option: string;
  n: number;
}

/**
 * Forms of a group with at least one valid (A–D) answer to a question on `criterion` about
 * `unitCode`: what the small-group rule counts.
 */
export interface FormCount {
  unitCode: string;
  criterion: string;
  groupCode: string;
  n: number;
}

export interface Counts {
  answers: readonly AnswerCount[];
  forms: readonly FormCount[];
}

export interface FieldResult {
  code: string;
  score: number;
  max: number;
  /** Null when the field's maximum is 0: under RESCALE, a field none of whose criteria has data. */
  percent: number | null;
}

export interface CriterionResult {
  code: string;
  /** The rounded S(c,u); null under RESCALE when the criterion has no data (it is left out). */
  score: number | null;
  max: number;
  /** R(c,u), unrounded; null without a valid answer. */
  ratio: number | null;
  /** Valid (A–D) answers to the criterion's questions about the unit, every group. */
  nValid: number;
  /** "Không biết/Không trả lời" (E) answers, left out of the ratio. */
  nExcluded: number;
  /** "Không đủ dữ liệu": no valid answer from any group. */
  noData: boolean;
}

export interface GroupCriterionResult {
  code: string;
  /** Null (with `ratio`) where the small-group rule hides this unit × criterion's breakdown. */
  nForms: number | null;
  ratio: number | null;
}

export interface GroupResult {
  code: string;
  criteria: GroupCriterionResult[];
}

export interface UnitResult {
  code: string;
  name: string;
  /** Code of the index definition that scored the unit ("HUYEN", "XA"). */
  index: string;
  surveyScore: number;
  maxScore: number;
  surveyPercent: number;
  /** Total PAR % once the appraised self-assessment is imported (step 8); not yet. */
  parIndex: number | null;
  /** No criterion of the unit has a valid answer: the component is 0 and flagged. */
  noData: boolean;
  fields: FieldResult[];
  criteria: CriterionResult[];
  groups: GroupResult[];
}
