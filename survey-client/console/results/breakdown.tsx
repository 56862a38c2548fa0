import { count } from '../format';
import { hidden, NO_DATA, ratio, score } from './format';
import { criterionNames, fieldNames, fieldOfCriterion, groupName } from './names';
import type { Definition, UnitResult } from './types';

/**
 * A unit's criteria (score, maximum, ratio, valid answers, "Không biết", no-data flag) and their
 * breakdown by respondent group, hidden where the small-group rule says so.
 */

export function Criteria({
  unit,
  definition,
}: {
  unit: UnitResult;
  definition: Definition | undefined;
}) {
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
                <th scope="rowgroup" colSpan={7}>
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

export function Groups({
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
