import { useMemo, useState } from 'preact/hooks';
import { rankedChart, rankUnits } from '../../../analysis/charts';
import { unitKindName } from '../../../contract/console/unit-kinds';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
import { Choice } from '../parts/choice';
import { Link } from '../parts/link';
import { ListPager } from '../parts/list-pager';
import { pageOf } from '../table-view';
import { Chart } from './chart';
import { NO_DATA, pct, score } from './format';
import { indexOf } from './names';
import { unitReportPath } from './paths';
import {
  DEFAULT_RANKING,
  RANKING_PAGE,
  RANKING_PLAIN,
  RANKING_SORTS,
  type RankingFilter,
  type RankingSort,
  rankingRows,
} from './ranking-view';
import type { Definition, ResultsDocument, UnitResult } from './types';
import { Fields, UnitStats } from './unit-detail';
import '../styles/long-tables.css';

/** The units of each index, in the definition's order of indexes. */
export function unitsByIndex(doc: ResultsDocument, definition: Definition | undefined) {
  const order = (definition?.indexes ?? []).map((i) => i.code);
  for (const u of doc.units) if (!order.includes(u.index)) order.push(u.index);
  return order
    .map((code) => ({
      code,
      name: indexOf(definition, code)?.name ?? code,
      units: doc.units.filter((u) => u.index === code),
    }))
    .filter((g) => g.units.length > 0);
}

/**
 * Each index at a glance: an index that rates one unit (the district) as a card with its field
 * profile; one that rates many (the communes and the town) as a ranking.
 */
export function IndexSummaries({
  doc,
  definition,
  unitKinds = new Map(),
}: {
  doc: ResultsDocument;
  definition: Definition | undefined;
  unitKinds?: ReadonlyMap<string, string>;
}) {
  return (
    <>
      {unitsByIndex(doc, definition).map((g) =>
        g.units.length === 1 && g.units[0] ? (
          <UnitCard
            key={g.code}
            doc={doc}
            unit={g.units[0]}
            indexName={g.name}
            definition={definition}
          />
        ) : (
          <Ranking
            key={g.code}
            doc={doc}
            units={g.units}
            indexName={g.name}
            unitKinds={unitKinds}
          />
        ),
      )}
    </>
  );
}

function UnitCard({
  doc,
  unit,
  indexName,
  definition,
}: {
  doc: ResultsDocument;
  unit: UnitResult;
  indexName: string;
  definition: Definition | undefined;
}) {
  const id = `card-${unit.code}`;
  return (
    <section class="panel r-unit-card" aria-labelledby={id}>
      <h2 id={id} class="r-title">
        {unit.name}
        <small>{indexName}</small>
      </h2>
      <UnitStats unit={unit} class="stats" />
      {unit.noData && <p class="notice">Đơn vị này {NO_DATA}.</p>}
      <h3>Theo lĩnh vực</h3>
      <Fields unit={unit} definition={definition} />
      <p>
        <Link href={unitReportPath(doc.campaign.id, doc.method.runId, unit.code)}>
          Xem chi tiết và in báo cáo: {unit.name}
        </Link>
      </p>
    </section>
  );
}

