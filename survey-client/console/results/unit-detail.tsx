import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { fieldProfileChart } from '../../../analysis/charts';
import { count } from '../format';
import { Chart } from './chart';
import { Distribution } from './distribution';
import { hidden, NO_DATA, pct, ratio, score } from './format';
import { criterionNames, fieldNames, fieldOfCriterion, groupName } from './names';
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
 * One unit's results: the score, its fields (chart and table), its criteria with ratio, valid
 * answers, "Không biết" and the no-data flag, the breakdown by respondent group (hidden cells
 * read "ẩn (dưới k phiếu)"), and the A–E distribution of each question.
 */
export function UnitDetail(props: UnitDetailProps) {
  const { unit, definition, k, rank, distributions, level = 3, print = false } = props;
  return (
    <>
      <dl class="stats r-stats">
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
        {unit.parIndex !== null && (
          <div>
            <dt>Chỉ số CCHC</dt>
            <dd>{pct(unit.parIndex)}</dd>
          </div>
        )}
      </dl>
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
      <div class="table-wrap">
        <table class="cards r-compact r-figures" style={{ '--cols': 3 }}>
          <caption class="sr-only">Điểm theo lĩnh vực, {unit.name}</caption>
          <thead>
            <tr>
              <th scope="col">Lĩnh vực</th>
              <th scope="col" class="num">
                Điểm
              </th>
              <th scope="col" class="num">
                Tối đa
              </th>
              <th scope="col" class="num">
                Tỷ lệ
              </th>
            </tr>
          </thead>
          <tbody>
            {unit.fields.map((f) => (
              <tr key={f.code}>
                <th scope="row" class="name">
                  {f.code} <span class="r-field-name">{names.get(f.code)}</span>
                </th>
                <td class="num" data-label="Điểm">
                  {score(f.score)}
                </td>
                <td class="num" data-label="Tối đa">
                  {score(f.max)}
                </td>
                <td class="num" data-label="Tỷ lệ">
                  {pct(f.percent)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Chart>
  );
}

function Criteria({ unit, definition }: { unit: UnitResult; definition: Definition | undefined }) {
  const names = criterionNames(definition);
  const fields = fieldNames(definition, unit.index);
  const fieldOf = fieldOfCriterion(definition, unit.index);
  const byField = new Map<string, typeof unit.criteria>();
  for (const c of unit.criteria) {
    const f = fieldOf.get(c.code) ?? '';
    byField.set(f, [...(byField.get(f) ?? []), c]);
  }
  return (
    <div class="table-wrap">
      <table class="cards r-criteria">
        <caption class="sr-only">Điểm theo tiêu chí, {unit.name}</caption>
        <thead>
          <tr>
            <th scope="col">Tiêu chí</th>
            <th scope="col" class="num">
              Điểm
            </th>
            <th scope="col" class="num">
              Tối đa
            </th>
            <th scope="col" class="num">
              Tỷ lệ đạt
            </th>
            <th scope="col" class="num">
              Câu trả lời hợp lệ
            </th>
            <th scope="col" class="num">
              Không biết
            </th>
            <th scope="col">Ghi chú</th>
          </tr>
        </thead>
        {[...byField].map(([field, criteria]) => (
          <tbody key={field}>
            {field && (
              <tr class="r-field-row">
                <th scope="colgroup" colSpan={7}>
                  {field} {fields.get(field)}
                </th>
              </tr>
            )}
            {criteria.map((c) => (
              <tr key={c.code} class={c.noData ? 'r-no-data' : undefined}>
                <th scope="row" class="name">
                  {c.code} <span class="r-criterion-name">{names.get(c.code)}</span>
                </th>
                <td class="num" data-label="Điểm">
                  {score(c.score)}
                </td>
                <td class="num" data-label="Tối đa">
                  {score(c.max)}
                </td>
                <td class="num" data-label="Tỷ lệ đạt">
                  {ratio(c.ratio)}
                </td>
                <td class="num" data-label="Câu trả lời hợp lệ">
                  {count(c.nValid)}
                </td>
                <td class="num" data-label="Không biết">
                  {count(c.nExcluded)}
                </td>
                <td class="r-note" data-label="Ghi chú">
                  {c.noData ? NO_DATA : ''}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function Groups({
  unit,
  definition,
  k,
}: {
  unit: UnitResult;
  definition: Definition | undefined;
  k: number;
}) {
  const names = criterionNames(definition);
  if (unit.groups.length === 0) return <p>Không có nhóm đối tượng nào đánh giá đơn vị này.</p>;
  const cell = (group: string, criterion: string) =>
    unit.groups.find((g) => g.code === group)?.criteria.find((c) => c.code === criterion);
  return (
    <>
      <div class="table-wrap">
        <table class="cards r-groups">
          <caption class="sr-only">Số phiếu và tỷ lệ đạt theo nhóm đối tượng, {unit.name}</caption>
          <thead>
            <tr>
              <th scope="col">Tiêu chí</th>
              {unit.groups.map((g) => (
                <th key={g.code} scope="col">
                  {groupName(definition, g.code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {unit.criteria.map((c) => {
              const cells = unit.groups.map((g) => cell(g.code, c.code));
              // The rule hides the whole unit × criterion: with the total known, one group's
              // figure would give the other's away.
              const isHidden = cells.some((x) => x !== undefined && x.nForms === null);
              return (
                <tr key={c.code}>
                  <th scope="row" class="name">
                    {c.code} <span class="r-criterion-name">{names.get(c.code)}</span>
                  </th>
                  {isHidden ? (
                    <td colSpan={unit.groups.length} class="r-hidden-cell" data-label="Theo nhóm">
                      {hidden(k)}
                    </td>
                  ) : (
                    unit.groups.map((g, i) => {
                      const x = cells[i];
                      return (
                        <td key={g.code} data-label={groupName(definition, g.code)}>
                          {x === undefined ? (
                            <span class="r-muted" title="Nhóm này không được hỏi về tiêu chí này">
                              —
                            </span>
                          ) : (
                            // One element: a phone's card lays the cell out as a flex row.
                            <span>
                              <span class="r-nowrap">{count(x.nForms ?? 0)} phiếu</span>
                              {x.ratio !== null && (
                                <>
                                  {' · '}
                                  <span class="r-nowrap">tỷ lệ {ratio(x.ratio)}</span>
                                </>
                              )}
                            </span>
                          )}
                        </td>
                      );
                    })
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">
        Kết quả theo nhóm chỉ hiện khi mọi nhóm trả lời về tiêu chí đó có từ {k} phiếu trở lên; điểm
        công bố luôn tính đủ mọi phiếu.
      </p>
    </>
  );
}
