import { poolCounts } from '../../analysis/lineage';
import { ScoringError } from '../../analysis/ratio';
import { scoreUnits } from '../../analysis/score';
import type { Counts, UnitResult } from '../../analysis/types';
import type { UnitComparison } from '../../contract/console/compare';
import type { RunUnitResult } from '../../contract/results';
import type { Definition, Method } from '../../questionnaires';
import type { UnitTable } from '../db/schema';

/**
 * The reference of a new unit made wholly of old units (docs/method.md §14): the old campaign's
 * counts of those units pooled as one unit — every answer about any of them an answer about the
 * merged unit — and scored with the old locked run's definition and method, in exact fractions
 * like any run. It is the score the merged unit would have had had the old campaign rated it.
 */

export interface OldCampaign {
  definition: Definition;
  /** The method the old locked run was scored with (its stored settings). */
  method: Method;
  units: readonly Pick<UnitTable, 'code' | 'name' | 'kind'>[];
  counts: Counts;
  /** The old locked run's published results. */
  results: readonly RunUnitResult[];
  /** The old campaign's submissions still give the locked run's fingerprint. */
  countsMatch: boolean;
}

export type Reference =
  | { ok: true; result: UnitResult }
  | { ok: false; withheld: NonNullable<UnitComparison['referenceWithheld']> };

/** A published unit had a group breakdown hidden by the small-group rule. */
const hidesGroups = (u: RunUnitResult) =>
  u.groups.some((g) => g.criteria.some((c) => c.nForms === null));

/**
 * The pooled reference of old units `codes` for the new unit `code`, or why there is none.
 * Withheld when a predecessor's breakdown was hidden: under EQUAL_GROUP the pooled value is
 * another weighted mean of the same small group's answers, a further equation in them
 * (docs/anonymity.md §8). Group breakdowns of a pooled reference are never kept: its form counts
 * count a person who rated two predecessors twice, so they cannot show a cell has k people.
 */
export function pooledReference(
  old: OldCampaign,
  code: string,
  name: string,
  codes: readonly string[],
): Reference {
  if (!old.countsMatch) return { ok: false, withheld: 'counts_changed' };
  const published = codes.map((c) => old.results.find((u) => u.code === c));
  const indexes = new Set(published.map((u) => u?.index));
  const first = published[0];
  if (!first || indexes.size !== 1 || published.some((u) => u === undefined))
    return { ok: false, withheld: 'other_index' };
  if (published.some((u) => u && hidesGroups(u))) return { ok: false, withheld: 'small_groups' };
  const kind = old.units.find((u) => u.code === first.code)?.kind;
  if (!kind) return { ok: false, withheld: 'other_index' };
  let results: UnitResult[];
  try {
    results = scoreUnits(
      old.definition,
      [{ code, name, kind }],
      poolCounts(old.counts, codes, code),
      { method: old.method },
    );
  } catch (err) {
    if (err instanceof ScoringError) return { ok: false, withheld: 'counts_changed' };
    throw err;
  }
  const result = results.find((r) => r.index === first.index);
  if (!result) return { ok: false, withheld: 'other_index' };
  return { ok: true, result: { ...result, groups: [] } };
}
