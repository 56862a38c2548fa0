import { useMemo, useState } from 'preact/hooks';
import { responseRateChart } from '../../../analysis/charts';
import { count, percent } from '../format';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
import { Choice } from '../parts/choice';
import { ListPager } from '../parts/list-pager';
import {
  DEFAULT_FILTER,
  filterRows,
  scopeOptions,
  TRACKING_SORTS,
  type TrackingFilter,
  type TrackingSort,
} from '../screens/tracking-filter';
import { pageOf } from '../table-view';
import type { Tracking } from '../types';
import { Chart } from './chart';
import '../styles/long-tables.css';

/** Group × unit rows per page of the chart (a province has 231). */
export const RATES_PAGE = 40;

/**
 * Response rates per group × unit, as a chart and as a table: counts only, never names, so
 * analysts see them while the campaign is open as well as after. A province's 231 rows are
 * filtered by index or kind of unit and by group, sorted (lowest rate first), 40 a page.
 */
export function ResponseRates({ tracking }: { tracking: Tracking }) {
  const [filter, setFilter] = useState<TrackingFilter>(DEFAULT_FILTER);
  const update = (patch: Partial<TrackingFilter>) =>
    setFilter((f) => ({ ...f, page: 0, ...patch }));
  const long = tracking.rows.length > RATES_PAGE;
  const scopes = useMemo(() => scopeOptions(tracking), [tracking]);
  const kept = useMemo(() => filterRows(tracking.rows, filter), [tracking, filter]);
  const page = pageOf(kept, filter.page, RATES_PAGE);
  const config = useMemo(() => responseRateChart(page.rows), [page.rows]);
  if (tracking.rows.length === 0) return <p>Chưa có lời mời nào, nên chưa có tỷ lệ trả lời.</p>;
  const target = tracking.targetRate;
  return (
    <>
      {long && (
        <div class="filters">
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
            label="Nhóm đối tượng"
            all
            value={filter.group}
            options={tracking.groups.map((g) => [g.groupCode, g.groupName] as const)}
            onChange={(group) => update({ group })}
          />
          <Choice
            label="Sắp xếp"
            value={filter.sort}
            options={Object.entries(TRACKING_SORTS) as [TrackingSort, string][]}
            onChange={(sort) => update({ sort: sort || 'list' })}
          />
        </div>
      )}
      {kept.length === 0 ? (
        <p>Không có dòng nào khớp bộ lọc.</p>
      ) : (
        <>
          {page.pages > 1 && (
            <ListPager
              page={page}
              label="Chuyển trang tỷ lệ trả lời"
              onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
            />
          )}
          <Chart
            config={config}
            label={`Tỷ lệ đã gửi phiếu theo nhóm đối tượng và đơn vị${page.pages > 1 ? `, dòng ${page.from}–${page.to} trong ${page.total}` : ''}${target === null ? '' : `; chỉ tiêu ${percent(target)}`}`}
            folded
          >
            <CardTable
              caption="Tỷ lệ đã gửi phiếu theo nhóm đối tượng và đơn vị"
              columns={['Nhóm đối tượng', 'Đơn vị', num('Được mời'), num('Đã gửi'), num('Tỷ lệ')]}
            >
              {page.rows.map((r) => (
                <tr key={`${r.groupCode}|${r.unitCode ?? ''}`}>
                  <NameCell>{r.groupName}</NameCell>
                  <Cell label="Đơn vị" class="unit">
                    {r.unitName}
                  </Cell>
                  <Cell label="Được mời" num>
                    {count(r.invited)}
                  </Cell>
                  <Cell label="Đã gửi" num>
                    {count(r.submitted)}
                  </Cell>
                  <Cell
                    label="Tỷ lệ"
                    num
                    class={target !== null && r.rate < target ? 'r-below' : undefined}
                  >
                    {percent(r.rate)}
                  </Cell>
                </tr>
              ))}
            </CardTable>
          </Chart>
        </>
      )}
    </>
  );
}
