import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  INVITATION_SORTS,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  SLIP_ARRANGEMENT_DEFAULT,
  SLIP_ARRANGEMENTS,
  SLIP_LAYOUT_DEFAULT,
  SLIP_LAYOUTS,
  type SlipArrangement,
  type SlipLayout,
} from '../../../contract/console/invitation-list';
import { count } from '../format';

/**
 * What the people lists (invitations, non-responders) show: the view, the search, the filters,
 * the order, the page and how slips print (per page, arrangement). Kept in the address (`?q=…&group=…`, so the back
 * button and a copied address bring it back) and in the browser per campaign (so coming back to
 * the tab finds it as it was left).
 */
export interface ListState {
  view: 'all' | 'pending';
  q: string;
  status: string;
  group: string;
  unit: string;
  /** `INVITATION_SORTS`, `-` first for the reverse; '' is the server's default (by unit). */
  sort: string;
  page: number;
  pageSize: number;
  layout: SlipLayout;
  arrange: SlipArrangement;
}

export const INITIAL: ListState = {
  view: 'all',
  q: '',
  status: '',
  group: '',
  unit: '',
  sort: '',
  page: 1,
  pageSize: PAGE_SIZE_DEFAULT,
  layout: SLIP_LAYOUT_DEFAULT,
  arrange: SLIP_ARRANGEMENT_DEFAULT,
};

/** The page sizes offered. */
export const PAGE_SIZES = [PAGE_SIZE_DEFAULT, 100, PAGE_SIZE_MAX];

const STATUSES = ['not_opened', 'opened', 'in_progress', 'submitted', 'revoked'];
const SORT = new RegExp(`^-?(${INVITATION_SORTS.join('|')})$`);

/** A state from an address's query (or a stored one); anything unknown is left at its default. */
export function parseState(search: string): ListState {
  const p = new URLSearchParams(search);
  const int = (key: string, ok: (n: number) => boolean, fallback: number) => {
    const n = Number(p.get(key));
    return Number.isInteger(n) && ok(n) ? n : fallback;
  };
  const status = (p.get('status') ?? '').split(',').filter((s) => STATUSES.includes(s));
  const sort = p.get('sort') ?? '';
  const layout = Number(p.get('layout'));
  const arrange = p.get('arrange') ?? '';
  return {
    view: p.get('view') === 'pending' ? 'pending' : 'all',
    q: (p.get('q') ?? '').slice(0, 100),
    status: status.join(','),
    group: p.get('group') ?? '',
    unit: p.get('unit') ?? '',
    sort: SORT.test(sort) ? sort : '',
    page: int('page', (n) => n >= 1, 1),
    pageSize: int('pageSize', (n) => PAGE_SIZES.includes(n), PAGE_SIZE_DEFAULT),
    layout: (SLIP_LAYOUTS as readonly number[]).includes(layout)
      ? (layout as SlipLayout)
      : SLIP_LAYOUT_DEFAULT,
    arrange: (SLIP_ARRANGEMENTS as readonly string[]).includes(arrange)
      ? (arrange as SlipArrangement)
      : SLIP_ARRANGEMENT_DEFAULT,
  };
}

/** `?a=1&b=2` of the values that differ from the defaults; '' when none does. */
export function stateQuery(state: Partial<ListState>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v !== INITIAL[k as keyof ListState] && v !== '' && v !== undefined) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** What the server is asked for a view: its filters, search, order and page (no view, no slips). */
export function listQuery(s: ListState): string {
  return stateQuery({
    q: s.q.trim(),
    status: s.view === 'all' ? s.status : '',
    group: s.group,
    unit: s.unit,
    sort: s.sort,
    page: s.page,
    pageSize: s.pageSize,
  });
}

/** The filters alone: what slips and exports of "everything that matches" take. */
export const filterQuery = (s: ListState, extra: Partial<ListState> = {}) =>
  stateQuery({
    q: s.q.trim(),
    status: s.view === 'all' ? s.status : '',
    group: s.group,
    unit: s.unit,
    ...extra,
  });

/** "Dòng 1–50 trong 4.812": the rows shown and how many match; "Không có dòng nào" when none. */
export function rangeText(page: number, pageSize: number, total: number): string {
  return rowsText(
    Math.min((page - 1) * pageSize + 1, total),
    Math.min(page * pageSize, total),
    total,
  );
}

/** "Dòng 51–100 trong 231", the words of every pager (server-paged lists, browser-paged tables). */
export function rowsText(from: number, to: number, total: number): string {
  if (total === 0) return 'Không có dòng nào';
  const rows = from === to ? count(from) : `${count(from)}–${count(to)}`;
  return `Dòng ${rows} trong ${count(total)}`;
}

/** How many pages `total` rows make (at least one). */
export const pageCount = (total: number, pageSize: number) =>
  Math.max(1, Math.ceil(total / pageSize));

const storageKey = (campaignId: string) => `cchc.console.invitations.${campaignId}`;

/**
 * The list's state for a campaign: from the address when it says anything, else as last left in
 * this browser. `update` changes some of it (back to page 1 when anything but the page changes)
 * and writes it to both, replacing the address (no history entry per keystroke).
 */
export function useListState(campaignId: string) {
  const [state, setState] = useState<ListState>(() => {
    if (location.search) return parseState(location.search);
    let stored = '';
    try {
      stored = localStorage.getItem(storageKey(campaignId)) ?? '';
    } catch {
      // No storage (private mode): the defaults.
    }
    // The address says it again, so that it can be copied or bookmarked as it is.
    if (stored) history.replaceState(history.state, '', `${location.pathname}${stored}`);
    return parseState(stored);
  });
  const update = useCallback(
    (patch: Partial<ListState>) =>
      setState((old) => {
        const next = { ...old, ...patch };
        if (
          !('page' in patch) &&
          Object.keys(patch).some((k) => k !== 'layout' && k !== 'arrange')
        ) {
          next.page = 1;
        }
        const query = stateQuery(next);
        history.replaceState(history.state, '', `${location.pathname}${query}`);
        try {
          localStorage.setItem(storageKey(campaignId), query);
        } catch {
          // A browser without storage (private mode) keeps it in the address only.
        }
        return next;
      }),
    [campaignId],
  );
  return [state, update] as const;
}

/** A remembered page past the end (the list got shorter since): go to the last one. */
export function useClampPage(
  page: { items: unknown[]; total: number; page: number; pageSize: number } | undefined,
  update: (patch: Partial<ListState>) => void,
) {
  useEffect(() => {
    if (page && page.items.length === 0 && page.total > 0 && page.page > 1) {
      update({ page: pageCount(page.total, page.pageSize) });
    }
  }, [page, update]);
}
