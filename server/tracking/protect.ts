import type { Daily, TrackingCell } from '../../contract/console/tracking';
/**
 * What an analyst may see of the response counts. Officers know the names behind each cell;
 * analysts must not learn who answered, and most group × unit cells hold one or two people
 * ("Chủ tịch UBND xã Minh Đức" going from 0 to 1 submitted names that person).
 *
 * Cells are merged, not blanked, so that no shown margin gives a hidden cell back:
 * - in each group, every unit cell of fewer than `k` invited goes into one row "n đơn vị
 *   gộp lại"; while that row holds fewer than `k`, the smallest shown cell joins it.
 *   The group's total minus its shown cells is then exactly that row, of at least `k` people;
 * - likewise every group of fewer than `k` invited (and, if needed, the smallest others) goes
 *   into one group "n nhóm gộp lại", shown without units, so the grand total minus
 *   the shown groups is that group, of at least `k` people;
 * - a campaign of fewer than `k` invited shows no counts at all.
 * The per-day series is carried forward: a day with fewer than `k` status changes of a kind is
 * shown with the next day that brings the count to `k`; the last changes, until there are `k`,
 * are not shown by day (the totals, always of `k` or more people, still count them).
 */

/** A count cell as the console gets it (contract/console/tracking.ts). */
export type CountCell = TrackingCell;
export type { Daily };

export const MERGED_CODE = '*';

const COUNTS = ['invited', 'notOpened', 'opened', 'inProgress', 'submitted'] as const;

/** `base`'s names with the counts of `cells` added up. */
function sum(cells: CountCell[], base: CountCell): CountCell {
  const out: CountCell = {
    ...base,
    invited: 0,
    notOpened: 0,
    opened: 0,
    inProgress: 0,
    submitted: 0,
  };
  for (const c of cells) for (const k of COUNTS) out[k] += c[k];
  out.rate = out.invited ? Math.round((out.submitted / out.invited) * 1000) / 10 : 0;
  return out;
}

/**
 * Splits `cells` into those shown and those merged: every cell under `k`, then the smallest
 * others until the merged ones hold at least `k` (or all are merged).
 */
function split<T extends CountCell>(cells: T[], k: number): { shown: T[]; merged: T[] } {
  const merged = cells.filter((c) => c.invited < k);
  const shown = cells.filter((c) => c.invited >= k);
  if (merged.length === 0) return { shown, merged };
  let held = merged.reduce((s, c) => s + c.invited, 0);
  const bySize = [...shown].sort((a, b) => a.invited - b.invited);
  while (held < k && bySize.length > 0) {
    const next = bySize.shift() as T;
    merged.push(next);
    held += next.invited;
  }
  return { shown: shown.filter((c) => !merged.includes(c)), merged };
}

export function protectCounts(
  view: { total: CountCell; groups: CountCell[]; rows: CountCell[]; daily: Daily[] },
  k: number,
) {
  if (view.total.invited < k) {
    return {
      total: sum([], view.total),
      groups: [],
      rows: [],
      daily: [],
      withheld: true,
    };
  }
  const { shown: groups, merged: smallGroups } = split(view.groups, k);
  const rows: CountCell[] = [];
  for (const g of groups) {
    const { shown, merged } = split(
      view.rows.filter((r) => r.groupCode === g.groupCode),
      k,
    );
    rows.push(...shown);
    if (merged.length > 0) {
      rows.push({
        ...sum(merged, g),
        unitCode: MERGED_CODE,
        unitName: `${merged.length} đơn vị gộp lại (để không ô nào dưới ${k} người)`,
        merged: merged.length,
      });
    }
  }
  const outGroups = [...groups];
  if (smallGroups.length > 0) {
    const bucket: CountCell = {
      ...sum(smallGroups, view.total),
      groupCode: MERGED_CODE,
      groupName: `${smallGroups.length} nhóm gộp lại (để không ô nào dưới ${k} người)`,
      unitCode: null,
      unitName: 'Mọi đơn vị (gộp)',
      merged: smallGroups.length,
    };
    outGroups.push(bucket);
    rows.push(bucket);
  }
  return {
    total: view.total,
    groups: outGroups,
    rows,
    daily: carryForward(view.daily, k),
    withheld: false,
  };
}

/** Days in order; per status, counts under `k` carried to the next day until they reach `k`. */
export function carryForward(daily: Daily[], k: number): Daily[] {
  const held = new Map<string, number>();
  const out: Daily[] = [];
  for (const d of [...daily].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
    const n = (held.get(d.status) ?? 0) + d.n;
    if (n >= k) {
      out.push({ day: d.day, status: d.status, n });
      held.set(d.status, 0);
    } else held.set(d.status, n);
  }
  return out;
}
