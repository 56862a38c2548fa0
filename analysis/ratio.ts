import {
  type Definition,
  DONT_KNOW,
  GRADED_OPTIONS,
  type IndexDefinition,
  type Method,
} from '../questionnaires/schema';
import { add, div, type Fraction, fraction, mul, ONE, parseFraction, sum, ZERO } from './fraction';
import type { Counts, UnitRef } from './types';

/**
 * Steps 1–4 of the method (docs/method.md §4–5): from aggregated answer counts to the
 * exact criterion ratios R(c,u) and, per respondent group, R(c,g,u). Nothing is rounded here.
 */

/** The answers do not match the definition or unit set being scored with; scoring refuses. */
export class ScoringError extends Error {
  override name = 'ScoringError';
}

export interface GroupRating {
  /** Forms of the group with a valid answer on the criterion about the unit (small-group rule). */
  nForms: number;
  nValid: number;
  /** R(c,g,u): mean of the group's question ratios; null without a valid answer. */
  ratio: Fraction | null;
}

export interface CriterionRating {
  /** R(c,u) under the method's weighting; null when no group gave a valid answer. */
  ratio: Fraction | null;
  nValid: number;
  nExcluded: number;
  groups: ReadonlyMap<string, GroupRating>;
}

/** unit code → criterion code → rating; a unit × criterion nobody answered is absent. */
export type Ratings = ReadonlyMap<string, ReadonlyMap<string, CriterionRating>>;

export type RatingMethod = Pick<Method, 'scaleProfile' | 'weighting' | 'groupWeights'>;

interface QuestionTally {
  sumK: Fraction;
  n: number;
}

interface Cell {
  nValid: number;
  nExcluded: number;
  /** Σ k(a) over every valid answer, whatever the group: the POOLED numerator. */
  sumK: Fraction;
  /** group → question → tally, for R(q,g,u) and R(c,g,u). */
  byGroup: Map<string, Map<string, QuestionTally>>;
  forms: Map<string, number>;
}

const fail = (message: string): never => {
  throw new ScoringError(message);
};

function coefficientsOf(definition: Definition, code: string): ReadonlyMap<string, Fraction> {
  const profile =
    definition.scaleProfiles.find((p) => p.code === code) ??
    fail(`Thang điểm "${code}" không có trong định nghĩa`);
  return new Map(GRADED_OPTIONS.map((o) => [o, parseFraction(profile.coefficients[o])]));
}

function weightsOf(method: RatingMethod): ReadonlyMap<string, Fraction> {
  return new Map(
    Object.entries(method.groupWeights).map(([group, text]) => {
      const w = parseFraction(text);
      // A zero weight could leave a criterion with data but no defined mean.
      if (w.num <= 0n) fail(`Trọng số của nhóm "${group}" phải lớn hơn 0`);
      return [group, w];
    }),
  );
}

/** Where each question of the definition goes, and who may answer what about which unit. */
function lookups(definition: Definition, units: readonly UnitRef[]) {
  const indexes = new Map(definition.indexes.map((i) => [i.code, i]));
  const questions = new Map<string, { criterion: string; index: IndexDefinition }>();
  for (const q of definition.questionnaires) {
    const index = indexes.get(q.index) ?? fail(`Bộ chỉ số "${q.index}" không tồn tại`);
    for (const x of q.questions)
      questions.set(`${q.id}\u0000${x.id}`, { criterion: x.criterion, index });
  }
  return {
    questions,
    criteria: new Set(
      definition.indexes.flatMap((i) => i.fields.flatMap((f) => f.criteria.map((c) => c.code))),
    ),
    groups: new Map(definition.groups.map((g) => [g.code, new Set(g.questionnaires)])),
    kinds: new Map(units.map((u) => [u.code, u.kind])),
  };
}

function checkCount(n: number): number {
  return Number.isSafeInteger(n) && n >= 0 ? n : fail(`Số đếm không hợp lệ: ${n}`);
}

/**
 * Tallies the counts and computes every R(c,u) and R(c,g,u) exactly. Ratings key on the
 * criterion code alone: codes are unique across indexes (loadDefinition checks it).
 * @throws ScoringError when a count names a questionnaire, question, group, unit or option the
 * definition and unit set do not have (or a group or unit its questionnaire is not for): the
 * data then belongs to another definition, and a partial score would be published as whole.
 */
