import { campaignApi } from '../api';
import { count, percent, vnDay } from '../format';
import { Bar } from '../parts/bar';
import { CardTable, num } from '../parts/card-table';
import { ErrorNotice, Loading } from '../parts/notice';
import { PhaseActions } from '../parts/phase-actions';
import type { Tracking, TrackingCell } from '../types';
import { useLoad } from '../use-load';
import type { CampaignProps } from './campaign';
import { COLUMNS } from './tracking-filter';
import { UnitRows } from './tracking-units';

/** The overview: response counts in total, per group and per group × unit, and per day. */
export function TrackingScreen({ campaign, staff, onChange }: CampaignProps) {
  const t = useLoad<Tracking>(campaignApi(campaign.id, '/tracking'));
  return (
    <>
      {staff && (
        <PhaseActions
          campaign={campaign}
          onChange={(c) => {
            onChange(c);
            t.reload();
          }}
        />
      )}
      {t.error !== undefined && <ErrorNotice error={t.error} onRetry={t.reload} />}
      {t.loading && !t.data && <Loading />}
      {t.data && <TrackingView tracking={t.data} campaignId={campaign.id} />}
    </>
  );
}

export function TrackingView({ tracking, campaignId }: { tracking: Tracking; campaignId: string }) {
  const { total, targetRate } = tracking;
  return (
    <>
      <section aria-labelledby="total-title">
        <h2 id="total-title">Tổng cộng</h2>
        <dl class="stats">
          {COLUMNS.map(([k, label]) => (
            <div key={k}>
              <dt>{label}</dt>
              <dd>{count(total[k] as number)}</dd>
            </div>
          ))}
          <div>
            <dt>Tỷ lệ trả lời</dt>
            <dd>{percent(total.rate)}</dd>
          </div>
        </dl>
        <Bar rate={total.rate} target={targetRate} label="Tỷ lệ trả lời chung" />
        <p class="hint">
          {targetRate === null
            ? 'Chưa đặt chỉ tiêu tỷ lệ trả lời (xem mục Cài đặt).'
            : `Vạch đứng trên thanh là chỉ tiêu ${percent(targetRate)}.`}
        </p>
      </section>
      {tracking.minCellSize !== undefined && (
        <p class="hint">
          {tracking.withheld
            ? `Đợt khảo sát có dưới ${tracking.minCellSize} người: không hiển thị số liệu, để không ai biết ai đã trả lời.`
            : `Để không ai biết ai đã trả lời, các đơn vị và nhóm dưới ${tracking.minCellSize} người được gộp lại, và số theo ngày chỉ hiện khi đủ ${tracking.minCellSize} lượt.`}
        </p>
      )}
      {tracking.withheld ? null : total.invited === 0 ? (
        <p>Chưa có lời mời nào: hãy nhập danh sách người được khảo sát.</p>
      ) : (
        <>
          <section aria-labelledby="groups-title">
            <h2 id="groups-title">Theo nhóm đối tượng</h2>
            <CountTable cells={tracking.groups} first="Nhóm đối tượng" target={targetRate} />
          </section>
          <section aria-labelledby="units-title">
            <h2 id="units-title">Theo nhóm và đơn vị</h2>
            <UnitRows key={campaignId} tracking={tracking} campaignId={campaignId} />
          </section>
        </>
      )}
      <Daily daily={tracking.daily} />
    </>
  );
}

/** A table on a laptop, one card per row on a phone (console.css, table.cards). */
export function CountTable({
  cells,
  first,
  target,
}: {
  cells: TrackingCell[];
  first: string;
  target: number | null;
}) {
  return (
    <CardTable
      class="cards counts"
      columns={[
        first,
        ...COLUMNS.map(([, label]) => num(label)),
        { label: 'Tỷ lệ đã gửi', class: 'rate' },
      ]}
    >
      {cells.map((c) => {
        const name = first === 'Đơn vị' ? c.unitName : c.groupName;
        return (
          <tr key={`${c.groupCode}|${c.unitCode ?? ''}`}>
            <th scope="row" class="name">
              {name}
            </th>
            {COLUMNS.map(([k, label]) => (
              <td key={k} class="num" data-label={label}>
                {count(c[k] as number)}
              </td>
            ))}
            <td class="rate" data-label="Tỷ lệ đã gửi">
              <span class="rate-text">{percent(c.rate)}</span>
              <Bar rate={c.rate} target={target} label={`Tỷ lệ trả lời, ${name}`} />
            </td>
          </tr>
        );
      })}
    </CardTable>
  );
}

/** Forms submitted per Vietnam calendar day, with the running total. */
function Daily({ daily }: { daily: Tracking['daily'] }) {
  const days = daily.filter((d) => d.status === 'submitted');
  const max = Math.max(1, ...days.map((d) => d.n));
  let running = 0;
  return (
    <section aria-labelledby="daily-title">
      <h2 id="daily-title">Phiếu đã gửi theo ngày</h2>
      {days.length === 0 ? (
        <p>Chưa có phiếu nào được gửi.</p>
      ) : (
        <ul class="daily">
          {days.map((d) => {
            running += d.n;
            return (
              <li key={d.day}>
                <span class="day">{vnDay(d.day)}</span>
                <span class="spark" aria-hidden="true">
                  <span style={{ width: `${(d.n / max) * 100}%` }} />
                </span>{' '}
                <span>
                  {count(d.n)} phiếu <small>(cộng dồn {count(running)})</small>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
