import { useMemo, useState } from 'preact/hooks';
import { distributionChart, OPTION_KEYS } from '../../../analysis/charts';
import { count } from '../format';
import { CardTable, num } from '../parts/card-table';
import { Chart } from './chart';
import { optionNames, questionLabel, questionnaireTitle } from './names';
import type { Definition, DistributionRow } from './types';

/**
 * The A–E answers to each question about one unit, by questionnaire: a chart stacked to 100%
 * and the counts in a table. Where the small-group rule hides a unit × criterion, its questions
 * read "ẩn (dưới k phiếu)" and are not drawn. `all` shows every questionnaire at once (print).
 */
export function Distribution({
  rows,
  definition,
  unitName,
  k,
  all = false,
  level = 4,
}: {
  rows: readonly DistributionRow[];
  definition: Definition | undefined;
  unitName: string;
  k: number;
  all?: boolean;
  /** The questionnaire titles' heading level: one below the part they are in. */
  level?: 3 | 4;
}) {
  const questionnaires = [...new Set(rows.map((r) => r.questionnaireId))];
  const [chosen, setChosen] = useState(questionnaires[0] ?? '');
  const current = questionnaires.includes(chosen) ? chosen : (questionnaires[0] ?? '');
  if (rows.length === 0) return <p>Không có câu hỏi nào về đơn vị này.</p>;
  return (
    <>
      {!all && questionnaires.length > 1 && (
        <label class="r-inline-select">
          Phiếu
          <select value={current} onChange={(e) => setChosen(e.currentTarget.value)}>
            {questionnaires.map((q) => (
              <option key={q} value={q}>
                {questionnaireTitle(definition, q)}
              </option>
            ))}
          </select>
        </label>
      )}
      {(all ? questionnaires : [current]).map((q) => (
        <OneQuestionnaire
          key={q}
          rows={rows.filter((r) => r.questionnaireId === q)}
          definition={definition}
          title={questionnaireTitle(definition, q)}
          unitName={unitName}
          k={k}
          showTitle={all || questionnaires.length === 1}
          level={level}
        />
      ))}
      <p class="hint">
        A là mức tốt nhất, D kém nhất (nhãn cụ thể theo từng câu hỏi); E "
        {definition?.dontKnowLabel ?? 'Không biết/Không trả lời'}" không tính vào điểm.
      </p>
    </>
  );
}

function OneQuestionnaire({
  rows,
  definition,
  title,
  unitName,
  k,
  showTitle,
  level,
}: {
  rows: readonly DistributionRow[];
  definition: Definition | undefined;
  title: string;
  unitName: string;
  k: number;
  showTitle: boolean;
  level: 3 | 4;
}) {
  const H = level === 3 ? 'h3' : 'h4';
  const config = useMemo(
    () =>
      distributionChart(
        rows.map((r) => ({ label: questionLabel(definition, r), counts: r.counts })),
        optionNames(definition),
      ),
    [rows, definition],
  );
  const shown = rows.filter((r) => r.counts !== null).length;
  const table = (
    <CardTable
      class="cards r-compact r-dist"
      style={{ '--cols': OPTION_KEYS.length + 1 }}
      caption={
        <>
          Phân bố câu trả lời A–E, {title}, {unitName}
        </>
      }
      columns={['Câu hỏi', ...OPTION_KEYS.map((o) => num(o)), num('Tổng')]}
    >
      {rows.map((r) => (
        <tr key={`${r.questionnaireId}|${r.questionId}`}>
          <th scope="row" class="r-question">
            {questionLabel(definition, r)}
            <small>{r.questionText}</small>
          </th>
          {r.counts === null ? (
            <td colSpan={OPTION_KEYS.length + 1} class="r-hidden-cell" data-label="A–E">
              {r.note ?? `ẩn (dưới ${k} phiếu)`}
            </td>
          ) : (
            <>
              {OPTION_KEYS.map((o) => (
                <td key={o} class="num" data-label={o}>
                  {count(r.counts?.[o] ?? 0)}
                </td>
              ))}
              <td class="num" data-label="Tổng">
                {count(r.total ?? 0)}
              </td>
            </>
          )}
        </tr>
      ))}
    </CardTable>
  );
  return (
    <div class="r-dist-block">
      {showTitle && <H class="r-dist-title">{title}</H>}
      {shown === 0 ? (
        table
      ) : (
        <Chart
          config={config}
          label={`Phân bố câu trả lời A–E theo câu hỏi, ${title}, ${unitName}`}
        >
          {table}
        </Chart>
      )}
    </div>
  );
}