export function rateCriteria(
  definition: Definition,
  units: readonly UnitRef[],
  counts: Counts,
  method: RatingMethod,
): Ratings {
  const k = coefficientsOf(definition, method.scaleProfile);
  const weights = weightsOf(method);
  const look = lookups(definition, units);
  const cells = new Map<string, Map<string, Cell>>();
  const cellOf = (unit: string, criterion: string): Cell => {
    const byCriterion = cells.get(unit) ?? new Map<string, Cell>();
    cells.set(unit, byCriterion);
    const cell = byCriterion.get(criterion) ?? {
      nValid: 0,
      nExcluded: 0,
      sumK: ZERO,
      byGroup: new Map(),
      forms: new Map(),
    };
    byCriterion.set(criterion, cell);
    return cell;
  };

  for (const row of counts.answers) {
    const key = `${row.questionnaireId}\u0000${row.questionId}`;
    const question =
      look.questions.get(key) ??
      fail(`Câu "${row.questionId}" của phiếu "${row.questionnaireId}" không có trong định nghĩa`);
    if (!look.groups.get(row.groupCode)?.has(row.questionnaireId)) {
      fail(`Nhóm "${row.groupCode}" không được giao phiếu "${row.questionnaireId}"`);
    }
    const kind = look.kinds.get(row.unitCode);
    if (kind === undefined || !question.index.unitKinds.includes(kind)) {
      fail(`Đơn vị "${row.unitCode}" không được đánh giá bằng phiếu "${row.questionnaireId}"`);
    }
    const n = checkCount(row.n);
    const cell = cellOf(row.unitCode, question.criterion);
    // Step 1: "Không biết/Không trả lời" is counted, never scored.
    if (row.option === DONT_KNOW) {
      cell.nExcluded += n;
      continue;
    }
    const coefficient = k.get(row.option) ?? fail(`Phương án "${row.option}" không hợp lệ`);
    const sumK = mul(coefficient, fraction(n));
    cell.nValid += n;
    cell.sumK = add(cell.sumK, sumK);
    const byQuestion = cell.byGroup.get(row.groupCode) ?? new Map<string, QuestionTally>();
    cell.byGroup.set(row.groupCode, byQuestion);
    const tally = byQuestion.get(key) ?? { sumK: ZERO, n: 0 };
    byQuestion.set(key, { sumK: add(tally.sumK, sumK), n: tally.n + n });
  }

  for (const row of counts.forms) {
    if (!look.criteria.has(row.criterion)) fail(`Tiêu chí "${row.criterion}" không tồn tại`);
    if (!look.groups.has(row.groupCode)) fail(`Nhóm "${row.groupCode}" không tồn tại`);
    if (!look.kinds.has(row.unitCode)) fail(`Đơn vị "${row.unitCode}" không tồn tại`);
    const forms = cellOf(row.unitCode, row.criterion).forms;
    forms.set(row.groupCode, (forms.get(row.groupCode) ?? 0) + checkCount(row.n));
  }

  return new Map(
    [...cells].map(([unit, byCriterion]) => [
      unit,
      new Map([...byCriterion].map(([c, cell]) => [c, rateCell(cell, method.weighting, weights)])),
    ]),
  );
}

function rateCell(
  cell: Cell,
  weighting: Method['weighting'],
  weights: ReadonlyMap<string, Fraction>,
): CriterionRating {
  const groups = new Map<string, GroupRating>();
  for (const code of new Set([...cell.byGroup.keys(), ...cell.forms.keys()])) {
    const tallies = [...(cell.byGroup.get(code)?.values() ?? [])].filter((t) => t.n > 0);
    // Step 2: R(q,g,u) = mean of k(a) over the valid answers;
    // step 3: R(c,g,u) = mean of R(q,g,u) over the group's questions with a valid answer.
    const perQuestion = tallies.map((t) => div(t.sumK, fraction(t.n)));
    groups.set(code, {
      nForms: cell.forms.get(code) ?? 0,
      nValid: tallies.reduce((s, t) => s + t.n, 0),
      ratio: perQuestion.length > 0 ? div(sum(perQuestion), fraction(perQuestion.length)) : null,
    });
  }
  // Step 4: POOLED weighs every valid answer alike; EQUAL_GROUP weighs every group with data
  // alike (or by its configured weight), however many forms it returned.
  let ratio: Fraction | null = null;
  if (weighting === 'POOLED') {
    ratio = cell.nValid > 0 ? div(cell.sumK, fraction(cell.nValid)) : null;
  } else {
    let weighted = ZERO;
    let total = ZERO;
    for (const [code, g] of groups) {
      if (g.ratio === null) continue;
      const w = weights.get(code) ?? ONE;
      weighted = add(weighted, mul(w, g.ratio));
      total = add(total, w);
    }
    ratio = total.num > 0n ? div(weighted, total) : null;
  }
  return { ratio, nValid: cell.nValid, nExcluded: cell.nExcluded, groups };
}
