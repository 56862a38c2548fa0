import type {
  CriterionComparison,
  CriterionSide,
  Presence,
  UnitComparison,
  UnitSide,
} from '../../contract/console/compare';
import type { RunUnitResult } from '../../contract/results';
import { ranks } from './export/format';
import { parRanks, scoreChange } from './total';

/**
 * The pieces of a year-over-year comparison both ways of matching units share (docs/method.md
 * §14): a unit's side, the criteria side by side, the changes; and the matching of units that
 * are the same both years (by official code when both sides have one, else by unit code).
 */

export interface Ranked {
  units: readonly RunUnitResult[];
  rank: Map<string, number>;
  parRank: Map<string, number>;
}

export const ranked = (units: readonly RunUnitResult[]): Ranked => ({
  units,
  rank: ranks(units),
  parRank: parRanks(units),
});

export function side(
  u: Pick<
    RunUnitResult,
    'index' | 'code' | 'surveyScore' | 'maxScore' | 'surveyPercent' | 'parIndex' | 'noData'
  >,
  r?: Ranked,
): UnitSide {
  const key = `${u.index}\u0000${u.code}`;
  return {
    index: u.index,
    surveyScore: u.surveyScore,
    maxScore: u.maxScore,
    surveyPercent: u.surveyPercent,
    parIndex: u.parIndex,
    rank: r?.rank.get(key) ?? null,
    parRank: r?.parRank.get(key) ?? null,
    noData: u.noData,
  };
}

export const presence = (a: unknown, b: unknown): Presence =>
  a && b ? 'both' : a ? 'current_only' : 'previous_only';

const rankChange = (cur: UnitSide | null, prev: UnitSide | null, key: 'rank' | 'parRank') => {
  const now = cur?.[key];
  const then = prev?.[key];
  if (now == null || then == null || cur?.index !== prev?.index) return null;
  return then - now;
};

export function compareCriteria(
  current: Pick<RunUnitResult, 'criteria'> | undefined,
  previous: Pick<RunUnitResult, 'criteria'> | undefined,
): CriterionComparison[] {
  const now = new Map(current?.criteria.map((c) => [c.code, c]));
  const then = new Map(previous?.criteria.map((c) => [c.code, c]));
  const codes = [...now.keys(), ...[...then.keys()].filter((c) => !now.has(c))];
  return codes.map((code) => {
    const a = now.get(code);
    const b = then.get(code);
    const view = (c: typeof a): CriterionSide | null =>
      c ? { score: c.score, max: c.max, ratio: c.ratio, noData: c.noData } : null;
    return {
      code,
      presence: presence(a, b),
      current: view(a),
      previous: view(b),
      scoreChange: a && b && !a.noData && !b.noData ? scoreChange(a.score, b.score) : null,
      maxChanged: a !== undefined && b !== undefined && a.max !== b.max,
    };
  });
}

/** The changes between two sides; ranks as the sides carry them. */
export function changes(cur: UnitSide | null, old: UnitSide | null): UnitComparison['change'] {
  return {
    surveyScore: cur && old ? scoreChange(cur.surveyScore, old.surveyScore) : null,
    surveyPercent: cur && old ? scoreChange(cur.surveyPercent, old.surveyPercent) : null,
    parIndex: cur && old ? scoreChange(cur.parIndex, old.parIndex) : null,
    rank: rankChange(cur, old, 'rank'),
    parRank: rankChange(cur, old, 'parRank'),
  };
}

/** What a comparison entry has when no merger is involved. */
export const plain = {
  referenceWithheld: null,
  predecessors: [],
  rankAmongComparable: null,
} as const;

/**
 * Units of the same administrative geography both years: each of this year's units next to last
 * year's unit with the same official code, or failing that the same unit code; then last year's
 * units nobody matched. Ranks are the published ones (within the index, all units).
 */
export function sameUnits(
  now: Ranked,
  then: Ranked,
  officialNow: ReadonlyMap<string, string>,
  officialThen: ReadonlyMap<string, string>,
  { officialCodesComparable = true } = {},
): UnitComparison[] {
  const byOfficial = new Map<string, RunUnitResult>();
  for (const u of then.units) {
    const o = officialThen.get(u.code);
    if (o) byOfficial.set(o, u);
  }
  const byCode = new Map(then.units.map((u) => [u.code, u]));
  const matched = new Set<RunUnitResult>();
  const pairs = now.units.map((a) => {
    const o = officialNow.get(a.code);
    // Official codes of two eras (before and after the 2025 mergers) name different places: a
    // unit carrying one is then matched with nothing.
    if (!officialCodesComparable && o) return [a, undefined] as const;
    let b = o ? byOfficial.get(o) : undefined;
    if (!b) {
      const same = byCode.get(a.code);
      // By code only when last year's unit has no official code that says otherwise (and,
      // across two eras, only units that carry none).
      const coded = same !== undefined && officialThen.has(same.code);
      if (same && !matched.has(same) && !(coded && (o || !officialCodesComparable))) b = same;
    }
    if (b) matched.add(b);
    return [a, b] as const;
  });
  const rest = then.units.filter((u) => !matched.has(u)).map((b) => [undefined, b] as const);
  return [...pairs, ...rest].map(([a, b]): UnitComparison => {
    const cur = a ? side(a, now) : null;
    const old = b ? side(b, then) : null;
    return {
      code: (a ?? b)?.code ?? '',
      name: (a ?? b)?.name.normalize('NFC') ?? '',
      officialCode: (a ? officialNow.get(a.code) : b && officialThen.get(b.code)) ?? null,
      presence: presence(a, b),
      comparability: a && b ? 'same_unit' : a ? 'no_previous' : 'previous_only',
      ...plain,
      predecessors: [],
      current: cur,
      previous: old,
      change: changes(cur, old),
      criteria: compareCriteria(a, b),
    };
  });
}
