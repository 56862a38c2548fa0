import type { Definition, IndexDefinition, Method } from '../questionnaires/schema';
import {
  add,
  div,
  type Fraction,
  fraction,
  mul,
  parseFraction,
  roundedFraction,
  roundHalfUp,
  toNumber,
  ZERO,
} from './fraction';
import { type CriterionRating, rateCriteria } from './ratio';
import type {
  Counts,
  CriterionResult,
  FieldResult,
  GroupResult,
  UnitRef,
  UnitResult,
} from './types';

/**
 * Steps 5–7 of the method (docs/method.md §6–8) and the small-group rule (§12), shaped as
 * the contract's results JSON (docs/contract.md §6). Pure: same input, same output, no I/O.
 */

export interface ScoreOptions {
  /** Settings that differ from the definition's own method: a trial run (step 9). */
  method?: Partial<Method>;
}

const HUNDRED = fraction(100);
const NO_RATING: CriterionRating = { ratio: null, nValid: 0, nExcluded: 0, groups: new Map() };

/**
 * Scores every unit that an index of `definition` rates (its kind is in `unitKinds`), index by
 * index in definition order, units in the order given, with `definition.method` overridden by
 * `options.method`. A unit nobody answered about is still listed, with `noData`.
 * @throws ScoringError when the counts do not belong to this definition and unit set.
 */
export function scoreUnits(
  definition: Definition,
  units: readonly UnitRef[],
  counts: Counts,
  options: ScoreOptions = {},
): UnitResult[] {
  const method: Method = { ...definition.method, ...options.method };
  const ratings = rateCriteria(definition, units, counts, method);
  return definition.indexes.flatMap((index) => {
    const asked = criteriaByGroup(definition, index);
    return units
      .filter((u) => index.unitKinds.includes(u.kind))
      .map((u) => scoreUnit(index, u, ratings.get(u.code), asked, method));
  });
}

/** The groups whose questionnaires rate `index`, each with the criteria they ask about. */
function criteriaByGroup(definition: Definition, index: IndexDefinition) {
  const result = new Map<string, Set<string>>();
  for (const group of definition.groups) {
    const criteria = new Set(
      definition.questionnaires
        .filter((q) => q.index === index.code && group.questionnaires.includes(q.id))
        .flatMap((q) => q.questions.map((x) => x.criterion)),
    );
    if (criteria.size > 0) result.set(group.code, criteria);
  }
  return result;
}

/** score / max × 100, half-up to 2 decimals (step 6); null when there is no maximum. */
function percentOf(score: Fraction, max: Fraction): number | null {
  return max.num === 0n ? null : Number(roundHalfUp(mul(div(score, max), HUNDRED), 2));
}

/**
 * The small-group rule: a unit × criterion's breakdown is shown only when every group that
 * answered it has at least `minCellSize` forms with a valid answer about the unit. A group
 * with valid answers but no form count is taken as too small: hiding is the safe default.
 */
function breakdownHidden(rating: CriterionRating, minCellSize: number): boolean {
  return [...rating.groups.values()].some(
    (g) => (g.nForms > 0 || g.nValid > 0) && g.nForms < minCellSize,
  );
}

function scoreUnit(
  index: IndexDefinition,
  unit: UnitRef,
  ratings: ReadonlyMap<string, CriterionRating> | undefined,
  asked: ReadonlyMap<string, ReadonlySet<string>>,
  method: Method,
): UnitResult {
  const rescale = method.emptyCriterion === 'RESCALE';
  const criteria: CriterionResult[] = [];
  const fields: FieldResult[] = [];
  const hidden = new Map<string, boolean>();
  let maxAll = ZERO;
  let scoreWithData = ZERO;
  let maxWithData = ZERO;
  let anyData = false;

  for (const field of index.fields) {
    let fieldScore = ZERO;
    let fieldMax = ZERO;
    for (const c of field.criteria) {
      const rating = ratings?.get(c.code) ?? NO_RATING;
      const max = parseFraction(c.maxPoints);
      // Step 5: S = M × R on the exact value, rounded half-up to 2 decimals; round only here.
      const score = rating.ratio === null ? null : roundedFraction(mul(max, rating.ratio), 2);
      maxAll = add(maxAll, max);
      if (score !== null) {
        anyData = true;
        scoreWithData = add(scoreWithData, score);
        maxWithData = add(maxWithData, max);
      }
      // Step 7: ZERO counts an empty criterion as 0 of its maximum; RESCALE leaves it out.
      if (score !== null || !rescale) {
        fieldScore = add(fieldScore, score ?? ZERO);
        fieldMax = add(fieldMax, max);
      }
      hidden.set(c.code, breakdownHidden(rating, method.minCellSize));
      criteria.push({
        code: c.code,
        score: score !== null ? toNumber(score) : rescale ? null : 0,
        max: toNumber(max),
        ratio: rating.ratio === null ? null : toNumber(rating.ratio),
        nValid: rating.nValid,
        nExcluded: rating.nExcluded,
        noData: score === null,
      });
    }
    // Step 6: the field score is the sum of its criteria's rounded scores.
    fields.push({
      code: field.code,
      score: toNumber(fieldScore),
      max: toNumber(fieldMax),
      percent: percentOf(fieldScore, fieldMax),
    });
  }

  // Step 7, RESCALE: Σ rounded S × M_total / M_with data, rounded once; no data at all → 0.
  const surveyScore =
    rescale && maxWithData.num > 0n
      ? roundedFraction(div(mul(scoreWithData, maxAll), maxWithData), 2)
      : scoreWithData;

  const groups: GroupResult[] = [...asked].map(([code, codes]) => ({
    code,
    criteria: index.fields
      .flatMap((f) => f.criteria)
      .filter((c) => codes.has(c.code))
      .map((c) => {
        const g = ratings?.get(c.code)?.groups.get(code);
        if (hidden.get(c.code)) return { code: c.code, nForms: null, ratio: null };
        return {
          code: c.code,
          nForms: g?.nForms ?? 0,
          ratio: g?.ratio ? toNumber(g.ratio) : null,
        };
      }),
  }));

  return {
    code: unit.code,
    name: unit.name,
    index: index.code,
    surveyScore: toNumber(surveyScore),
    maxScore: toNumber(maxAll),
    surveyPercent: percentOf(surveyScore, maxAll) ?? 0,
    parIndex: null,
    noData: !anyData,
    fields,
    criteria,
    groups,
  };
}
