import type { QuestionnaireView, QuestionView } from '../../../contract/respondent';
import { answerKey, type Ctx, type Option, ratedUnits } from '../model';
import { MatrixQuestion } from '../parts/matrix-question';
import { SingleQuestion } from '../parts/single-question';

interface Props extends Ctx {
  qn: QuestionnaireView;
  questions: QuestionView[];
}

/** One field (lĩnh vực) of a questionnaire: its questions, single or matrix. */
export function FieldScreen({ qn, questions, st, update }: Props) {
  const units = ratedUnits(qn, st.known);
  const setAnswers = (answers: Record<string, Option>) =>
    update((s) => ({ answers: { ...s.answers, ...answers } }));
  return (
    <>
      {questions.map((q) => {
        const n = qn.questions.indexOf(q) + 1;
        const only = units.length === 1 && qn.mode === 'single' ? units[0] : undefined;
        if (!only) {
          return (
            <MatrixQuestion
              key={q.id}
              qnId={qn.id}
              q={q}
              n={n}
              units={units}
              answers={st.answers}
              onAnswers={setAnswers}
            />
          );
        }
        const key = answerKey(qn.id, q.id, only.code);
        return (
          <SingleQuestion
            key={q.id}
            qnId={qn.id}
            q={q}
            n={n}
            value={st.answers[key]}
            onPick={(option) => setAnswers({ [key]: option })}
          />
        );
      })}
    </>
  );
}
