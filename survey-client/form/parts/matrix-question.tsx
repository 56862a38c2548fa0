import type { QuestionView } from '../../../server/respondent/contract';
import { answerKey, type Option, questionDomId, type Unit, unitDomId } from '../model';
import { OptionTiles, ordered } from './option-tiles';

interface Props {
  qnId: string;
  q: QuestionView;
  n: number;
  /** Only the units the respondent knows: the others are E without asking. */
  units: Unit[];
  answers: Record<string, Option>;
  onAnswers: (answers: Record<string, Option>) => void;
}

/** One question asked about several units: a compact block of tiles per unit. */
export function MatrixQuestion({ qnId, q, n, units, answers, onAnswers }: Props) {
  const id = questionDomId(qnId, q.id);
  const setAll = (option: Option) =>
    onAnswers(Object.fromEntries(units.map((u) => [answerKey(qnId, q.id, u.code), option])));
  return (
    <fieldset class="q" id={id} tabIndex={-1}>
      <legend>
        <b>Câu {n}.</b> {q.text}
      </legend>
      {units.length > 1 && (
        <div class="same">
          <label for={`${id}-all`}>Cùng một câu trả lời cho tất cả</label>
          {/* Always shows "Chọn…": it is an action, the tiles below show the answers. */}
          <select
            id={`${id}-all`}
            value=""
            onChange={(e) => {
              const v = e.currentTarget.value as Option | '';
              if (v) setAll(v);
            }}
          >
            <option value="">Chọn…</option>
            {ordered(q.options).map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {units.map((u) => {
        const key = answerKey(qnId, q.id, u.code);
        const uid = unitDomId(qnId, q.id, u.code);
        return (
          <fieldset key={u.code} class="unit" id={uid} tabIndex={-1}>
            <legend>{u.name}</legend>
            <OptionTiles
              name={uid}
              options={q.options}
              value={answers[key]}
              onPick={(option) => onAnswers({ [key]: option })}
            />
          </fieldset>
        );
      })}
    </fieldset>
  );
}
