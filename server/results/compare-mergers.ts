import { type LineageTable, lineageOf, lineageTable } from '../../analysis/lineage';
import type { PredecessorComparison, UnitComparison } from '../../contract/console/compare';
import type { RunUnitResult } from '../../contract/results';
import { mergerRows } from '../../questionnaires/official';
import { changes, compareCriteria, plain, presence, type Ranked, side } from './compare-units';
import { type OldCampaign, pooledReference } from './pooled-reference';

/**
 * Year over year across the 2025 mergers (docs/method.md §14): each new unit next to the old
 * units the official conversion table says it was made of. Exact (a pooled reference from the
 * old counts) only when it was made wholly of rated old units none of which was split; else
 * "không so sánh trực tiếp được" with the predecessors' own published figures. Ranks change only
 * among the units compared exactly.
 */

/** The effective date of the 2025 mergers: unit sets valid from before it predate them. */
export const MERGERS_EFFECTIVE = '2025-07-01';

let table: LineageTable | undefined;
const officialTable = () => {
  table ??= lineageTable(mergerRows());
  return table;
};

export function mergerUnits(
  now: Ranked,
  then: Ranked,
  officialNow: ReadonlyMap<string, string>,
  officialThen: ReadonlyMap<string, string>,
  old: OldCampaign,
): UnitComparison[] {
  const oldByOfficial = new Map<string, RunUnitResult>();
  for (const u of then.units) {
    const o = officialThen.get(u.code);
    if (o) oldByOfficial.set(o, u);
  }
  const rated = new Set(oldByOfficial.keys());
  const oldByCode = new Map(then.units.map((u) => [u.code, u]));
  const consumed = new Set<string>();

  const current = now.units.map((a): UnitComparison => {
    const cur = side(a, now);
    const official = officialNow.get(a.code) ?? null;
    const base = {
      code: a.code,
      name: a.name.normalize('NFC'),
      officialCode: official,
      current: cur,
    };
    if (!official) {
      // A unit without an official code (a department) is matched by unit code, as without mergers.
      const b = oldByCode.get(a.code);
      const usable = b && !officialThen.get(b.code) && !consumed.has(b.code) ? b : undefined;
      if (usable) consumed.add(usable.code);
      const old = usable ? side(usable, then) : null;
      return {
        ...base,
        ...plain,
        predecessors: [],
        presence: presence(a, usable),
        comparability: usable ? 'same_unit' : 'no_previous',
        previous: old,
        change: { ...changes(cur, old), rank: null, parRank: null },
        criteria: compareCriteria(a, usable),
      };
    }
    const lineage = lineageOf(officialTable(), official, rated);
    const predecessors = lineage.predecessors.map((p): PredecessorComparison => {
      const u = p.inPrevious ? oldByOfficial.get(p.oldCode) : undefined;
      if (u) consumed.add(u.code);
      return {
        officialCode: p.oldCode,
        name: p.oldName.normalize('NFC'),
        how: p.how,
        transfer: p.transfer,
        split: p.split,
        issue: p.issue,
        unitCode: u?.code ?? null,
        previous: u ? side(u, then) : null,
      };
    });
    const none = {
      ...base,
      ...plain,
      predecessors,
      presence: 'current_only' as const,
      previous: null,
      change: changes(null, null),
      criteria: compareCriteria(a, undefined),
    };
    if (lineage.status === 'none') return { ...none, comparability: 'no_previous' };
    if (lineage.status === 'not_comparable') return { ...none, comparability: 'not_comparable' };
    const codes = predecessors.map((p) => p.unitCode ?? '');
    const reference = pooledReference(old, a.code, a.name, codes);
    if (!reference.ok)
      return { ...none, comparability: 'not_comparable', referenceWithheld: reference.withheld };
    const ref = side({ ...reference.result, parIndex: null });
    return {
      ...none,
      comparability: 'pooled',
      presence: 'both',
      previous: ref,
      change: { ...changes(cur, ref), rank: null, parRank: null },
      criteria: compareCriteria(a, reference.result),
    };
  });

  const onlyThen = then.units
    .filter((b) => !consumed.has(b.code))
    .map(
      (b): UnitComparison => ({
        code: b.code,
        name: b.name.normalize('NFC'),
        officialCode: officialThen.get(b.code) ?? null,
        presence: 'previous_only',
        comparability: 'previous_only',
        ...plain,
        predecessors: [],
        current: null,
        previous: side(b, then),
        change: changes(null, null),
        criteria: compareCriteria(undefined, b),
      }),
    );
  return withComparableRanks([...current, ...onlyThen]);
}

/**
 * Ranks within each index among the units compared exactly (same unit or pooled reference) that
 * have data in both years, each year on its own survey scores (1 + the number of such units
 * scoring strictly more, as the exports rank); the change is last year's minus this year's.
 */
export function withComparableRanks(units: UnitComparison[]): UnitComparison[] {
  const exact = units.filter(
    (u) =>
      (u.comparability === 'same_unit' || u.comparability === 'pooled') &&
      u.current &&
      u.previous &&
      !u.current.noData &&
      !u.previous.noData &&
      u.current.index === u.previous.index,
  );
  const rankIn = (list: UnitComparison[], u: UnitComparison, year: 'current' | 'previous') =>
    1 + list.filter((v) => (v[year]?.surveyScore ?? 0) > (u[year]?.surveyScore ?? 0)).length;
  return units.map((u) => {
    if (!exact.includes(u)) return u;
    const peers = exact.filter((v) => v.current?.index === u.current?.index);
    const r = { current: rankIn(peers, u, 'current'), previous: rankIn(peers, u, 'previous') };
    return { ...u, rankAmongComparable: r, change: { ...u.change, rank: r.previous - r.current } };
  });
}
