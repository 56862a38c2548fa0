import type { Counts, UnitResult } from '../../analysis/types';
import type { Distribution } from '../../contract/results';
import { type Definition, OPTION_CODES, type OptionCode } from '../../questionnaires';

/** The A–E distributions a run keeps, with the small-group rule applied (docs/method.md §12). */

/** Unit × criterion pairs whose group breakdown the small-group rule hid. */
function hiddenCells(results: readonly UnitResult[]): Set<string> {
  const hidden = new Set<string>();
  for (const unit of results)
    for (const group of unit.groups)
      for (const c of group.criteria)
        if (c.nForms === null) hidden.add(`${unit.code}\u0000${c.code}`);
  return hidden;
}

const none = (): Record<OptionCode, number> => ({ A: 0, B: 0, C: 0, D: 0, E: 0 });

/** The answers' A–E counts by questionnaire × question × unit, summed over the groups. */
function countsByQuestion(counts: Counts): Map<string, Record<OptionCode, number>> {
  const byKey = new Map<string, Record<OptionCode, number>>();
  for (const a of counts.answers) {
    const key = `${a.questionnaireId}\u0000${a.questionId}\u0000${a.unitCode}`;
    let cell = byKey.get(key);
    if (!cell) {
      cell = none();
      byKey.set(key, cell);
    }
    if ((OPTION_CODES as readonly string[]).includes(a.option)) cell[a.option as OptionCode] += a.n;
  }
  return byKey;
}

/**
 * A–E counts per questionnaire × question × unit (every unit its index rates), summed over the
 * groups, with the distributions of a hidden unit × criterion left out (docs/method.md §12).
 */
export function distributionsOf(
  definition: Definition,
  units: readonly { code: string; kind: string }[],
  counts: Counts,
  results: readonly UnitResult[],
): Distribution[] {
  const byKey = countsByQuestion(counts);
  const hidden = hiddenCells(results);
  const out: Distribution[] = [];
  for (const q of definition.questionnaires) {
    const index = definition.indexes.find((i) => i.code === q.index);
    const rated = units.filter((u) => index?.unitKinds.includes(u.kind));
    for (const question of q.questions)
      for (const unit of rated) {
        const isHidden = hidden.has(`${unit.code}\u0000${question.criterion}`);
        const counts = byKey.get(`${q.id}\u0000${question.id}\u0000${unit.code}`) ?? none();
        out.push({
          questionnaireId: q.id,
          questionId: question.id,
          criterion: question.criterion,
          unitCode: unit.code,
          hidden: isHidden,
          counts: isHidden ? null : counts,
          total: isHidden ? null : OPTION_CODES.reduce((s, o) => s + counts[o], 0),
        });
      }
  }
  return out;
}
