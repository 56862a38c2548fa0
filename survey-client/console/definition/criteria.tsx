import type { EditProps } from './edit';
import { pointsToUnits, showPoints, sumPoints, typedPoints, unitsToPoints } from './points';
import { ProblemText } from './problem-text';

/** Per index: each field's criteria with their maximum survey points, and the budget they fill. */
export function CriteriaSection({ def, editable, edit, problemsAt }: EditProps) {
  return (
    <section class="panel def-section" aria-labelledby="criteria-title">
      <h2 id="criteria-title">Tiêu chí và điểm tối đa</h2>
      <p class="hint">
        Điểm tối đa của mỗi tiêu chí được khảo sát; tổng các tiêu chí phải bằng tổng điểm điều tra
        của bộ chỉ số. Số thập phân viết bằng dấu chấm hoặc dấu phẩy, ví dụ 1,50.
      </p>
      {def.indexes.map((index, ii) => {
        const total = sumPoints(index.fields.flatMap((f) => f.criteria.map((c) => c.maxPoints)));
        const budget = pointsToUnits(index.budget);
        const fits = total !== null && budget !== null && total === budget;
        const budgetId = `budget-${index.code}`;
        return (
          <div key={index.code} class="index-block">
            <h3>{index.name}</h3>
            <div class="budget-line">
              {editable ? (
                <label>
                  Tổng điểm điều tra
                  <input
                    class="points"
                    inputMode="decimal"
                    maxLength={10}
                    value={index.budget}
                    onInput={(e) => {
                      const v = typedPoints(e.currentTarget.value);
                      edit((d) => {
                        const x = d.indexes[ii];
                        if (x) x.budget = v;
                      });
                    }}
                  />
                </label>
              ) : (
                <p>
                  Tổng điểm điều tra: <b>{showPoints(index.budget)}</b>
                </p>
              )}
              <p id={budgetId} class={fits ? 'sum ok' : 'sum bad'}>
                Tổng các tiêu chí:{' '}
                <b>
                  {total === null
                    ? 'chưa tính được (có ô điểm không hợp lệ)'
                    : showPoints(unitsToPoints(total))}
                </b>
                {total !== null &&
                  budget !== null &&
                  (fits ? ' — khớp ✓' : ` — chưa khớp với ${showPoints(index.budget)}`)}
              </p>
              <ProblemText messages={problemsAt(`budget:${index.code}`)} />
            </div>
            <div class="table-wrap">
              <table class="criteria">
                <thead>
                  <tr>
                    <th scope="col">Tiêu chí</th>
                    <th scope="col" class="num">
                      Điểm tối đa
                    </th>
                  </tr>
                </thead>
                {index.fields.map((f, fi) => {
                  const sub = sumPoints(f.criteria.map((c) => c.maxPoints));
                  return (
                    <tbody key={f.code}>
                      <tr class="field-row">
                        <th scope="rowgroup">{f.name}</th>
                        <td class="num">{sub === null ? '—' : showPoints(unitsToPoints(sub))}</td>
                      </tr>
                      {f.criteria.map((c, ci) => {
                        const key = `criterion:${index.code}:${c.code}`;
                        const problems = problemsAt(key);
                        const pid = `p-${index.code}-${c.code}`;
                        return (
                          <tr key={c.code} class={problems.length ? 'has-problem' : undefined}>
                            <th scope="row" class="crit">
                              <span class="code">{c.code}</span> {c.name}
                              <ProblemText id={pid} messages={problems} />
                            </th>
                            <td class="num">
                              {editable ? (
                                <input
                                  class="points"
                                  inputMode="decimal"
                                  maxLength={10}
                                  value={c.maxPoints}
                                  aria-label={`Điểm tối đa, tiêu chí ${c.code}`}
                                  aria-describedby={problems.length ? pid : undefined}
                                  onInput={(e) => {
                                    const v = typedPoints(e.currentTarget.value);
                                    edit((d) => {
                                      const x = d.indexes[ii]?.fields[fi]?.criteria[ci];
                                      if (x) x.maxPoints = v;
                                    });
                                  }}
                                />
                              ) : (
                                showPoints(c.maxPoints)
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  );
                })}
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}
