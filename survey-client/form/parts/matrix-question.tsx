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

/**
 * A keyboard user tabbing down the cards must not land under the sticky question: a focused tile
 * it covers is scrolled out from under it. Only for the keyboard (:focus-visible): a tap is on a
 * tile in sight, and moving the page under a finger could make the tap land on another tile.
 */
function keepInView(e: FocusEvent) {
  const head = (e.currentTarget as HTMLElement).querySelector('.qhead');
  const tile = (e.target as HTMLElement).closest('.tile');
  try {
    if (!head || !tile || !(e.target as HTMLElement).matches(':focus-visible')) return;
  } catch {
    return; // A browser without :focus-visible.
  }
  const covered = head.getBoundingClientRect().bottom - tile.getBoundingClientRect().top;
  if (covered > 0) window.scrollBy(0, -covered - 8);
}

/**
 * One question asked about several units: a compact card of tiles per unit, under the question
 * kept in sight (a sticky header), so that however far down the cards go, the question they
 * answer is on screen. The legend names the group for screen readers; the header, which shows
 * the same words, is for the eyes (a sticky legend is not sticky in Safari).
 */
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
    <fieldset class="q" id={id} tabIndex={-1} onFocusIn={keepInView}>
      <legend class={units.length > 1 ? 'sr' : undefined}>
        <b>Câu {n}.</b> {q.text}
      </legend>
      {units.length > 1 && (
        <p class="qhead" aria-hidden="true">
          <b>Câu {n}.</b> {q.text}
        </p>
      )}
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
