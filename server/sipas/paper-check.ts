import type { SipasDefinition } from '../../questionnaires/sipas-schema';

/**
 * The answers of a SIPAS form checked against its definition (the paper path; the public form's
 * submit checks the same rules): every key a question of the definition; a scale question one of
 * its options or its "Không trả lời"; a single choice one option; a multiple choice distinct
 * options, at most `max`. A question may be left out (a blank on paper). Pure.
 */

export interface SipasAnswerProblem {
  questionId: string;
  message: string;
}

export type SipasAnswers = Readonly<Record<string, string | readonly string[]>>;

export function checkSipasAnswers(
  definition: SipasDefinition,
  answers: SipasAnswers,
): SipasAnswerProblem[] {
  const scales = new Map(definition.scales.map((s) => [s.code, s]));
  const scaled = new Map<string, string>();
  for (const a of definition.aspects) for (const e of a.elements) scaled.set(e.id, e.scale);
  for (const p of definition.perceptions) scaled.set(p.id, p.scale);
  const choices = new Map(definition.choices.map((c) => [c.id, c]));
  const problems: SipasAnswerProblem[] = [];
  for (const [questionId, given] of Object.entries(answers)) {
    const bad = (message: string) => problems.push({ questionId, message });
    const scaleCode = scaled.get(questionId);
    const choice = choices.get(questionId);
    if (scaleCode !== undefined) {
      const scale = scales.get(scaleCode);
      const codes = [...(scale?.options ?? []), ...(scale?.noAnswer ? [scale.noAnswer] : [])].map(
        (o) => o.code,
      );
      if (typeof given !== 'string') bad('Câu này chỉ chọn một mức.');
      else if (!codes.includes(given)) bad(`Mức "${given}" không có trong thang đo của câu này.`);
    } else if (choice) {
      const list = typeof given === 'string' ? [given] : [...given];
      const codes = new Set(choice.options.map((o) => o.code));
      if (!choice.multiple && typeof given !== 'string') bad('Câu này chỉ chọn một phương án.');
      else if (list.length === 0) bad('Chưa chọn phương án nào.');
      else if (new Set(list).size !== list.length) bad('Một phương án được chọn hai lần.');
      else if (list.some((c) => !codes.has(c)))
        bad(`Phương án "${list.find((c) => !codes.has(c))}" không có trong câu này.`);
      else if (choice.max !== undefined && list.length > choice.max)
        bad(`Chọn tối đa ${choice.max} phương án.`);
    } else {
      bad('Không có câu hỏi này trong bộ câu hỏi.');
    }
  }
  return problems;
}

/** Whether every satisfaction element the form answered is in its scale's top levels. */
export function isSatisfied(definition: SipasDefinition, answers: SipasAnswers): boolean {
  const scales = new Map(definition.scales.map((s) => [s.code, s]));
  let answered = 0;
  for (const aspect of definition.aspects)
    for (const e of aspect.elements) {
      const given = answers[e.id];
      const scale = scales.get(e.scale);
      if (typeof given !== 'string' || !scale) continue;
      const index = scale.options.findIndex((o) => o.code === given);
      if (index < 0) continue; // "Không trả lời"
      answered++;
      if (index < scale.options.length - scale.top) return false;
    }
  return answered > 0;
}
