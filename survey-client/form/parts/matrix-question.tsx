import type { QuestionView } from '../../../contract/respondent';
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
  // The answer every unit has, if they all have the same: the select shows it, so that arrow
  // keys step from it to the next answer (a select that went back to "Chọn…" after each change
  // would let a keyboard reach only the first answer).
  const first = answers[answerKey(qnId, q.id, units[0]?.code ?? '')];
  const common = units.every((u) => answers[answerKey(qnId, q.id, u.code)] === first) ? first : '';
  return (
    <fieldset class="q" id={id} tabIndex={-1}>
      <legend>
        <b>Câu {n}.</b> {q.text}
      </legend>
      {units.length > 1 && (
        <div class="same">
          <label for={`${id}-all`}>Cùng một câu trả lời cho tất cả</label>
          <select
            id={`${id}-all`}
            value={common ?? ''}
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
            {/* In the middle of a long page the question's own heading is out of sight; screen
                readers already hear it from the outer group, so this line is for the eyes. */}
            <span class="qref" aria-hidden="true">
              Câu {n}. {q.text}
            </span>
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
