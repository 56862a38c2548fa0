import type { QuestionView } from '../../../contract/respondent';
import { type Option, questionDomId } from '../model';
import { OptionTiles } from './option-tiles';

interface Props {
  qnId: string;
  q: QuestionView;
  n: number;
  value: Option | undefined;
  onPick: (option: Option) => void;
}

/** A question about one unit: legend and option tiles. */
export function SingleQuestion({ qnId, q, n, value, onPick }: Props) {
  const id = questionDomId(qnId, q.id);
  return (
    <fieldset class="q" id={id} tabIndex={-1}>
      <legend>
        <b>Câu {n}.</b> {q.text}
      </legend>
      <OptionTiles name={id} options={q.options} value={value} onPick={onPick} />
    </fieldset>
  );
}
