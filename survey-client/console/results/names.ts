import type { OptionKey } from '../../../analysis/charts';
import type { Definition, DistributionRow } from './types';

/**
 * Names from the campaign's definition: the results JSON carries codes only (fields, criteria,
 * groups, questions), the definition says what they are called.
 */

export const indexOf = (definition: Definition | undefined, code: string) =>
  definition?.indexes.find((i) => i.code === code);

export function groupName(definition: Definition | undefined, code: string): string {
  return definition?.groups.find((g) => g.code === code)?.name ?? code;
}

export function criterionNames(definition: Definition | undefined): Map<string, string> {
  return new Map(
    (definition?.indexes ?? []).flatMap((i) =>
      i.fields.flatMap((f) => f.criteria.map((c) => [c.code, c.name] as const)),
    ),
  );
}

export function fieldNames(definition: Definition | undefined, index: string): Map<string, string> {
  return new Map(indexOf(definition, index)?.fields.map((f) => [f.code, f.name] as const) ?? []);
}

/** The field each criterion belongs to, in the definition's order. */
export function fieldOfCriterion(definition: Definition | undefined, index: string) {
  return new Map(
    indexOf(definition, index)?.fields.flatMap((f) =>
      f.criteria.map((c) => [c.code, f.code] as const),
    ) ?? [],
  );
}

export function questionnaireTitle(definition: Definition | undefined, id: string): string {
  return definition?.questionnaires.find((q) => q.id === id)?.title ?? id;
}

/** "P05 · Câu 3": a question by its questionnaire and its place in it. */
export function questionLabel(
  definition: Definition | undefined,
  row: Pick<DistributionRow, 'questionnaireId' | 'questionId'>,
) {
  const q = definition?.questionnaires.find((x) => x.id === row.questionnaireId);
  const n = q ? q.questions.findIndex((x) => x.id === row.questionId) + 1 : 0;
  return `${row.questionnaireId} · ${n > 0 ? `Câu ${n}` : row.questionId}`;
}

/** The legend of the A–E charts; A is always the best state, E is left out of the score. */
export function optionNames(definition: Definition | undefined): Record<OptionKey, string> {
  return {
    A: 'A (tốt nhất)',
    B: 'B',
    C: 'C',
    D: 'D (kém nhất)',
    E: `E: ${definition?.dontKnowLabel ?? 'Không biết/Không trả lời'}`,
  };
}
