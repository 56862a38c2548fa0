import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFraction } from '../../analysis/fraction';
import {
  type SipasHourRow,
  type SipasScoringDefinition,
  type SipasTallyRow,
  satisfiedOptions,
  scoreSipas,
} from '../../analysis/sipas';

const FIVE = {
  code: 'HL5',
  options: ['1', '2', '3', '4', '5'].map((code) => ({ code })),
  top: 2,
  noAnswer: { code: 'X' },
};

/** Two aspects: A (weight 1) with elements A1, A2; B (weight 2) with B1. */
const DEF: SipasScoringDefinition = {
  scales: [FIVE, { code: 'HL3', options: [{ code: 'a' }, { code: 'b' }, { code: 'c' }], top: 1 }],
  aspects: [
    {
      code: 'A',
      name: 'Tiếp cận dịch vụ',
      weight: '1',
      elements: [
        { id: 'A1', scale: 'HL5' },
        { id: 'A2', scale: 'HL5' },
      ],
    },
    { code: 'B', name: 'Thủ tục', weight: '2', elements: [{ id: 'B1', scale: 'HL3' }] },
  ],
};

const POINTS = new Map([
  ['p1', 'U1'],
  ['p2', 'U1'],
  ['p3', 'U2'],
]);

const t = (
  pointId: string,
  day: string,
  questionId: string,
  option: string,
  n: number,
  channel = 'poster',
): SipasTallyRow => ({ pointId, day, channel, questionId, option, n });
const h = (pointId: string, hour: string, forms: number, channel = 'poster'): SipasHourRow => ({
  pointId,
  hour,
  channel,
  forms,
  repeats: 0,
  satisfied: 0,
});

describe('satisfiedOptions', () => {
  it('takes the top best options', () => {
    expect([...satisfiedOptions(FIVE)]).toEqual(['4', '5']);
  });
  it.each([0, 6, 1.5])('refuses top = %s', (top) => {
    expect(() => satisfiedOptions({ ...FIVE, top })).toThrow(RangeError);
  });
});

