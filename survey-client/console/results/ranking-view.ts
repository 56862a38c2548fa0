import { byVietnamese, matchesSearch } from '../table-view';

/**
 * What the ranking of an index shows (95 communes in a province): a search on the name,
 * diacritics or not, an order, and a page of 25 that the chart and the table share; the ranks
 * are always those of the whole index. Pure.
 */
export const RANKING_SORTS = {
  rank: 'Hạng (cao nhất trước)',
  'rank-desc': 'Hạng (thấp nhất trước)',
  name: 'Tên đơn vị (A–Z)',
} as const;
export type RankingSort = keyof typeof RANKING_SORTS;

export interface RankingFilter {
  q: string;
  sort: RankingSort;
  page: number;
  /** Every unit on one page (to read it through, or to print). */
  all: boolean;
}

export const DEFAULT_RANKING: RankingFilter = { q: '', sort: 'rank', page: 0, all: false };
/** Units per page of the chart and table. */
export const RANKING_PAGE = 25;
/** Up to this many units, an index needs no search, order or pages. */
export const RANKING_PLAIN = 25;

/** `ranked` (best first, as `rankUnits` gives it) searched and in the filter's order. */
export function rankingRows<T extends { name: string; rank: number | null }>(
  ranked: readonly T[],
  filter: Pick<RankingFilter, 'q' | 'sort'>,
): T[] {
  const kept = ranked.filter((u) => matchesSearch(u.name, filter.q));
  if (filter.sort === 'name') return [...kept].sort((a, b) => byVietnamese(a.name, b.name));
  if (filter.sort === 'rank-desc') {
    // The weakest first; a unit without data (no rank) still last: it is not "the weakest".
    // Equal ranks stay in the order of their names (the sort is stable).
    const scored = kept
      .filter((u) => u.rank !== null)
      .sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0));
    return [...scored, ...kept.filter((u) => u.rank === null)];
  }
  return kept;
}
