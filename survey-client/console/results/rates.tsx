import { useMemo } from 'preact/hooks';
import { responseRateChart } from '../../../analysis/charts';
import { count, percent } from '../format';
import type { Tracking } from '../types';
import { Chart } from './chart';

/**
 * Response rates per group × unit, as a chart and as a table: counts only, never names, so
 * analysts see them while the campaign is open as well as after.
 */
export function ResponseRates({ tracking }: { tracking: Tracking }) {
  const config = useMemo(() => responseRateChart(tracking.rows), [tracking]);
  if (tracking.rows.length === 0) return <p>Chưa có lời mời nào, nên chưa có tỷ lệ trả lời.</p>;
  const target = tracking.targetRate;
  return (
    <Chart
      config={config}
      label={`Tỷ lệ đã gửi phiếu theo nhóm đối tượng và đơn vị${target === null ? '' : `; chỉ tiêu ${percent(target)}`}`}
      folded
    >
      <div class="table-wrap">
        <table class="cards">
          <caption class="sr-only">Tỷ lệ đã gửi phiếu theo nhóm đối tượng và đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Nhóm đối tượng</th>
              <th scope="col">Đơn vị</th>
              <th scope="col" class="num">
                Được mời
              </th>
              <th scope="col" class="num">
                Đã gửi
              </th>
              <th scope="col" class="num">
                Tỷ lệ
              </th>
            </tr>
          </thead>
          <tbody>
            {tracking.rows.map((r) => (
              <tr key={`${r.groupCode}|${r.unitCode ?? ''}`}>
                <th scope="row" class="name">
                  {r.groupName}
                </th>
                <td class="unit" data-label="Đơn vị">
                  {r.unitName}
                </td>
                <td class="num" data-label="Được mời">
                  {count(r.invited)}
                </td>
                <td class="num" data-label="Đã gửi">
                  {count(r.submitted)}
                </td>
                <td
                  class={`num${target !== null && r.rate < target ? ' r-below' : ''}`}
                  data-label="Tỷ lệ"
                >
                  {percent(r.rate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Chart>
  );
}
