import { describe, expect, it } from 'vitest';
import { scoreUnits } from '../../analysis/score';
import type { FormCount, GroupResult } from '../../analysis/types';
import type { Method } from '../../questionnaires';
import { forms, tally, tiny, units } from './fixtures';

/**
 * The small-group rule (docs/method.md §12): a unit × criterion's breakdown by group
 * is shown only when every group that answered it has at least minCellSize (3) forms with a
 * valid answer about the unit; otherwise all of it is hidden, while the totals keep everyone.
 */

// C1: delegates (G1) 0.6, leaders (G2) 1.0 → R = 0.8. C3: delegates 1.0, leaders 0.2.
const answers = [
  ...tally('a1', '5B'),
  ...tally('b1', '5A'),
  ...tally('a3', '5A'),
  ...tally('b3', '5C'),
];

function breakdown(formCounts: FormCount[], method: Partial<Method> = {}) {
  const [unit] = scoreUnits(tiny, units, { answers, forms: formCounts }, { method });
  if (!unit) throw new Error('district not scored');
  const cell = (group: string, criterion: string) =>
    unit.groups.find((g) => g.code === group)?.criteria.find((c) => c.code === criterion);
  return { unit, cell };
}

const shown = (nForms: number, ratio: number | null) => ({ nForms, ratio });
const hidden = { nForms: null, ratio: null };

describe('the small-group rule', () => {
  it.each([
    // name, forms on C1 (G1, G2), minCellSize, expected C1 cells (G1, G2)
    ['every group has ≥ 3 forms: shown', [3, 4], 3, shown(3, 0.6), shown(4, 1)],
    ['a group of 2 hides the whole breakdown', [2, 5], 3, hidden, hidden],
    ['the other group of 2 hides it too', [5, 2], 3, hidden, hidden],
    ['a single form hides it', [1, 9], 3, hidden, hidden],
    ['minCellSize 2 shows a group of 2', [2, 5], 2, shown(2, 0.6), shown(5, 1)],
    ['minCellSize 5 hides a group of 4', [5, 4], 5, hidden, hidden],
  ] as const)('%s', (_name, [g1, g2], minCellSize, expectedG1, expectedG2) => {
    const { unit, cell } = breakdown([forms('G1', 'C1', g1), forms('G2', 'C1', g2)], {
      minCellSize,
    });
    expect(cell('G1', 'C1')).toEqual({ code: 'C1', ...expectedG1 });
    expect(cell('G2', 'C1')).toEqual({ code: 'C1', ...expectedG2 });
    // The published totals include everyone, hidden or not.
    expect(unit.criteria.find((c) => c.code === 'C1')).toMatchObject({
      ratio: 0.8,
      score: 0.8,
      nValid: 10,
    });
  });

  it('judges each unit × criterion on its own', () => {
    const { cell } = breakdown([
      forms('G1', 'C1', 2),
      forms('G2', 'C1', 5),
      forms('G1', 'C3', 5),
      forms('G2', 'C3', 5),
    ]);
    expect(cell('G1', 'C1')).toEqual({ code: 'C1', ...hidden });
    expect(cell('G1', 'C3')).toEqual({ code: 'C3', ...shown(5, 1) });
    expect(cell('G2', 'C3')).toEqual({ code: 'C3', ...shown(5, 0.2) });
  });

  it('hides a group that has valid answers but no form count (the safe default)', () => {
    const { cell } = breakdown([forms('G2', 'C1', 5)]);
    expect(cell('G2', 'C1')).toEqual({ code: 'C1', ...hidden });
  });

  it('does not count a group that only said "Không biết" as answering', () => {
    const [unit] = scoreUnits(tiny, units, {
      answers: [...tally('b1', '4A'), ...tally('a1', '2E')],
      forms: [forms('G2', 'C1', 4)],
    });
    const c1 = (g: string) =>
      unit?.groups.find((x) => x.code === g)?.criteria.find((c) => c.code === 'C1');
    expect(c1('G2')).toEqual({ code: 'C1', nForms: 4, ratio: 1 });
    expect(c1('G1')).toEqual({ code: 'C1', nForms: 0, ratio: null });
  });

  it('judges each unit on its own (communes of a matrix questionnaire)', () => {
    const result = scoreUnits(tiny, units, {
      answers: [...tally('x1', '2A', 'X1'), ...tally('x1', '3B', 'T1')],
      forms: [forms('G1', 'X1', 2, 'X1'), forms('G1', 'X1', 3, 'T1')],
    });
    const groups = (code: string): GroupResult[] | undefined =>
      result.find((u) => u.code === code)?.groups;
    expect(groups('X1')).toEqual([{ code: 'G1', criteria: [{ code: 'X1', ...hidden }] }]);
    expect(groups('T1')).toEqual([{ code: 'G1', criteria: [{ code: 'X1', ...shown(3, 0.6) }] }]);
    expect(result.find((u) => u.code === 'X1')?.surveyScore).toBe(2);
  });

  it('lists every group that rates the index, with the criteria it asks about', () => {
    const { unit } = breakdown([]);
    expect(unit.groups.map((g) => [g.code, g.criteria.map((c) => c.code)])).toEqual([
      ['G1', ['C1', 'C2', 'C3']],
      ['G2', ['C1', 'C3']],
    ]);
    // C2 nobody answered: nothing to hide, nothing to show.
    expect(unit.groups[0]?.criteria[1]).toEqual({ code: 'C2', nForms: 0, ratio: null });
  });
});
