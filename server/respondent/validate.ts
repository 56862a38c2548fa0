import type { Definition } from '../../questionnaires';
import type { QuestionnaireView, SubmitBody } from './contract';

export interface AnswerProblem {
  questionnaireId: string;
  questionId: string;
  unitCode?: string;
  message: string;
}

/**
 * Checks a submit against the pinned definition: every answer must name a question of the
 * group's questionnaires, a unit that questionnaire evaluates and an option of its scale; no
 * answer twice; none missing. One Vietnamese message per problem.
 */
export function checkAnswers(
  body: SubmitBody,
  questionnaires: QuestionnaireView[],
  definition: Definition,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byId = new Map(questionnaires.map((q) => [q.id, q]));
  const seen = new Set<string>();
  for (const a of body.answers) {
    const q = byId.get(a.questionnaireId);
    const where = {
      questionnaireId: a.questionnaireId,
      questionId: a.questionId,
      unitCode: a.unitCode,
    };
    if (!q) {
      problems.push({
        ...where,
        message: `Phiếu "${a.questionnaireId}" không dành cho nhóm của Ông/Bà.`,
      });
      continue;
    }
    const question = q.questions.find((x) => x.id === a.questionId);
    if (!question) {
      problems.push({ ...where, message: `Câu hỏi "${a.questionId}" không có trong ${q.title}.` });
      continue;
    }
    if (!q.units.some((u) => u.code === a.unitCode)) {
      problems.push({
        ...where,
        message: `Đơn vị "${a.unitCode}" không được đánh giá trong ${q.title}.`,
      });
      continue;
    }
    if (!question.options.some((o) => o.code === a.option)) {
      problems.push({
        ...where,
        message: `Phương án "${a.option}" không có trong thang trả lời của câu hỏi.`,
      });
      continue;
    }
    const key = `${a.questionnaireId}\u0000${a.questionId}\u0000${a.unitCode}`;
    if (seen.has(key)) problems.push({ ...where, message: 'Câu hỏi này được trả lời hai lần.' });
    seen.add(key);
  }
  for (const q of questionnaires) {
    q.questions.forEach((question, i) => {
      for (const unit of q.units) {
        if (!seen.has(`${q.id}\u0000${question.id}\u0000${unit.code}`)) {
          problems.push({
            questionnaireId: q.id,
            questionId: question.id,
            unitCode: unit.code,
            message:
              q.mode === 'matrix'
                ? `Chưa trả lời câu ${i + 1} cho ${unit.name}.`
                : `Chưa trả lời câu ${i + 1}.`,
          });
        }
      }
    });
  }
  for (const id of Object.keys(body.comments ?? {})) {
    if (!byId.get(id)?.comment) {
      problems.push({
        questionnaireId: id,
        questionId: 'comment',
        message: `Phiếu "${id}" không có câu hỏi ý kiến.`,
      });
    }
  }
  const asked = questionnaires.some(
    (q) => definition.questionnaires.find((x) => x.id === q.id)?.demographics,
  );
  for (const [key, value] of Object.entries(body.demographics ?? {})) {
    const d = definition.demographics.find((x) => x.key === key);
    if (!asked || !d) {
      problems.push({
        questionnaireId: '',
        questionId: key,
        message: `Thông tin "${key}" không được hỏi.`,
      });
    } else if (value !== '' && !d.options.includes(value.normalize('NFC'))) {
      problems.push({
        questionnaireId: '',
        questionId: key,
        message: `"${value}" không phải là lựa chọn của mục ${d.label}.`,
      });
    }
  }
  return problems;
}
