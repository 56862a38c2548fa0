import { useMemo, useState } from 'preact/hooks';
import './compare.css';
import '../styles/long-tables.css';
import type { CompareOptions, Comparison } from '../../../contract/console/compare';
import { campaignApi, query } from '../api';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
import { ListPager } from '../parts/list-pager';
import { ErrorNotice, Loading } from '../parts/notice';
import { matchesSearch, pageOf } from '../table-view';
import { useLoad } from '../use-load';
import { comparedWith, predecessorLine } from './compare-text';
import { pct, score } from './format';
import { RANKING_PAGE, RANKING_PLAIN } from './ranking-view';

export type { Comparison };

/** "+2 ▲", "−1 ▼", "0", or "—" when there is nothing to compare. */
export function changeText(n: number | null | undefined, format: (n: number) => string = String) {
  if (n == null) return '—';
  if (n > 0) return `+${format(n)} ▲`;
  if (n < 0) return `−${format(-n)} ▼`;
  return format(0);
}

const rank = (n: number | null | undefined) => (n == null ? '—' : String(n));

type Unit = Comparison['units'][number];

/** The unit's name, and across the mergers what it is compared with or why it is not. */
function UnitName({ u, cmp }: { u: Unit; cmp: Comparison }) {
  const year = cmp.previous.year;
  if (!cmp.acrossMergers)
    return (
      <>
        {u.name}
        {u.presence === 'current_only' && ' (chỉ có năm nay)'}
        {u.presence === 'previous_only' && ' (chỉ có năm trước)'}
      </>
    );
  const line = comparedWith(u, year);
  return (
    <>
      {u.name}
      {u.officialCode && <small class="r-muted"> · mã {u.officialCode}</small>}
      {line && (
        <>
          <br />
          <small class="r-muted">{line}</small>
        </>
      )}
      {u.comparability === 'not_comparable' && u.predecessors.length > 0 && (
        <ul class="r-predecessors">
          {u.predecessors.map((p) => (
            <li key={p.officialCode || p.name}>{predecessorLine(p, year)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * Every unit against its previous year. A province's 115 units are searched (with or without
 * diacritics) and paged like the ranking, 25 a page; on a phone each row becomes a card.
 */
function UnitsTable({ cmp }: { cmp: Comparison }) {
  const [q, setQ] = useState('');
  const [at, setAt] = useState(0);
  const all = cmp.units;
  const plain = all.length <= RANKING_PLAIN;
  const kept = useMemo(
    () => (q ? all.filter((u) => matchesSearch(`${u.name} ${u.officialCode ?? ''}`, q)) : all),
    [all, q],
  );
  const page = pageOf(kept, at, plain ? Math.max(1, kept.length) : RANKING_PAGE);
  const pager = (where: string) =>
    page.pages > 1 && (
      <ListPager page={page} label={`Chuyển trang bảng so sánh (${where})`} onPage={setAt} />
    );
  const across = cmp.acrossMergers;
  return (
    <>
      {!plain && (
        <div class="filters">
          <label>
            Tìm đơn vị
            <input
              type="search"
              value={q}
              placeholder="Tên hoặc mã đơn vị, gõ có dấu hay không dấu"
              onInput={(e) => {
                setQ(e.currentTarget.value);
                setAt(0);
              }}
            />
          </label>
          <p class="list-status" aria-live="polite">
            {kept.length === all.length
              ? `${all.length} đơn vị.`
              : `${kept.length} trong ${all.length} đơn vị khớp.`}
          </p>
        </div>
      )}
      {pager('trên bảng')}
      <CardTable
        caption="So sánh theo đơn vị"
        columns={[
          'Đơn vị',
          num('% năm nay'),
          num('% năm trước'),
          num(across ? 'Hạng năm nay (so sánh được)' : 'Hạng năm nay'),
          num(across ? 'Hạng năm trước (so sánh được)' : 'Hạng năm trước'),
          num('Thay đổi hạng'),
        ]}
      >
        {page.rows.map((u) => (
          <tr key={u.code}>
            <NameCell>
              <UnitName u={u} cmp={cmp} />
            </NameCell>
            {/* A unit nobody answered about has no percentage, not 0 %. */}
            <Cell label="% năm nay" num>
              {u.current?.noData ? '—' : pct(u.current?.surveyPercent)}
            </Cell>
            <Cell label="% năm trước" num>
              {u.previous?.noData ? '—' : pct(u.previous?.surveyPercent)}
            </Cell>
            <Cell label="Hạng năm nay" num>
              {rank(across ? u.rankAmongComparable?.current : u.current?.rank)}
            </Cell>
            <Cell label="Hạng năm trước" num>
              {rank(across ? u.rankAmongComparable?.previous : u.previous?.rank)}
            </Cell>
            <Cell label="Thay đổi hạng" num>
              {changeText(u.change.rank)}
            </Cell>
          </tr>
        ))}
      </CardTable>
      {pager('dưới bảng')}
    </>
  );
}

/**
 * "So sánh với năm trước": the run against a previous campaign's published results (by default the
 * latest closed one before it), per unit and, for a chosen unit, per criterion.
 */
export function ComparePanel({ campaignId, runId }: { campaignId: string; runId: string }) {
  const [withId, setWithId] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const run = `/runs/${encodeURIComponent(runId)}`;
  const options = useLoad<CompareOptions>(campaignApi(campaignId, `${run}/compare-options`));
  const choices = options.data?.choices ?? [];
  const defaultId = options.data?.defaultId ?? null;
  // Asked only for a campaign it can be made with (the default, or one chosen among those with
  // locked results): a results view never ends in a 404 or 409 in the browser (issue #13.16).
  const ask = withId !== '' || defaultId !== null;
  const loaded = useLoad<Comparison>(
    options.loading || !ask
      ? null
      : campaignApi(campaignId, `${run}/compare${query({ with: withId || undefined })}`),
  );
  const cmp = loaded.loading || !ask ? undefined : loaded.data;
  const unit = cmp?.units.find((u) => u.code === unitCode) ?? cmp?.units[0];
  return (
    <section class="panel stack r-compare" aria-labelledby="compare-title">
      <h2 id="compare-title">So sánh với năm trước</h2>
      {options.error !== undefined && <ErrorNotice error={options.error} />}
      <label class="r-inline-select">
        So với đợt
        <select
          value={withId}
          onChange={(e) => {
            setWithId(e.currentTarget.value);
            setUnitCode('');
          }}
        >
          <option value="">{defaultId ? 'Đợt trước (mặc định)' : 'Chọn đợt để so sánh'}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id} disabled={!c.comparable}>
              {c.why ? `${c.name} (${c.why})` : c.name}
            </option>
          ))}
        </select>
      </label>
      {!options.loading && options.error === undefined && !ask && (
        <p>
          {choices.length === 0
            ? 'Chưa có đợt khảo sát nào khác đã kết thúc để so sánh.'
            : choices.some((c) => c.comparable)
              ? 'Không có đợt trước có kết quả đã khóa và cùng tiêu chí: hãy chọn một đợt để so sánh.'
              : 'Các đợt đã kết thúc chưa có kết quả đã khóa để công bố: chưa so sánh được.'}
        </p>
      )}
      {loaded.loading && <Loading what="Đang tải so sánh…" />}
      {ask && !loaded.loading && loaded.error !== undefined && <ErrorNotice error={loaded.error} />}
      {cmp && loaded.error === undefined && (
        <>
          <p>
            {cmp.current.campaign.name} so với {cmp.previous.campaign.name}.{' '}
            <a
              class="button"
              href={campaignApi(
                campaignId,
                `/runs/${encodeURIComponent(runId)}/compare.csv${query({ with: withId || undefined })}`,
              )}
              download
            >
              Tải bảng so sánh (.csv)
            </a>
          </p>
          {cmp.acrossMergers && (
            <p class="r-muted">
              Đơn vị đã sắp xếp năm 2025: so sánh theo bảng chuyển đổi chính thức. Đơn vị mới hình
              thành trọn vẹn từ các đơn vị cũ có trong đợt {cmp.previous.year} được so với số liệu
              của các đơn vị cũ gộp lại; các trường hợp khác ghi "không so sánh trực tiếp được" kèm
              kết quả riêng của từng đơn vị cũ. Hạng chỉ xếp trong số các đơn vị so sánh trực tiếp
              được, theo từng bộ chỉ số.
            </p>
          )}
          <UnitsTable cmp={cmp} />
          {unit && (
            <>
              <label class="r-inline-select">
                Tiêu chí của đơn vị
                <select value={unit.code} onChange={(e) => setUnitCode(e.currentTarget.value)}>
                  {cmp.units.map((u) => (
                    <option key={u.code} value={u.code}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
              <table class="r-table" aria-label={`So sánh theo tiêu chí: ${unit.name}`}>
                <thead>
                  <tr>
                    <th>Tiêu chí</th>
                    <th>Điểm năm nay</th>
                    <th>Điểm năm trước</th>
                    <th>Thay đổi</th>
                  </tr>
                </thead>
                <tbody>
                  {unit.criteria.map((c) => (
                    <tr key={c.code}>
                      <td>
                        {c.code}
                        {c.presence === 'current_only' && ' (chỉ có năm nay)'}
                        {c.presence === 'previous_only' && ' (chỉ có năm trước)'}
                      </td>
                      <td>{score(c.current?.score)}</td>
                      <td>{score(c.previous?.score)}</td>
                      <td>{changeText(c.scoreChange, score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
