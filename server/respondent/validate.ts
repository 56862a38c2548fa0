import type {
  AnswerProblem,
  QuestionnaireView,
  QuestionView,
  SubmitBody,
} from '../../contract/respondent';
import type { Definition } from '../../questionnaires';
import { ApiError } from '../errors';

export type { AnswerProblem };

interface Lookup {
  q: QuestionnaireView;
  /** The first question of each id, as `questions.find` would give it. */
  questions: Map<string, { question: QuestionView; options: Set<string> }>;
  units: Set<string>;
}

/** What checking answers against a list of questionnaires needs, built once per list. */
interface ViewIndex {
  byId: Map<string, Lookup>;
  /** Every answer owed, in the order "not answered" problems are listed. */
  owed: {
    key: string;
    q: QuestionnaireView;
    question: QuestionView;
    i: number;
    unit: { code: string; name: string };
  }[];
}

// The views are built once per definition × unit set × group and kept (routes.ts), and never
// changed: their index can be kept beside them, and goes when they go.
const indexes = new WeakMap<QuestionnaireView[], ViewIndex>();

function indexOf(questionnaires: QuestionnaireView[]): ViewIndex {
  let index = indexes.get(questionnaires);
  if (index) return index;
  const byId = new Map<string, Lookup>();
  // As `new Map(questionnaires.map(…))`: a later questionnaire of the same id wins.
  for (const q of questionnaires) {
    const questions: Lookup['questions'] = new Map();
    for (const question of q.questions) {
      if (!questions.has(question.id))
        questions.set(question.id, {
          question,
          options: new Set(question.options.map((o) => o.code)),
        });
    }
    byId.set(q.id, { q, questions, units: new Set(q.units.map((u) => u.code)) });
  }
  const owed: ViewIndex['owed'] = [];
  for (const q of questionnaires) {
    q.questions.forEach((question, i) => {
      for (const unit of q.units) {
        owed.push({ key: `${q.id}\u0000${question.id}\u0000${unit.code}`, q, question, i, unit });
      }
    });
  }
  index = { byId, owed };
  indexes.set(questionnaires, index);
  return index;
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
  const { byId, owed } = indexOf(questionnaires);
  const seen = new Set<string>();
  for (const a of body.answers) {
    const lookup = byId.get(a.questionnaireId);
    const where = {
      questionnaireId: a.questionnaireId,
      questionId: a.questionId,
      unitCode: a.unitCode,
    };
    if (!lookup) {
      problems.push({
        ...where,
        message: `Phiếu "${a.questionnaireId}" không dành cho nhóm của Ông/Bà.`,
      });
      continue;
    }
    const { q } = lookup;
    const question = lookup.questions.get(a.questionId);
    if (!question) {
      problems.push({ ...where, message: `Câu hỏi "${a.questionId}" không có trong ${q.title}.` });
      continue;
    }
    if (!lookup.units.has(a.unitCode)) {
      problems.push({
        ...where,
        message: `Đơn vị "${a.unitCode}" không được đánh giá trong ${q.title}.`,
      });
      continue;
    }
    if (!question.options.has(a.option)) {
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
  for (const { key, q, question, i, unit } of owed) {
    if (!seen.has(key)) {
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
  for (const id of Object.keys(body.comments ?? {})) {
    if (!byId.get(id)?.q.comment) {
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

/** checkAnswers, answered 422 `invalid_answers` with every problem: online and paper alike. */
export function requireValidAnswers(
  body: SubmitBody,
  questionnaires: QuestionnaireView[],
  definition: Definition,
): void {
  const problems = checkAnswers(body, questionnaires, definition);
  if (problems.length > 0) {
    throw new ApiError(
      422,
      'invalid_answers',
      `Phiếu còn ${problems.length} chỗ chưa hợp lệ.`,
      problems,
    );
  }
}