function Ranking({
  doc,
  units,
  indexName,
  unitKinds,
}: {
  doc: ResultsDocument;
  units: ResultsDocument['units'];
  indexName: string;
  unitKinds: ReadonlyMap<string, string>;
}) {
  const ranked = useMemo(() => rankUnits(units), [units]);
  const [filter, setFilter] = useState<RankingFilter>(DEFAULT_RANKING);
  const [kind, setKind] = useState('');
  const update = (patch: Partial<RankingFilter>) => setFilter((f) => ({ ...f, page: 0, ...patch }));
  const plain = units.length <= RANKING_PLAIN;
  // The kinds of unit the index rates (xã, phường, đặc khu): one at a time, ranks unchanged.
  const kinds = [...new Set(units.map((u) => unitKinds.get(u.code) ?? ''))].filter(Boolean);
  const kept = useMemo(
    () =>
      plain
        ? ranked
        : rankingRows(
            ranked.filter((u) => !kind || unitKinds.get(u.code) === kind),
            filter,
          ),
    [ranked, filter, plain, kind, unitKinds],
  );
  const page = pageOf(
    kept,
    filter.page,
    plain || filter.all ? Math.max(1, kept.length) : RANKING_PAGE,
  );
  // The total index exists once the appraised self-assessment is imported (step 8).
  const par = units.some((u) => u.parIndex !== null);
  const config = useMemo(() => rankedChart(page.rows), [page.rows]);
  const index = units[0]?.index ?? '';
  const id = `ranking-${index}`;
  const pager = (where: string) =>
    page.pages > 1 && (
      <ListPager
        page={page}
        label={`Chuyển trang xếp hạng, ${indexName} (${where})`}
        onPage={(p) => setFilter((f) => ({ ...f, page: p }))}
      />
    );
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id} class="r-title">
        Xếp hạng theo điểm khảo sát
        <small>
          {indexName} · {units.length} đơn vị
        </small>
      </h2>
      {!plain && (
        <div class="filters r-ranking-filters">
          <label>
            Tìm đơn vị
            <input
              type="search"
              value={filter.q}
              placeholder="Tên đơn vị, gõ có dấu hay không dấu"
              onInput={(e) => update({ q: e.currentTarget.value })}
            />
          </label>
          {kinds.length > 1 && (
            <Choice
              label="Loại đơn vị"
              all
              value={kind}
              options={kinds.map((k) => [k, unitKindName(k)] as const)}
              onChange={(k) => {
                setKind(k);
                update({});
              }}
            />
          )}
          <Choice
            label="Sắp xếp"
            value={filter.sort}
            options={Object.entries(RANKING_SORTS) as [RankingSort, string][]}
            onChange={(sort) => update({ sort: sort || 'rank' })}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={filter.all}
              onChange={(e) => update({ all: e.currentTarget.checked })}
            />
            Hiện cả {units.length} đơn vị trên một trang
          </label>
        </div>
      )}
      {!plain && (
        <p class="list-status" aria-live="polite">
          {kept.length === units.length
            ? `${units.length} đơn vị.`
            : `${kept.length} trong ${units.length} đơn vị khớp bộ lọc.`}
        </p>
      )}
      {kept.length === 0 ? (
        <p>Không có đơn vị nào khớp.</p>
      ) : (
        <>
          {pager('trên biểu đồ')}
          <Chart
            config={config}
            label={`Xếp hạng ${page.from === 1 && page.to === units.length ? `${units.length} đơn vị` : `đơn vị ${page.from}–${page.to} trong ${kept.length}`} theo tỷ lệ điểm khảo sát, ${indexName}`}
          >
            <CardTable
              class="r-ranking"
              caption={<>Xếp hạng theo điểm khảo sát, {indexName}</>}
              columns={[
                num('Hạng'),
                'Đơn vị',
                num('Điểm'),
                num('Tối đa', 'r-max'),
                num('Tỷ lệ'),
                par && num('Chỉ số CCHC'),
              ]}
            >
              {page.rows.map((u) => (
                <tr key={u.code} class={u.noData ? 'r-no-data' : undefined}>
                  <Cell label="Hạng" num class="r-rank">
                    {u.rank ?? '—'}
                  </Cell>
                  <NameCell>
                    <Link href={unitReportPath(doc.campaign.id, doc.method.runId, u.code)}>
                      {u.name}
                    </Link>
                    {u.officialCode && <small class="r-code">Mã ĐVHC {u.officialCode}</small>}
                    {u.noData && <small>{NO_DATA}</small>}
                  </NameCell>
                  <Cell label="Điểm" num>
                    {score(u.surveyScore)}
                  </Cell>
                  <Cell label="Tối đa" num class="r-max">
                    {score(u.maxScore)}
                  </Cell>
                  <Cell label="Tỷ lệ" num>
                    {pct(u.surveyPercent)}
                  </Cell>
                  {par && (
                    <Cell label="Chỉ số CCHC" num>
                      {pct(u.parIndex)}
                    </Cell>
                  )}
                </tr>
              ))}
            </CardTable>
          </Chart>
          {pager('dưới bảng')}
        </>
      )}
      <p class="hint">
        Các đơn vị bằng điểm cùng hạng. Bấm tên đơn vị để xem chi tiết và in báo cáo.
      </p>
    </section>
  );
}
