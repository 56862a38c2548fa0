import { count } from '../format';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
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
    <CardTable
      class="cards r-criteria"
      caption={<>Điểm theo tiêu chí, {unit.name}</>}
      columns={[
        'Tiêu chí',
        num('Điểm'),
        num('Tối đa'),
        num('Tỷ lệ đạt'),
        num('Câu trả lời hợp lệ'),
        num('Không biết'),
        'Ghi chú',
      ]}
      bodies
    >
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
              <NameCell>
                {c.code} <span class="r-criterion-name">{names.get(c.code)}</span>
              </NameCell>
              <Cell label="Điểm" num>
                {score(c.score)}
              </Cell>
              <Cell label="Tối đa" num>
                {score(c.max)}
              </Cell>
              <Cell label="Tỷ lệ đạt" num>
                {ratio(c.ratio)}
              </Cell>
              <Cell label="Câu trả lời hợp lệ" num>
                {count(c.nValid)}
              </Cell>
              <Cell label="Không biết" num>
                {count(c.nExcluded)}
              </Cell>
              <Cell label="Ghi chú" class="r-note">
                {c.noData ? NO_DATA : ''}
              </Cell>
            </tr>
          ))}
        </tbody>
      ))}
    </CardTable>
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
      <CardTable
        class="cards r-groups"
        caption={<>Số phiếu và tỷ lệ đạt theo nhóm đối tượng, {unit.name}</>}
        columns={[
          'Tiêu chí',
          ...unit.groups.map((g) => ({ label: groupName(definition, g.code), key: g.code })),
        ]}
      >
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
      </CardTable>
      <p class="hint">
        Kết quả theo nhóm chỉ hiện khi mọi nhóm trả lời về tiêu chí đó có từ {k} phiếu trở lên; điểm
        công bố luôn tính đủ mọi phiếu.
      </p>
    </>
  );
}
