import { unitKindName } from '../../../contract/console/unit-kinds';
import { byVietnamese, matchesSearch } from '../table-view';
import type { Tracking, TrackingCell } from '../types';

/**
 * What the tracking table shows of its group × unit rows (130 units × 5 groups in a province):
 * a search on the unit's name, a group, an index or a kind of unit, an order, a page. Pure: the
 * screen keeps it in the address (`?q=…&nhom=…`) and in localStorage per campaign, so that it
 * is still there when the officer comes back.
 */
export interface TrackingFilter {
  q: string;
  /** A group code, or '' for every group. */
  group: string;
  /** '' (every unit), `index:<code>` or `kind:<kind>`. */
  scope: string;
  sort: TrackingSort;
  /** 0-based. */
  page: number;
}

export const TRACKING_SORTS = {
  list: 'Theo nhóm, thứ tự danh sách',
  name: 'Tên đơn vị (A–Z)',
  rate: 'Tỷ lệ đã gửi thấp nhất trước',
  'rate-desc': 'Tỷ lệ đã gửi cao nhất trước',
  waiting: 'Nhiều người chưa gửi nhất trước',
  invited: 'Nhiều người được mời nhất trước',
} as const;
export type TrackingSort = keyof typeof TRACKING_SORTS;

export const DEFAULT_FILTER: TrackingFilter = {
  q: '',
  group: '',
  scope: '',
  sort: 'list',
  page: 0,
};

/** Rows per page of the group × unit table. */
export const TRACKING_PAGE = 50;

const isSort = (s: string | null): s is TrackingSort => s !== null && s in TRACKING_SORTS;

/** The address's query keys (short, Vietnamese-readable, stable). */
const KEYS = { q: 'q', group: 'nhom', scope: 'loai', sort: 'sap', page: 'trang' } as const;

/** A filter from an address's query; `null` when the query says nothing about it. */
export function filterFromQuery(search: string): TrackingFilter | null {
  const p = new URLSearchParams(search);
  if (!Object.values(KEYS).some((k) => p.has(k))) return null;
  const page = Number(p.get(KEYS.page) ?? '1');
  const sort = p.get(KEYS.sort);
  return {
    q: (p.get(KEYS.q) ?? '').slice(0, 100),
    group: p.get(KEYS.group) ?? '',
    scope: p.get(KEYS.scope) ?? '',
    sort: isSort(sort) ? sort : 'list',
    page: Number.isInteger(page) && page >= 1 ? page - 1 : 0,
  };
}

/** The query that says `filter`: only what differs from the default; '' for the default. */
export function filterQuery(filter: TrackingFilter): string {
  const p = new URLSearchParams();
  if (filter.q) p.set(KEYS.q, filter.q);
  if (filter.group) p.set(KEYS.group, filter.group);
  if (filter.scope) p.set(KEYS.scope, filter.scope);
  if (filter.sort !== 'list') p.set(KEYS.sort, filter.sort);
  if (filter.page > 0) p.set(KEYS.page, String(filter.page + 1));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A filter kept in localStorage (its query text); anything unreadable is the default. */
export function filterFromStored(stored: string | null): TrackingFilter {
  return (stored && filterFromQuery(stored)) || DEFAULT_FILTER;
}

export const storageKey = (campaignId: string) => `cchc.tracking.${campaignId}`;

/** The choices of the "Chỉ số / loại đơn vị" filter: each index, then each of its kinds. */
export function scopeOptions(tracking: Pick<Tracking, 'indexes' | 'rows'>) {
  const kinds = new Set(tracking.rows.map((r) => r.unitKind).filter((k): k is string => !!k));
  const out: { value: string; label: string }[] = [];
  for (const i of tracking.indexes ?? []) {
    const own = i.unitKinds.filter((k) => kinds.has(k));
    if (own.length === 0) continue;
    out.push({ value: `index:${i.code}`, label: i.name });
    if (own.length > 1)
      for (const k of own) out.push({ value: `kind:${k}`, label: `— ${unitKindName(k)}` });
  }
  return out;
}

function inScope(row: TrackingCell, scope: string) {
  if (!scope) return true;
  const [what, code] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
  if (what === 'index') return row.index === code;
  if (what === 'kind') return row.unitKind === code;
  return true;
}

/** The rows `filter` keeps, in its order (the list's order breaks ties). */
export function filterRows(rows: readonly TrackingCell[], filter: TrackingFilter): TrackingCell[] {
  const kept = rows
    .map((row, i) => ({ row, i }))
    .filter(
      ({ row }) =>
        (!filter.group || row.groupCode === filter.group) &&
        inScope(row, filter.scope) &&
        matchesSearch(row.unitName, filter.q),
    );
  const waiting = (r: TrackingCell) => r.invited - r.submitted;
  const order: Record<TrackingSort, (a: TrackingCell, b: TrackingCell) => number> = {
    list: () => 0,
    name: (a, b) => byVietnamese(a.unitName, b.unitName),
    rate: (a, b) => a.rate - b.rate,
    'rate-desc': (a, b) => b.rate - a.rate,
    waiting: (a, b) => waiting(b) - waiting(a),
    invited: (a, b) => b.invited - a.invited,
  };
  const by = order[filter.sort];
  return kept.sort((a, b) => by(a.row, b.row) || a.i - b.i).map(({ row }) => row);
}

const COUNTS = ['invited', 'notOpened', 'opened', 'inProgress', 'submitted'] as const;

/** The count columns of the tracking tables, with their Vietnamese heads. */
export const COLUMNS: [keyof TrackingCell, string][] = [
  ['invited', 'Được mời'],
  ['notOpened', 'Chưa mở'],
  ['opened', 'Đã mở'],
  ['inProgress', 'Đang trả lời'],
  ['submitted', 'Đã gửi'],
];

/** The rows' counts added up, and their rate (percent submitted of invited, one decimal). */
export function sumRows(rows: readonly TrackingCell[]) {
  const out = { invited: 0, notOpened: 0, opened: 0, inProgress: 0, submitted: 0, rate: 0 };
  for (const r of rows) for (const k of COUNTS) out[k] += r[k];
  out.rate = out.invited ? Math.round((out.submitted / out.invited) * 1000) / 10 : 0;
  return out;
}
