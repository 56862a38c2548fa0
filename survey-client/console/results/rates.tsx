import { useMemo } from 'preact/hooks';
import { responseRateChart } from '../../../analysis/charts';
import { count, percent } from '../format';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
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
      <CardTable
        caption="Tỷ lệ đã gửi phiếu theo nhóm đối tượng và đơn vị"
        columns={['Nhóm đối tượng', 'Đơn vị', num('Được mời'), num('Đã gửi'), num('Tỷ lệ')]}
      >
        {tracking.rows.map((r) => (
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
  );
}
