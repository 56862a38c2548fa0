import type { ErrorBody, SurveyView } from '../../../contract/respondent';
import { type Ctx, missingAnswers, shortTitle } from '../model';

interface Detail {
  questionnaireId?: string;
  questionId?: string;
  unitCode?: string;
  message?: string;
}

/** The server's 422 details as sentences that say where to look. */
export function describeErrors(view: SurveyView, error: ErrorBody['error'] | undefined): string[] {
  const details = Array.isArray(error?.details) ? (error.details as Detail[]) : [];
  const lines = details.map((d) => {
    const qn = view.questionnaires.find((x) => x.id === d.questionnaireId);
    if (!qn) return d.message ?? '';
    const n = qn.questions.findIndex((q) => q.id === d.questionId) + 1;
    const unit = qn.mode === 'matrix' ? qn.units.find((u) => u.code === d.unitCode) : undefined;
    const where = `${shortTitle(qn)}${n ? ` · Câu ${n}` : ''}${unit ? ` · ${unit.name}` : ''}`;
    return `${where}: ${d.message ?? ''}`;
  });
  return lines.length ? lines : [error?.message || 'Phiếu chưa hợp lệ. Xin kiểm tra lại.'];
}

interface Props extends Ctx {
  errors: string[];
  onBack: () => void;
  onSubmit: () => void;
}

export function ReviewScreen({ view, st, go, errors, onBack, onSubmit }: Props) {
  const { missing, total } = missingAnswers(view, st);
  return (
    <>
      {errors.length > 0 && (
        <div class="error" role="alert">
          <p>Máy chủ chưa nhận phiếu vì:</p>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <p>
        Đã trả lời: <b>{total - missing.length}</b>/{total}. Chưa trả lời: <b>{missing.length}</b>.
      </p>
      {missing.length ? (
        <>
          <p>Xin trả lời các câu sau (bấm vào để đến câu đó):</p>
          <ul class="missing">
            {missing.map((m) => (
              <li key={m.target}>
                <button type="button" class="link" onClick={() => go(m.screen, m.target)}>
                  {m.label}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Ông/Bà đã trả lời đầy đủ. Bấm «Gửi phiếu» để gửi.</p>
      )}
      <div class="nav">
        <button type="button" onClick={onBack}>
          Quay lại
        </button>
        {!missing.length && (
          <button type="button" class="primary" onClick={onSubmit}>
            Gửi phiếu
          </button>
        )}
      </div>
    </>
  );
}
