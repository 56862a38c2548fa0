import { formatFraction, parseFraction } from '../../analysis/fraction';
import type { UnitResult } from '../../analysis/types';
import type { MethodOverrides, WithheldUnit } from '../../contract/results';
import type { Definition, Method } from '../../questionnaires';
import { ApiError } from '../errors';

/**
 * Which method a run scores with, whether that is the campaign's own (official) or a trial,
 * and what a trial may show (docs/method.md §10, §12). Pure: no database.
 */

/** Group weights written the same way, weights of 1 left out: {"A": "1.0"} is {}. */
function normalWeights(weights: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(weights)
      .map(([g, w]) => [g, formatFraction(parseFraction(w))] as const)
      .filter(([, w]) => w !== '1')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** The method in a fixed key order, as stored and as compared. */
export function canonicalMethod(m: Method): Method {
  return {
    scaleProfile: m.scaleProfile,
    weighting: m.weighting,
    groupWeights: normalWeights(m.groupWeights),
    emptyCriterion: m.emptyCriterion,
    minCellSize: m.minCellSize,
  };
}

/** Whether `method` is the campaign's own method: then the run is official (step 9). */
export function isOfficial(definition: Definition, method: Method): boolean {
  return (
    JSON.stringify(canonicalMethod(method)) === JSON.stringify(canonicalMethod(definition.method))
  );
}

/** What is wrong with `method` for this definition; [] when nothing is. */
export function methodProblems(definition: Definition, method: Method): string[] {
  const problems: string[] = [];
  if (!definition.scaleProfiles.some((p) => p.code === method.scaleProfile))
    problems.push(`Thang điểm "${method.scaleProfile}" không có trong bộ chỉ số.`);
  for (const [group, weight] of Object.entries(method.groupWeights)) {
    if (!definition.groups.some((g) => g.code === group))
      problems.push(`Nhóm đối tượng "${group}" không có trong bộ chỉ số.`);
    if (parseFraction(weight).num <= 0n)
      problems.push(`Trọng số của nhóm "${group}" phải lớn hơn 0.`);
  }
  if (method.minCellSize < definition.method.minCellSize)
    problems.push(
      `Không thể hạ ngưỡng nhóm nhỏ dưới ${definition.method.minCellSize} phiếu: như vậy sẽ lộ số liệu của nhóm quá ít người.`,
    );
  return problems;
}

/**
 * The definition's method with `overrides` applied, checked against the definition. A trial may
 * not lower the small-group threshold: that would show the breakdowns the rule hides.
 * @throws ApiError 422 `invalid_method`.
 */
export function effectiveMethod(definition: Definition, overrides: MethodOverrides = {}): Method {
  const method: Method = {
    ...definition.method,
    ...overrides,
    groupWeights: overrides.groupWeights ?? definition.method.groupWeights,
  };
  const problems = methodProblems(definition, method);
  if (problems.length > 0)
    throw new ApiError(422, 'invalid_method', 'Thiết lập cách tính không hợp lệ.', problems);
  return canonicalMethod(method);
}

/**
 * Whether `method` scores the groups otherwise than the campaign's own: another weighting, other
 * weights under EQUAL_GROUP, or another scale profile (other coefficients). Two such results of
 * one unit are two equations in its groups' answers: with the group counts (tracking shows them)
 * they solve for a group of one or two. Only the empty-criterion rule is safe to change: it
 * decides criteria that nobody answered.
 */
export function exposesGroups(definition: Definition, method: Method): boolean {
  const own = canonicalMethod(definition.method);
  const m = canonicalMethod(method);
  if (m.weighting !== own.weighting || m.scaleProfile !== own.scaleProfile) return true;
  return (
    m.weighting === 'EQUAL_GROUP' &&
    JSON.stringify(m.groupWeights) !== JSON.stringify(own.groupWeights)
  );
}

/**
 * The units a run shows, and those it must leave out: none for the campaign's own method; for a
 * trial that scores the groups otherwise, every unit with a hidden breakdown (its total and
 * fields would otherwise carry the hidden criterion too).
 */
export function withholdSmallGroups<U extends UnitResult>(
  definition: Definition,
  method: Method,
  results: readonly U[],
): { shown: U[]; withheld: WithheldUnit[] } {
  if (!exposesGroups(definition, method)) return { shown: [...results], withheld: [] };
  const hidden = new Set(
    results
      .filter((u) => u.groups.some((g) => g.criteria.some((c) => c.nForms === null)))
      .map((u) => u.code),
  );
  return {
    shown: results.filter((u) => !hidden.has(u.code)),
    withheld: results
      .filter((u) => hidden.has(u.code))
      .map((u) => ({ code: u.code, name: u.name, index: u.index })),
  };
}
