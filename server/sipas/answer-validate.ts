import type { SipasDefinition } from '../../questionnaires';
import { ApiError } from '../errors';

export type SipasAnswers = Record<string, string | string[]>;

export interface SipasAnswerProblem {
  questionId: string;
  message: string;
}

/**
 * Checks one form against its definition (issue #14): every satisfaction question answered by
 * a level of its scale or "Không trả lời"; statements and choices optional, but when given, an
 * option they offer; a multiple choice as a list of distinct options, at most `max`; no question
 * the definition does not ask. Every problem, in the definition's order.
 */
export function sipasAnswerProblems(
  definition: SipasDefinition,
  answers: SipasAnswers,
): SipasAnswerProblem[] {
  const problems: SipasAnswerProblem[] = [];
  const add = (questionId: string, message: string) => problems.push({ questionId, message });
  const scales = new Map(definition.scales.map((s) => [s.code, s]));
  const known = new Set<string>();

  const scaleAnswer = (id: string, scaleCode: string, required: boolean) => {
    known.add(id);
    const value = answers[id];
    if (value === undefined) {
      if (required) add(id, 'Chưa trả lời (chọn một mức hoặc «Không trả lời»).');
      return;
    }
    const scale = scales.get(scaleCode);
    const codes = [...(scale?.options ?? []), ...(scale?.noAnswer ? [scale.noAnswer] : [])].map(
      (o) => o.code,
    );
    if (typeof value !== 'string' || !codes.includes(value))
      add(id, `Câu trả lời phải là một trong các mức ${codes.join(', ')}.`);
  };

  for (const aspect of definition.aspects)
    for (const element of aspect.elements) scaleAnswer(element.id, element.scale, true);
  for (const p of definition.perceptions) scaleAnswer(p.id, p.scale, false);

  for (const choice of definition.choices) {
    known.add(choice.id);
    const value = answers[choice.id];
    if (value === undefined) continue;
    const codes = new Set(choice.options.map((o) => o.code));
    if (!choice.multiple) {
      if (typeof value !== 'string' || !codes.has(value))
        add(choice.id, 'Câu trả lời phải là một phương án của câu hỏi.');
      continue;
    }
    const picked = Array.isArray(value) ? value : [value];
    if (picked.length === 0 || picked.some((o) => !codes.has(o)))
      add(choice.id, 'Các lựa chọn phải là phương án của câu hỏi.');
    else if (new Set(picked).size !== picked.length)
      add(choice.id, 'Một phương án được chọn hai lần.');
    else if (choice.max !== undefined && picked.length > choice.max)
      add(choice.id, `Chọn tối đa ${choice.max} phương án.`);
  }

  for (const id of Object.keys(answers)) if (!known.has(id)) add(id, 'Phiếu không có câu hỏi này.');
  return problems;
}

/** 422 `invalid_answers` listing every problem, as the respondent API does. */
export function requireValidSipasAnswers(definition: SipasDefinition, answers: SipasAnswers) {
  const problems = sipasAnswerProblems(definition, answers);
  if (problems.length > 0)
    throw new ApiError(
      422,
      'invalid_answers',
      'Phiếu chưa hợp lệ: còn câu chưa trả lời hoặc câu trả lời không đúng.',
      problems,
    );
}