describe('scoreSipas', () => {
  // A1: 3 of 4 valid satisfied (5,5,4,2) + 1 no-answer → 3/4.
  // A2: 1 of 2 (4, 1) → 1/2.  A = (3/4 + 1/2) / 2 = 5/8.
  // B1: 1 of 3 (c, a, b) → 1/3.  Index = (1·5/8 + 2·1/3) / 3 = (15/24 + 16/24) / 3 = 31/72.
  const tallies = [
    t('p1', '2026-03-02', 'A1', '5', 2),
    t('p1', '2026-03-02', 'A1', '4', 1, 'code'),
    t('p2', '2026-03-03', 'A1', '2', 1),
    t('p2', '2026-03-03', 'A1', 'X', 1),
    t('p1', '2026-03-02', 'A2', '4', 1),
    t('p1', '2026-03-02', 'A2', '1', 1),
    t('p1', '2026-03-02', 'B1', 'c', 1),
    t('p1', '2026-03-02', 'B1', 'a', 1),
    t('p2', '2026-03-03', 'B1', 'b', 1),
    t('p3', '2026-03-02', 'A1', '1', 7),
  ];
  const hours = [
    h('p1', '2026-03-02T08', 2),
    h('p1', '2026-03-02T09', 1, 'code'),
    h('p2', '2026-03-03T10', 2, 'paper'),
    h('p3', '2026-03-02T08', 7),
  ];

  it('computes elements, aspects and the weighted index by hand', () => {
    const [u1, u2, u3] = scoreSipas(DEF, ['U1', 'U2', 'U3'], POINTS, tallies, hours);
    expect(u1?.aspects[0]?.elements).toEqual([
      { id: 'A1', nValid: 4, nSatisfied: 3, percent: '75.00' },
      { id: 'A2', nValid: 2, nSatisfied: 1, percent: '50.00' },
    ]);
    expect(u1?.aspects[0]?.percent).toBe('62.50');
    expect(u1?.aspects[1]?.percent).toBe('33.33');
    expect(u1?.exact).toBe('31/72');
    expect(u1?.percent).toBe('43.06'); // 43.0555…
    expect(u1?.forms).toEqual({ poster: 2, code: 1, paper: 2, total: 5 });
    // U2 answered only A1 (0 of 7): B has no answers and is left out of the mean.
    expect(u2?.aspects[1]?.percent).toBeNull();
    expect(u2?.percent).toBe('0.00');
    expect(u3).toMatchObject({ unitCode: 'U3', percent: null, exact: null });
    expect(u3?.forms.total).toBe(0);
  });

  it('leaves out the given point × days, tallies and forms alike', () => {
    const [u1] = scoreSipas(DEF, ['U1'], POINTS, tallies, hours, [
      { pointId: 'p2', day: '2026-03-03' },
    ]);
    // A1: 3/3, A2: 1/2 → A = 3/4; B1: 1/2 → index = (3/4 + 2·1/2) / 3 = 7/12.
    expect(u1?.exact).toBe('7/12');
    expect(u1?.percent).toBe('58.33');
    expect(u1?.forms).toEqual({ poster: 2, code: 1, paper: 0, total: 3 });
  });

  it('rounds half-up on the exact value', () => {
    // 29 of 200 = 14.5 %: exactly half, rounds up.
    const rows = [t('p3', 'd', 'A1', '5', 29), t('p3', 'd', 'A1', '1', 171)];
    const [u2] = scoreSipas(DEF, ['U2'], POINTS, rows, []);
    expect(u2?.percent).toBe('14.50');
    const third = [
      t('p3', 'd', 'A1', '5', 1),
      t('p3', 'd', 'A1', '1', 1),
      t('p3', 'd', 'A2', '5', 0),
    ];
    expect(
      scoreSipas(DEF, ['U2'], POINTS, [...third, t('p3', 'd', 'B1', 'c', 1)], [])[0]?.exact,
    ).toBe('5/6'); // (1/2 + 2·1) / 3
  });

  it('ignores tallies of unknown points and options outside the scale', () => {
    const rows = [
      t('zz', 'd', 'A1', '5', 9),
      t('p3', 'd', 'A1', '7', 9),
      t('p3', 'd', 'A1', '4', 1),
    ];
    expect(scoreSipas(DEF, ['U2'], POINTS, rows, [])[0]?.percent).toBe('100.00');
  });

  const tallyRows = fc.array(
    fc.record({
      pointId: fc.constantFrom('p1', 'p2', 'p3'),
      day: fc.constantFrom('2026-03-02', '2026-03-03', '2026-03-04'),
      channel: fc.constantFrom('poster', 'code', 'paper'),
      questionId: fc.constantFrom('A1', 'A2', 'B1'),
      option: fc.constantFrom('1', '2', '3', '4', '5', 'X', 'a', 'b', 'c'),
      n: fc.integer({ min: 0, max: 50 }),
    }),
    { maxLength: 40 },
  );

  it('property: leaving out no day equals the full score', () => {
    fc.assert(
      fc.property(tallyRows, (rows) => {
        expect(scoreSipas(DEF, ['U1', 'U2'], POINTS, rows, [], [])).toEqual(
          scoreSipas(DEF, ['U1', 'U2'], POINTS, rows, []),
        );
      }),
    );
  });

  it('property: scores stay in [0, 100] and the exact index in [0, 1]', () => {
    fc.assert(
      fc.property(tallyRows, (rows) => {
        for (const unit of scoreSipas(DEF, ['U1', 'U2'], POINTS, rows, [])) {
          const percents = [
            unit.percent,
            ...unit.aspects.flatMap((a) => [a.percent, ...a.elements.map((e) => e.percent)]),
          ];
          for (const p of percents) {
            if (p === null) continue;
            expect(Number(p)).toBeGreaterThanOrEqual(0);
            expect(Number(p)).toBeLessThanOrEqual(100);
          }
          if (unit.exact !== null) {
            const x = parseFraction(unit.exact);
            expect(x.num >= 0n && x.num <= x.den).toBe(true);
          }
        }
      }),
    );
  });

  it('property: leaving out a day equals scoring without its rows', () => {
    fc.assert(
      fc.property(tallyRows, (rows) => {
        const out = { pointId: 'p1', day: '2026-03-02' };
        const without = rows.filter((r) => !(r.pointId === out.pointId && r.day === out.day));
        expect(scoreSipas(DEF, ['U1'], POINTS, rows, [], [out])).toEqual(
          scoreSipas(DEF, ['U1'], POINTS, without, []),
        );
      }),
    );
  });
});
