import { useState } from 'preact/hooks';
import type { SipasDayRow, SipasDays } from '../../../../contract/console/sipas-analysis';
import {
  CHANNEL_LABELS,
  daysSummary,
  FLAG_HINTS,
  FLAG_LABELS,
  viDay,
  viPercent,
  viWeekday,
} from '../../../../contract/console/sipas-labels';
import { count } from '../../format';
import { CardTable, Cell, NameCell, num } from '../../parts/card-table';
import { ListPager } from '../../parts/list-pager';
import { matchesSearch, pageOf } from '../../table-view';

const PAGE = 50;

export function FlagBadges({ flags }: { flags: readonly SipasDayRow['flags'][number][] }) {
  if (flags.length === 0) return <span class="sipas-noflag">—</span>;
  // One box: in a phone card the cell is a flex row, and loose badges would never wrap.
  return (
    <span class="sipas-flags">
      {flags.map((f) => (
        <span key={f} class={`sipas-flag sipas-flag-${f}`} title={FLAG_HINTS[f]}>
          {FLAG_LABELS[f]}
        </span>
      ))}
    </span>
  );
}

/** "T2 02/03/2026": the weekday says why a day is «Ngoài giờ làm việc» (a point closed on Sundays). */
function DayCell({ day }: { day: string }) {
  const [short, full] = viWeekday(day);
  return (
    <>
      <abbr title={full}>{short}</abbr> {viDay(day)}
    </>
  );
}

/**
 * The days table: per collection point × day the forms, shares and flags as badges. A day under
 * the small-group threshold says only "dưới k phiếu". Searchable by point or unit, flagged only,
 * paged for a season of many points.
 */
export function DaysTable({ days }: { days: SipasDays }) {
  const [q, setQ] = useState('');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [page, setPage] = useState(0);
  const points = new Map(days.points.map((p) => [p.id, p]));
  const rows = days.days.filter((d) => {
    const p = points.get(d.pointId);
    if (flaggedOnly && d.flags.length === 0) return false;
    return matchesSearch(`${p?.name ?? ''} ${p?.unitName ?? ''} ${viDay(d.day)}`, q);
  });
  const shown = pageOf(rows, page, PAGE);
  const flagged = days.days.filter((d) => d.flags.length > 0).length;
  const k = days.minCellSize;
  return (
    <section aria-labelledby="sipas-days-title">
      <h2 id="sipas-days-title">Theo điểm thu thập và ngày</h2>
      <p class="lead">
        {daysSummary(days)} <strong>{count(flagged)}</strong> dòng có dấu hiệu bất thường. Ngày dưới{' '}
        {count(k)} phiếu không hiện số liệu.
        {!days.closed && ' Tỷ lệ hài lòng chỉ hiện sau khi đóng đợt.'}
      </p>
      <p class="sipas-legend">
        {(Object.keys(FLAG_LABELS) as (keyof typeof FLAG_LABELS)[]).map((f) => (
          <span key={f}>
            <span class={`sipas-flag sipas-flag-${f}`}>{FLAG_LABELS[f]}</span> {FLAG_HINTS[f]}
            {f === 'burst' &&
              ` (từ ${count(days.method.burst.answers)} phiếu trong ${count(days.method.burst.minutes)} phút)`}
            {f === 'full_day' && ` (trên ${count(days.method.fullDay.over)} phiếu trực tuyến)`}
          </span>
        ))}
      </p>
      <div class="list-controls">
        <label>
          Tìm điểm, đơn vị hoặc ngày
          <input
            type="search"
            value={q}
            onInput={(e) => {
              setQ(e.currentTarget.value);
              setPage(0);
            }}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={flaggedOnly}
            onChange={(e) => {
              setFlaggedOnly(e.currentTarget.checked);
              setPage(0);
            }}
          />{' '}
          Chỉ ngày có dấu hiệu
        </label>
      </div>
      {rows.length === 0 ? (
        <p>Không có ngày nào.</p>
      ) : (
        <>
          <CardTable
            class="cards sipas-days"
            caption="Số phiếu và dấu hiệu theo điểm thu thập và ngày"
            columns={[
              'Điểm thu thập',
              'Ngày',
              num('Số phiếu'),
              num('Hài lòng'),
              num(`Từ ${CHANNEL_LABELS.code.toLowerCase()}`),
              num(CHANNEL_LABELS.paper),
              'Dấu hiệu',
            ]}
          >
            {shown.rows.map((d) => {
              const p = points.get(d.pointId);
              const f = d.figures;
              return (
                <tr
                  key={`${d.pointId}|${d.day}`}
                  class={d.flags.length ? 'sipas-flagged' : undefined}
                >
                  <NameCell>
                    {p?.name ?? d.pointId}
                    <small>{p?.unitName}</small>
                  </NameCell>
                  <Cell label="Ngày">
                    <DayCell day={d.day} />
                  </Cell>
                  {f ? (
                    <>
                      <Cell label="Số phiếu" num>
                        {count(f.forms)}
                      </Cell>
                      <Cell label="Hài lòng" num>
                        {viPercent(f.satisfiedPercent)}
                      </Cell>
                      <Cell label="Từ mã dùng một lần" num>
                        {viPercent(f.codePercent)}
                      </Cell>
                      <Cell label="Phiếu giấy" num>
                        {count(f.paper)}
                      </Cell>
                    </>
                  ) : (
                    <td colSpan={4} class="sipas-small" data-label="Số liệu">
                      dưới {count(k)} phiếu
                    </td>
                  )}
                  <Cell label="Dấu hiệu">
                    <FlagBadges flags={d.flags} />
                  </Cell>
                </tr>
              );
            })}
          </CardTable>
          {shown.pages > 1 && (
            <ListPager page={shown} label="Trang của bảng theo ngày" onPage={setPage} />
          )}
        </>
      )}
    </section>
  );
}
