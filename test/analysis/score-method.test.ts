import { describe, expect, it } from 'vitest';
import { formatFraction } from '../../analysis/fraction';
import { rateCriteria, ScoringError } from '../../analysis/ratio';
import { scoreUnits } from '../../analysis/score';
import type { AnswerCount, Counts } from '../../analysis/types';
import type { Method } from '../../questionnaires';
import { forms, tally, tiny, units } from './fixtures';

/** Steps 1–5 on one criterion of the district: exact ratio, then the rounded score. */
function criterion(code: string, answers: AnswerCount[], method: Partial<Method> = {}) {
  const counts: Counts = { answers, forms: [] };
  const full = { ...tiny.method, ...method };
  const ratio = rateCriteria(tiny, units, counts, full).get('H')?.get(code)?.ratio;
  const unit = scoreUnits(tiny, units, counts, { method }).find((u) => u.code === 'H');
  const result = unit?.criteria.find((c) => c.code === code);
  return { exact: ratio ? formatFraction(ratio) : null, result };
}

// Delegates (G1, one question) and leaders (G2, two questions) on C1, M = 1.00.
const workedExample = [...tally('a1', '8A 10B 2C 3E'), ...tally('b1', '12A 12B')];
const twoQuestions = [...tally('b1', '10A'), ...tally('b2', '5D 5E'), ...tally('a1', '10B')];

describe('the ratio and score of a criterion (steps 1–5)', () => {
  it.each([
    // name, answers, method, exact R(c,u), S, nValid, nExcluded
    ['worked example, EQUAL_GROUP: (0.72 + 0.80) / 2', workedExample, {}, '19/25', 0.76, 44, 3],
    [
      'worked example, POOLED: 33.6 / 44 = 0.7636…',
      workedExample,
      { weighting: 'POOLED' },
      '42/55',
      0.76,
      44,
      3,
    ],
    ['two questions, EQUAL_GROUP: ((1 + 0) / 2 + 0.6) / 2', twoQuestions, {}, '11/20', 0.55, 25, 5],
    [
      'two questions, POOLED: (10 + 0 + 6) / 25',
      twoQuestions,
      { weighting: 'POOLED' },
      '16/25',
      0.64,
      25,
      5,
    ],
    ['one group only', tally('a1', '8A 10B 2C 3E'), {}, '18/25', 0.72, 20, 3],
    [
      'a question with only E is left out of its group mean (step 3)',
      [...tally('b1', '12A 12B'), ...tally('b2', '7E'), ...tally('a1', '8A 10B 2C')],
      {},
      '19/25',
      0.76,
      44,
      7,
    ],
    ['LIN4: B is 2/3', tally('a1', '1B'), { scaleProfile: 'LIN4' }, '2/3', 0.67, 1, 0],
    [
      'LIN4: A, B, C → (1 + 2/3 + 1/3) / 3',
      tally('a1', '1A 1B 1C'),
      { scaleProfile: 'LIN4' },
      '2/3',
      0.67,
      3,
      0,
    ],
    [
      'Q4: 1A 1B → 0.875 rounds up',
      tally('a1', '1A 1B'),
      { scaleProfile: 'Q4' },
      '7/8',
      0.88,
      2,
      0,
    ],
    [
      'group weights 2 : 1 → (2 × 0.72 + 0.80) / 3 = 0.7466…',
      workedExample,
      { groupWeights: { G1: '2' } },
      '56/75',
      0.75,
      44,
      3,
    ],
    [
      'fractional weight 1/2 → (0.36 + 0.80) / 1.5 = 0.7733…',
      workedExample,
      { groupWeights: { G1: '1/2' } },
      '58/75',
      0.77,
      44,
      3,
    ],
    [
      'weights do not touch POOLED',
      workedExample,
      { weighting: 'POOLED', groupWeights: { G1: '2' } },
      '42/55',
      0.76,
      44,
      3,
    ],
    [
      'the weight of a group without data does not count',
      tally('a1', '8A 10B 2C 3E'),
      { groupWeights: { G2: '5' } },
      '18/25',
      0.72,
      20,
      3,
    ],
  ] as const)('%s', (_name, answers, method, exact, score, nValid, nExcluded) => {
    const { exact: ratio, result } = criterion('C1', [...answers], method as Partial<Method>);
    expect(ratio).toBe(exact);
    expect(result).toMatchObject({ score, nValid, nExcluded, noData: false });
    expect(result?.ratio).toBe(Number(exact.split('/')[0]) / Number(exact.split('/')[1] ?? 1));
  });

  it.each([
    // name, criterion, answers on one of its questions, method, exact R, S: half-up on the exact value.
    ['C2 (0.50) × 0.29 = 0.145 → 0.15', 'C2', tally('a2', '5A 1B 1C 13D'), {}, '29/100', 0.15],
    ['C3 (1.50) × 0.29 = 0.435 → 0.44', 'C3', tally('a3', '5A 1B 1C 13D'), {}, '29/100', 0.44],
    ['C2 (0.50) × 0.25 = 0.125 → 0.13', 'C2', tally('a2', '1A 3D'), {}, '1/4', 0.13],
    [
      'C3 (1.50) × 2/3 = 1 exactly (LIN4)',
      'C3',
      tally('a3', '3B'),
      { scaleProfile: 'LIN4' },
      '2/3',
      1,
    ],
  ] as const)('%s', (_name, code, answers, method, exact, score) => {
    const { exact: ratio, result } = criterion(code, [...answers], method as Partial<Method>);
    expect(ratio).toBe(exact);
    expect(result?.score).toBe(score);
  });

  it('keeps each group’s own ratio (step 3) whatever the weighting', () => {
    const all = rateCriteria(
      tiny,
      units,
      { answers: twoQuestions, forms: [forms('G1', 'C1', 10), forms('G2', 'C1', 10)] },
      { ...tiny.method, weighting: 'POOLED' },
    );
    const groups = all.get('H')?.get('C1')?.groups;
    const ratioOf = (g: string) => {
      const r = groups?.get(g)?.ratio;
      return r ? formatFraction(r) : null;
    };
    expect(ratioOf('G2')).toBe('1/2');
    expect(ratioOf('G1')).toBe('3/5');
    expect(groups?.get('G2')).toMatchObject({ nForms: 10, nValid: 15 });
  });
});

