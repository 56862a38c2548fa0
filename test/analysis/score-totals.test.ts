import { describe, expect, it } from 'vitest';
import { scoreUnits } from '../../analysis/score';
import type { AnswerCount } from '../../analysis/types';
import { tally, tiny, units } from './fixtures';

/**
 * Steps 6–7 on the district (C1 1.00 + C2 0.50 in F1, C3 1.50 in F2; budget 3.00): field
 * sums of rounded scores, percents, and the two empty-criterion policies.
 */
function district(answers: AnswerCount[], emptyCriterion: 'ZERO' | 'RESCALE') {
  const result = scoreUnits(tiny, units, { answers, forms: [] }, { method: { emptyCriterion } });
  const unit = result.find((u) => u.code === 'H');
  if (!unit) throw new Error('district not scored');
  return unit;
}

const c1Worked = [...tally('a1', '8A 10B 2C 3E'), ...tally('b1', '12A 12B')]; // S = 0.76
const c2At029 = tally('a2', '5A 1B 1C 13D'); // 0.50 × 0.29 → 0.15
const c3At090 = tally('a3', '3A 1B'); // 1.50 × 0.9 = 1.35
const c1Eighth = tally('a1', '1A 7D'); // 1.00 × 0.125 → 0.13
const c2Quarter = tally('a2', '1A 3D'); // 0.50 × 0.25 → 0.13
const allDontKnow = [
  ...tally('a1', '5E'),
  ...tally('b1', '4E'),
  ...tally('a2', '3E'),
  ...tally('a3', '2E'),
];

describe('fields and the survey component (steps 6–7)', () => {
  it.each([
    [
      'C3 empty, ZERO: it scores 0 of its 1.50',
      [...c1Worked, ...c2At029],
      'ZERO',
      { surveyScore: 0.91, maxScore: 3, surveyPercent: 30.33, noData: false },
      [
        { code: 'F1', score: 0.91, max: 1.5, percent: 60.67 },
        { code: 'F2', score: 0, max: 1.5, percent: 0 },
      ],
      [0.76, 0.15, 0],
    ],
    [
      'C3 empty, RESCALE: 0.91 × 3.00 / 1.50',
      [...c1Worked, ...c2At029],
      'RESCALE',
      { surveyScore: 1.82, maxScore: 3, surveyPercent: 60.67, noData: false },
      [
        { code: 'F1', score: 0.91, max: 1.5, percent: 60.67 },
        { code: 'F2', score: 0, max: 0, percent: null },
      ],
      [0.76, 0.15, null],
    ],
    [
      'C2 empty, ZERO: 0.76 + 1.35',
      [...c1Worked, ...c3At090],
      'ZERO',
      { surveyScore: 2.11, maxScore: 3, surveyPercent: 70.33, noData: false },
      [
        { code: 'F1', score: 0.76, max: 1.5, percent: 50.67 },
        { code: 'F2', score: 1.35, max: 1.5, percent: 90 },
      ],
      [0.76, 0, 1.35],
    ],
    [
      'C2 empty, RESCALE: 2.11 × 3.00 / 2.50 = 2.532, rounded once',
      [...c1Worked, ...c3At090],
      'RESCALE',
      { surveyScore: 2.53, maxScore: 3, surveyPercent: 84.33, noData: false },
      [
        { code: 'F1', score: 0.76, max: 1, percent: 76 },
        { code: 'F2', score: 1.35, max: 1.5, percent: 90 },
      ],
      [0.76, null, 1.35],
    ],
    [
      'a field sums rounded scores: 0.13 + 0.13 = 0.26, not round(0.25)',
      [...c1Eighth, ...c2Quarter],
      'ZERO',
      { surveyScore: 0.26, maxScore: 3, surveyPercent: 8.67, noData: false },
      [
        { code: 'F1', score: 0.26, max: 1.5, percent: 17.33 },
        { code: 'F2', score: 0, max: 1.5, percent: 0 },
      ],
      [0.13, 0.13, 0],
    ],
    [
      'every criterion scored: 0.76 + 0.15 + 1.35',
      [...c1Worked, ...c2At029, ...c3At090],
      'RESCALE',
      { surveyScore: 2.26, maxScore: 3, surveyPercent: 75.33, noData: false },
      [
        { code: 'F1', score: 0.91, max: 1.5, percent: 60.67 },
        { code: 'F2', score: 1.35, max: 1.5, percent: 90 },
      ],
      [0.76, 0.15, 1.35],
    ],
  ] as const)('%s', (_name, answers, policy, totals, fields, scores) => {
    const unit = district([...answers], policy);
    expect(unit).toMatchObject({ ...totals, index: 'D', name: 'UBND huyện', parIndex: null });
    expect(unit.fields).toEqual(fields);
    expect(unit.criteria.map((c) => c.score)).toEqual(scores);
    expect(unit.criteria.map((c) => c.max)).toEqual([1, 0.5, 1.5]);
  });
});

describe('a unit without data (step 7)', () => {
  it.each([
    ['everyone said "Không biết"', allDontKnow, 'ZERO', [9, 3, 2], 1.5, 0, 0],
    ['everyone said "Không biết"', allDontKnow, 'RESCALE', [9, 3, 2], 0, null, null],
    ['nobody answered', [], 'ZERO', [0, 0, 0], 1.5, 0, 0],
    ['nobody answered', [], 'RESCALE', [0, 0, 0], 0, null, null],
  ] as const)(
    '%s, %s: 0 and flagged',
    (_name, answers, policy, excluded, fieldMax, percent, score) => {
      const unit = district([...answers], policy);
      expect(unit).toMatchObject({ surveyScore: 0, maxScore: 3, surveyPercent: 0, noData: true });
      expect(unit.criteria).toEqual(
        ['C1', 'C2', 'C3'].map((code, i) => ({
          code,
          score,
          max: [1, 0.5, 1.5][i],
          ratio: null,
          nValid: 0,
          nExcluded: excluded[i],
          noData: true,
        })),
      );
      expect(unit.fields.map((f) => [f.score, f.max, f.percent])).toEqual([
        [0, fieldMax, percent],
        [0, fieldMax === 0 ? 0 : 1.5, percent],
      ]);
    },
  );
});

describe('which units are scored', () => {
  it('scores the units whose kind an index rates, index by index, in the order given', () => {
    const result = scoreUnits(tiny, units, { answers: tally('x1', '3A', 'T1'), forms: [] });
    expect(result.map((u) => [u.code, u.index, u.name])).toEqual([
      ['H', 'D', 'UBND huyện'],
      ['X1', 'X', 'UBND xã Một'],
      ['T1', 'X', 'UBND thị trấn Một'],
    ]);
    // A commune is scored on its own answers only: 3A → 2.00 of 2.00; the other has none.
    expect(result.map((u) => [u.surveyScore, u.maxScore, u.noData])).toEqual([
      [0, 3, true],
      [0, 2, true],
      [2, 2, false],
    ]);
  });

  it('uses the definition’s own method unless a trial overrides it', () => {
    const counts = {
      answers: [...tally('a1', '8A 10B 2C 3E'), ...tally('b1', '12A 12B 1D')],
      forms: [],
    };
    const c1 = (method = {}) =>
      scoreUnits(tiny, units, counts, { method })[0]?.criteria.find((c) => c.code === 'C1')?.score;
    // EQUAL_GROUP (the definition's): (0.72 + 19.2/25) / 2 = 0.744 → 0.74; POOLED 33.6/45 → 0.75.
    expect(c1()).toBe(0.74);
    expect(c1({ weighting: 'POOLED' })).toBe(0.75);
  });
});
