import { useMemo } from 'preact/hooks';
import { rankingChart, rankUnits } from '../../../analysis/charts';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
import { Link } from '../parts/link';
import { Chart } from './chart';
import { NO_DATA, pct, score } from './format';
import { indexOf } from './names';
import { unitReportPath } from './paths';
import type { Definition, ResultsDocument, UnitResult } from './types';
import { Fields, UnitStats } from './unit-detail';

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
}: {
  doc: ResultsDocument;
  definition: Definition | undefined;
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
          <Ranking key={g.code} doc={doc} units={g.units} indexName={g.name} />
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
}: {
  doc: ResultsDocument;
  units: UnitResult[];
  indexName: string;
}) {
  const ranked = rankUnits(units);
  // The total index exists once the appraised self-assessment is imported (step 8).
  const par = units.some((u) => u.parIndex !== null);
  const config = useMemo(() => rankingChart(units), [units]);
  const id = `ranking-${units[0]?.index ?? ''}`;
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id} class="r-title">
        Xếp hạng theo điểm khảo sát
        <small>{indexName}</small>
      </h2>
      <Chart
        config={config}
        label={`Xếp hạng ${units.length} đơn vị theo tỷ lệ điểm khảo sát, ${indexName}`}
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
          {ranked.map((u) => (
            <tr key={u.code} class={u.noData ? 'r-no-data' : undefined}>
              <Cell label="Hạng" num class="r-rank">
                {u.rank ?? '—'}
              </Cell>
              <NameCell>
                <Link href={unitReportPath(doc.campaign.id, doc.method.runId, u.code)}>
                  {u.name}
                </Link>
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
      <p class="hint">
        Các đơn vị bằng điểm cùng hạng. Bấm tên đơn vị để xem chi tiết và in báo cáo.
      </p>
    </section>
  );
}