describe('counts that do not belong to the definition', () => {
  const row = tally('a1', '1A')[0]!;
  it.each([
    ['an unknown question', { ...row, questionId: 'zz' }],
    ['an unknown questionnaire', { ...row, questionnaireId: 'P9' }],
    ['a group not given the questionnaire', { ...row, groupCode: 'G2' }],
    ['an unknown group', { ...row, groupCode: 'G9' }],
    ['an unknown unit', { ...row, unitCode: 'NOPE' }],
    ['a unit the questionnaire does not rate', { ...row, unitCode: 'X1' }],
    ['an option outside A–E', { ...row, option: 'F' }],
    ['a negative count', { ...row, n: -1 }],
    ['a fractional count', { ...row, n: 1.5 }],
  ])('refuses %s', (_name, bad) => {
    expect(() => scoreUnits(tiny, units, { answers: [bad], forms: [] })).toThrow(ScoringError);
  });

  it.each([
    ['an unknown criterion', forms('G1', 'C9', 3)],
    ['an unknown group', forms('G9', 'C1', 3)],
    ['an unknown unit', forms('G1', 'C1', 3, 'NOPE')],
  ])('refuses a form count with %s', (_name, bad) => {
    expect(() => scoreUnits(tiny, units, { answers: [], forms: [bad] })).toThrow(ScoringError);
  });

  it('refuses a weight that is not positive', () => {
    const counts = { answers: workedExample, forms: [] };
    expect(() =>
      scoreUnits(tiny, units, counts, { method: { groupWeights: { G1: '0' } } }),
    ).toThrow(ScoringError);
  });
});
