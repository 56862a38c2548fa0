import { useEffect, useMemo, useState } from 'preact/hooks';
import { count, percent } from '../format';
import { Bar } from '../parts/bar';
import { CardTable, num } from '../parts/card-table';
import { Choice } from '../parts/choice';
import { ListPager } from '../parts/list-pager';
import { pageOf } from '../table-view';
import type { Tracking, TrackingCell } from '../types';
import {
  COLUMNS,
  DEFAULT_FILTER,
  filterFromQuery,
  filterFromStored,
  filterQuery,
  filterRows,
  scopeOptions,
  storageKey,
  sumRows,
  TRACKING_PAGE,
  TRACKING_SORTS,
  type TrackingFilter,
  type TrackingSort,
} from './tracking-filter';
import '../styles/long-tables.css';

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * The filter of the group × unit table, remembered: the address says it (a link shows the same
 * rows), and localStorage keeps it per campaign for the next visit. The address wins.
 */
export function useTrackingFilter(campaignId: string) {
  const key = storageKey(campaignId);
  const [filter, setFilter] = useState<TrackingFilter>(
    () => filterFromQuery(location.search) ?? filterFromStored(readStored(key)),
  );
  useEffect(() => {
    const query = filterQuery(filter);
    if (location.search !== query)
      history.replaceState(history.state, '', `${location.pathname}${query}`);
    try {
      // The page is not worth remembering across visits; the rest is.
      localStorage.setItem(key, filterQuery({ ...filter, page: 0 }));
    } catch {
      // Private mode or a full store: the address still holds it.
    }
  }, [filter, key]);
  /** A change of what is shown goes back to page 1; a page change keeps the rest. */
  const update = (patch: Partial<TrackingFilter>) =>
    setFilter((f) => ({ ...f, page: 0, ...patch }));
  return { filter, update, reset: () => setFilter(DEFAULT_FILTER) };
}

/**
 * Counts per group × unit, for 130 units × 5 groups: search by the unit's name (diacritics or
 * not), a group, an index or kind of unit, an order (laggards first), pages of 50, and a last
 * row that adds up every row the filter keeps.
 */
export function UnitRows({ tracking, campaignId }: { tracking: Tracking; campaignId: string }) {
  const { filter, update, reset } = useTrackingFilter(campaignId);
  const scopes = useMemo(() => scopeOptions(tracking), [tracking]);
  const kept = useMemo(() => filterRows(tracking.rows, filter), [tracking, filter]);
  const page = pageOf(kept, filter.page, TRACKING_PAGE);
  const sum = sumRows(kept);
  const filtered = kept.length !== tracking.rows.length;
  const target = tracking.targetRate;
  const pager = (where: string) =>
    page.pages > 1 && (
      <ListPager
        page={page}
        label={`Chuyển trang bảng theo đơn vị (${where})`}
        onPage={(p) => update({ page: p })}
      />
    );
  return (
    <>
      <div class="filters">
        <label>
          Tìm đơn vị
          <input
            type="search"
            value={filter.q}
            placeholder="Tên đơn vị, gõ có dấu hay không dấu"
            onInput={(e) => update({ q: e.currentTarget.value })}
          />
        </label>
        <Choice
          label="Nhóm đối tượng"
          all
          value={filter.group}
          options={tracking.groups.map((g) => [g.groupCode, g.groupName] as const)}
          onChange={(group) => update({ group })}
        />
        {scopes.length > 1 && (
          <Choice
            label="Chỉ số / loại đơn vị"
            all
            value={filter.scope}
            options={scopes.map((o) => [o.value, o.label] as const)}
            onChange={(scope) => update({ scope })}
          />
        )}
        <Choice
          label="Sắp xếp"
          value={filter.sort}
          options={Object.entries(TRACKING_SORTS) as [TrackingSort, string][]}
          onChange={(sort) => update({ sort: sort || 'list' })}
        />
      </div>
      <p class="list-status" aria-live="polite">
        {filtered
          ? `${count(kept.length)} trong ${count(tracking.rows.length)} dòng khớp bộ lọc.`
          : `${count(tracking.rows.length)} dòng (nhóm × đơn vị).`}{' '}
        {(filtered || filter.sort !== 'list') && (
          <button type="button" class="link" onClick={reset}>
            Bỏ lọc
          </button>
        )}
      </p>
      {kept.length === 0 ? (
        <p>Không có đơn vị nào khớp bộ lọc.</p>
      ) : (
        <>
          {pager('đầu bảng')}
          <CardTable
            class="cards counts unit-counts"
            caption="Số người được mời và đã gửi phiếu theo nhóm đối tượng và đơn vị"
            columns={[
              'Đơn vị',
              'Nhóm đối tượng',
              ...COLUMNS.map(([, label]) => num(label)),
              { label: 'Tỷ lệ đã gửi', class: 'rate' },
            ]}
            bodies
          >
            <tbody>
              {page.rows.map((c) => (
                <UnitRow key={`${c.groupCode}|${c.unitCode ?? ''}`} cell={c} target={target} />
              ))}
            </tbody>
            <tfoot>
              <tr class="sum-row">
                <th scope="row" class="name" colSpan={2}>
                  {filtered ? `Cộng ${count(kept.length)} dòng đã lọc` : 'Cộng tất cả các dòng'}
                </th>
                {COLUMNS.map(([k, label]) => (
                  <td key={k} class="num" data-label={label}>
                    {count(sum[k as keyof typeof sum])}
                  </td>
                ))}
                <td class="rate" data-label="Tỷ lệ đã gửi">
                  <span class="rate-text">{percent(sum.rate)}</span>
                </td>
              </tr>
            </tfoot>
          </CardTable>
          {pager('cuối bảng')}
        </>
      )}
    </>
  );
}

function UnitRow({ cell: c, target }: { cell: TrackingCell; target: number | null }) {
  return (
    <tr class={c.merged ? 'merged' : undefined}>
      <th scope="row" class="name">
        {c.unitName}
      </th>
      <td data-label="Nhóm đối tượng" class="group">
        {c.groupName}
      </td>
      {COLUMNS.map(([k, label]) => (
        <td key={k} class="num" data-label={label}>
          {count(c[k] as number)}
        </td>
      ))}
      <td class="rate" data-label="Tỷ lệ đã gửi">
        <span class="rate-line">
          <span class="rate-text">{percent(c.rate)}</span>
          <Bar
            rate={c.rate}
            target={target}
            label={`Tỷ lệ trả lời, ${c.unitName}, ${c.groupName}`}
          />
        </span>
      </td>
    </tr>
  );
}
