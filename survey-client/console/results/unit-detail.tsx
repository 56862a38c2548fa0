import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { fieldProfileChart } from '../../../analysis/charts';
import type { RunUnitResult } from '../../../contract/results';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
import { Criteria, Groups } from './breakdown';
import { Chart } from './chart';
import { Distribution } from './distribution';
import { NO_DATA, pct, score } from './format';
import { fieldNames } from './names';
import type { Definition, DistributionRow, UnitResult } from './types';

export interface UnitDetailProps {
  unit: UnitResult;
  definition: Definition | undefined;
  /** The run's small-group threshold. */
  k: number;
  /** Rank among the units of its index; undefined where ranks make no sense (one unit). */
  rank?: number | null;
  /** This unit's A–E distributions; undefined while loading. */
  distributions?: readonly DistributionRow[];
  /** Headings start at this level (2 on the printed report, 3 in the results panel). */
  level?: 2 | 3;
  /** Everything unfolded (print). */
  print?: boolean;
}

/**
 * A unit's headline figures: survey score, maximum, %, its rank when given, and once the
 * self-assessment is imported the points it gave (with a field's points from SIPAS, §19.5)
 * and the total PAR index.
 */
export function UnitStats({
  unit,
  rank,
  class: cls,
}: {
  /** A run's unit carries its total (step 8); the printed report's may not. */
  unit: UnitResult & { total?: RunUnitResult['total'] };
  rank?: number | null;
  class: string;
}) {
  // The figure used in the total, not the one imported, when SIPAS replaced a field (qa7).
  const fromSipas = (unit.total?.fields ?? [])
    .filter((f) => f.source === 'sipas')
    .map((f) => f.code);
  const selfLabel =
    fromSipas.length > 0
      ? `Điểm tự đánh giá (${fromSipas.join(', ')} theo SIPAS)`
      : 'Điểm tự đánh giá';
  return (
    <dl class={cls}>
      <div>
        <dt>Điểm khảo sát</dt>
        <dd>{score(unit.surveyScore)}</dd>
      </div>
      <div>
        <dt>Điểm tối đa</dt>
        <dd>{score(unit.maxScore)}</dd>
      </div>
      <div>
        <dt>Tỷ lệ</dt>
        <dd>{pct(unit.surveyPercent)}</dd>
      </div>
      {rank !== undefined && (
        <div>
          <dt>Xếp hạng</dt>
          <dd>{rank ?? '—'}</dd>
        </div>
      )}
      {unit.total && (
        <div>
          <dt>{selfLabel}</dt>
          <dd>{score(unit.total.selfAssessment)}</dd>
        </div>
      )}
      {unit.total?.fields
        .filter((f) => f.source === 'sipas')
        .map((f) => (
          <div key={f.code}>
            <dt>{f.code} từ SIPAS</dt>
            <dd>{score(f.selfAssessment)}</dd>
          </div>
        ))}
      {unit.parIndex !== null && (
        <div>
          <dt>Chỉ số CCHC</dt>
          <dd>{pct(unit.parIndex)}</dd>
        </div>
      )}
    </dl>
  );
}

/**
 * One unit's results: the score, its fields (chart and table), its criteria with ratio, valid
 * answers, "Không biết" and the no-data flag, the breakdown by respondent group (hidden cells
 * read "ẩn (dưới k phiếu)"), and the A–E distribution of each question.
 */
export function UnitDetail(props: UnitDetailProps) {
  const { unit, definition, k, rank, distributions, level = 3, print = false } = props;
  return (
    <>
      <UnitStats unit={unit} rank={rank} class="stats r-stats" />
      {unit.noData && (
        <p class="notice">
          Đơn vị này {NO_DATA}: không có câu trả lời hợp lệ nào, điểm khảo sát là 0.
        </p>
      )}
      <Part title="Theo lĩnh vực" level={level}>
        <Fields unit={unit} definition={definition} />
      </Part>
      <Part title="Theo tiêu chí" level={level}>
        <Criteria unit={unit} definition={definition} />
      </Part>
      <Part title="Theo nhóm đối tượng" level={level} folded={!print}>
        <Groups unit={unit} definition={definition} k={k} />
      </Part>
      <Part title="Phân bố câu trả lời A–E" level={level} folded={!print}>
        {distributions === undefined ? (
          <p class="loading">Đang tải…</p>
        ) : (
          <Distribution
            rows={distributions}
            definition={definition}
            unitName={unit.name}
            k={k}
            all={print}
            level={level === 2 ? 3 : 4}
          />
        )}
      </Part>
    </>
  );
}

/** A part of the detail under its heading; `folded`: closed until asked for (long on a phone). */
function Part({
  title,
  level,
  folded = false,
  children,
}: {
  title: string;
  level: 2 | 3;
  folded?: boolean;
  children: ComponentChildren;
}) {
  const H = level === 2 ? 'h2' : 'h3';
  return folded ? (
    <details class="r-unit-part">
      <summary>
        <H>{title}</H>
      </summary>
      {children}
    </details>
  ) : (
    <section class="r-unit-part">
      <H>{title}</H>
      {children}
    </section>
  );
}

export function Fields({
  unit,
  definition,
}: {
  unit: UnitResult;
  definition: Definition | undefined;
}) {
  const names = fieldNames(definition, unit.index);
  const config = useMemo(
    () =>
      fieldProfileChart(
        unit.fields.map((f) => ({
          code: f.code,
          name: names.get(f.code) ?? '',
          percent: f.percent,
        })),
      ),
    [unit, definition],
  );
  return (
    <Chart config={config} label={`Tỷ lệ điểm theo từng lĩnh vực, ${unit.name}`}>
      <CardTable
        class="cards r-compact r-figures"
        style={{ '--cols': 3 }}
        caption={<>Điểm theo lĩnh vực, {unit.name}</>}
        columns={['Lĩnh vực', num('Điểm'), num('Tối đa'), num('Tỷ lệ')]}
      >
        {unit.fields.map((f) => (
          <tr key={f.code}>
            <NameCell>
              {f.code} <span class="r-field-name">{names.get(f.code)}</span>
            </NameCell>
            <Cell label="Điểm" num>
              {score(f.score)}
            </Cell>
            <Cell label="Tối đa" num>
              {score(f.max)}
            </Cell>
            <Cell label="Tỷ lệ" num>
              {pct(f.percent)}
            </Cell>
          </tr>
        ))}
      </CardTable>
    </Chart>
  );
}
