import {
  add,
  div,
  type Fraction,
  fraction,
  mul,
  parseFraction,
  roundHalfUp,
  sub,
  toNumber,
} from '../../analysis/fraction';
import type { UnitResult } from '../../analysis/types';
import type { RunUnitResult, SelfAssessmentMeta } from '../../contract/results';
import type { Definition } from '../../questionnaires';
import {
  type KeptUnit,
  type LinkedField,
  type UnitSelfAssessment,
  withSipasFields,
} from './total-sipas';

export type { LinkedField, UnitSelfAssessment } from './total-sipas';

/**
 * The total PAR index (docs/method.md §9, step 8): once the appraised self-assessment
 * is imported, PAR% = (self-assessment + survey component) / (self-assessment maximum + survey
 * budget) × 100, half-up to 2 decimals on the exact value. The self-assessment maximum is 100
 * minus the index's survey budget (70 for the district, 80 for a commune here). Pure.
 */

const HUNDRED = fraction(100);

export interface SelfAssessmentSnapshot extends SelfAssessmentMeta {
  byUnit: ReadonlyMap<string, UnitSelfAssessment>;
}

/**
 * Exact decimal text of points (at most 4 decimals: points, their sums, 100 − a budget), with
 * at least 2 decimals: "70.00", "60.50", "70.255".
 */
export function decimalText(f: Fraction): string {
  return roundHalfUp(f, 4).replace(/(\.\d\d\d*?)0+$/, '$1');
}

/** Points as a person reads them: "70", "60,5". */
export const spoken = (f: Fraction) =>
  decimalText(f)
    .replace(/\.?0+$/, '')
    .replace('.', ',');

/** The self-assessment maximum of an index: 100 − its survey budget. */
export function selfAssessmentMax(budget: string): Fraction {
  return sub(HUNDRED, parseFraction(budget));
}

/**
 * A score as the run stored it (a number that is a 2-decimal value: a sum of rounded criterion
 * scores, or a rescaled component rounded once) back to its exact value.
 * @throws Error if the number is not such a value (the results were not made by scoreUnits).
 */
export function exactScore(n: number): Fraction {
  const f = parseFraction(n.toFixed(2));
  if (toNumber(f) !== n) throw new Error(`Điểm ${n} không phải số có 2 chữ số thập phân`);
  return f;
}

/**
 * Step 8 for one unit: PAR% as a number with 2 decimals, from the exact values.
 * `(60.50 + 24.30) / (70 + 30) × 100 = 84.80`.
 */
export function parPercent(
  self: Fraction,
  survey: Fraction,
  selfMax: Fraction,
  surveyMax: Fraction,
): number {
  return Number(roundHalfUp(mul(div(add(self, survey), add(selfMax, surveyMax)), HUNDRED), 2));
}

/**
 * Ranks by parIndex within each index, highest first; equal published indexes share a rank
 * ("1, 2, 2, 4"). Units without a parIndex, or without survey data, are not ranked.
 */
export function parRanks(
  units: readonly Pick<UnitResult, 'code' | 'index' | 'parIndex' | 'noData'>[],
): Map<string, number> {
  const out = new Map<string, number>();
  const ranked = units.filter((u) => u.parIndex !== null && !u.noData);
  for (const u of ranked)
    out.set(
      `${u.index}\u0000${u.code}`,
      1 +
        ranked.filter((v) => v.index === u.index && (v.parIndex as number) > (u.parIndex as number))
          .length,
    );
  return out;
}

/**
 * The results with step 8 applied: `parIndex` and `total` for every unit the snapshot has,
 * null for the others (and for every unit when nothing is imported).
 */
export function withTotals<U extends UnitResult>(
  definition: Definition,
  results: readonly U[],
  snapshot: SelfAssessmentSnapshot | null,
  linked: readonly LinkedField[] = [],
): (U & Pick<RunUnitResult, 'total'>)[] {
  const indexes = new Map(definition.indexes.map((i) => [i.code, i]));
  const units = results.map((u): U & Pick<RunUnitResult, 'total'> => {
    const self = snapshot?.byUnit.get(u.code);
    const index = indexes.get(u.index);
    if (!self || !index) return { ...u, parIndex: null, total: null };
    const budget = index.budget;
    const selfMax = selfAssessmentMax(budget);
    const surveyMax = parseFraction(budget);
    const fieldCodes = index.fields.map((f) => f.code);
    const { points: selfPoints, sipas } = withSipasFields(
      self,
      u.code,
      fieldCodes,
      linked,
      selfMax,
    );
    const survey = exactScore(u.surveyScore);
    return {
      ...u,
      parIndex: parPercent(selfPoints, survey, selfMax, surveyMax),
      total: {
        selfAssessment: toNumber(selfPoints),
        selfAssessmentMax: toNumber(selfMax),
        fields: index.fields.flatMap((f) => {
          const fromSipas = sipas.get(f.code);
          if (fromSipas)
            return [
              { code: f.code, selfAssessment: toNumber(fromSipas), source: 'sipas' as const },
            ];
          const points = self.fields.get(f.code);
          return points === undefined
            ? []
            : [{ code: f.code, selfAssessment: toNumber(parseFraction(points)) }];
        }),
        survey: toNumber(survey),
        surveyMax: toNumber(surveyMax),
        score: toNumber(add(selfPoints, survey)),
        max: toNumber(add(selfMax, surveyMax)),
        rank: null,
      },
    };
  });
  const ranks = parRanks(units);
  for (const u of units) if (u.total) u.total.rank = ranks.get(`${u.index}\u0000${u.code}`) ?? null;
  return units;
}

/**
 * Per linked field, the units with a SIPAS index that kept their self-assessment for it, and why
 * (§19.5: a total-only import, or a self-assessment the SIPAS points would take over its maximum),
 * in the results' order: what the run's words count.
 */
export function sipasKept(
  definition: Definition,
  results: readonly Pick<UnitResult, 'code' | 'name' | 'index'>[],
  snapshot: SelfAssessmentSnapshot | null,
  linked: readonly LinkedField[],
): Map<string, KeptUnit[]> {
  const out = new Map<string, KeptUnit[]>(linked.map((l) => [l.fieldCode, []]));
  const indexes = new Map(definition.indexes.map((i) => [i.code, i]));
  for (const u of results) {
    const self = snapshot?.byUnit.get(u.code);
    const index = indexes.get(u.index);
    if (!self || !index) continue;
    const fieldCodes = index.fields.map((f) => f.code);
    const { kept } = withSipasFields(
      self,
      u.code,
      fieldCodes,
      linked,
      selfAssessmentMax(index.budget),
    );
    for (const [fieldCode, reason] of kept)
      out.get(fieldCode)?.push({ code: u.code, name: u.name, reason });
  }
  return out;
}

/** `a − b` for two 2-decimal scores, exactly; null when either is missing. */
export function scoreChange(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  return Number(roundHalfUp(sub(exactScore(a), exactScore(b)), 2));
}
