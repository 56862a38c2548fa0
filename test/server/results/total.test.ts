import { describe, expect, it } from 'vitest';
import { parseFraction } from '../../../analysis/fraction';
import type { UnitResult } from '../../../analysis/types';
import { builtInDefinition, builtInUnitSet } from '../../../questionnaires';
import { readPoints, readSelfAssessment } from '../../../server/results/self-assessment-read';
import {
  parPercent,
  parRanks,
  type SelfAssessmentSnapshot,
  scoreChange,
  withTotals,
} from '../../../server/results/total';
import type { Sheet } from '../../../server/roster/read';

const f = parseFraction;
const definition = builtInDefinition();
const units = builtInUnitSet().units;

describe('step 8: PAR% = (self + survey) / (self max + survey budget) × 100, half-up', () => {
  it.each([
    // The district: 60.50 of 70 + 24.30 of 30 → 84.80 / 100.
    ['district', '60.50', '24.30', '70', '30', 84.8],
    // A commune with a third decimal: 70.255 + 15.56 = 85.815 → 85.82. In floats
    // 70.255 + 15.56 is 85.81499…, which toFixed(2) makes 85.81.
    ['commune, exact half', '70.255', '15.56', '80', '20', 85.82],
    ['commune, just under a half', '70.2549', '15.56', '80', '20', 85.81],
    ['commune, 70.005 + 12 (floats: 82.00)', '70.005', '12.00', '80', '20', 82.01],
    ['nothing at all', '0', '0', '70', '30', 0],
    ['full marks', '70', '30', '70', '30', 100],
    // Maxima that do not add up to 100 show the division is done: 70 / 90 = 77.777…
    ['other maxima', '50', '20', '60', '30', 77.78],
    ['a third', '0', '1', '2', '1', 33.33],
    ['two thirds', '1', '1', '2', '1', 66.67],
  ])('%s: (%s + %s) / (%s + %s) → %s', (_name, self, survey, selfMax, surveyMax, expected) => {
    expect(parPercent(f(self), f(survey), f(selfMax), f(surveyMax))).toBe(expected);
  });
});

const unit = (code: string, index: string, surveyScore: number, noData = false): UnitResult => ({
  code,
  name: code,
  index,
  surveyScore,
  maxScore: index === 'HUYEN' ? 30 : 20,
  surveyPercent: 0,
  parIndex: null,
  noData,
  fields: [],
  criteria: [],
  groups: [],
});

const snapshot = (byUnit: Record<string, [string, Record<string, string>?]>) =>
  ({
    importedAt: '2024-01-10T03:00:00.000Z',
    fingerprint: 'f',
    units: Object.keys(byUnit).length,
    byUnit: new Map(
      Object.entries(byUnit).map(([code, [points, fields = {}]]) => [
        code,
        { points, fields: new Map(Object.entries(fields)) },
      ]),
    ),
  }) satisfies SelfAssessmentSnapshot;

describe('withTotals', () => {
  const results = [
    unit('694', 'HUYEN', 24.3),
    unit('X-A', 'XA', 15.56),
    unit('X-B', 'XA', 12.26),
    unit('X-C', 'XA', 10),
    unit('X-D', 'XA', 0, true),
    unit('X-E', 'XA', 19),
  ];

  it('puts both parts side by side, with the index maxima (70 + 30, 80 + 20), and ranks by the published PAR% within each index', () => {
    const out = withTotals(
      definition,
      results,
      snapshot({
        // Fields in any order come out in the definition's order.
        '694': ['60.50', { LV2: '7.25', LV1: '8.00' }],
        'X-A': ['70.255'],
        // 70.00 + 12.26 = 82.26: below X-A, X-E and X-C, so 4th.
        'X-B': ['70.00'],
        // 75.555 + 10 = 85.555 → 85.56: below X-A and X-E (85.82), so 3rd.
        'X-C': ['75.555'],
        // No survey data: its PAR% is the method's (self + 0), but it is not ranked.
        'X-D': ['80'],
        // 66.815 + 19 = 85.815 → 85.82: the same published index as X-A, the same rank.
        'X-E': ['66.815'],
      }),
    );
    expect(out.map((u) => [u.code, u.parIndex, u.total?.rank])).toEqual([
      ['694', 84.8, 1],
      ['X-A', 85.82, 1],
      ['X-B', 82.26, 4],
      ['X-C', 85.56, 3],
      ['X-D', 80, null],
      ['X-E', 85.82, 1],
    ]);
    expect(out[0]?.total).toEqual({
      selfAssessment: 60.5,
      selfAssessmentMax: 70,
      fields: [
        { code: 'LV1', selfAssessment: 8 },
        { code: 'LV2', selfAssessment: 7.25 },
      ],
      survey: 24.3,
      surveyMax: 30,
      score: 84.8,
      max: 100,
      rank: 1,
    });
    expect(out[1]?.total).toMatchObject({
      selfAssessment: 70.255,
      selfAssessmentMax: 80,
      max: 100,
    });
    expect(out[1]?.total?.score).toBe(85.815);
  });

  it('leaves parIndex and total null for units without a self-assessment, and everywhere when nothing is imported', () => {
    const some = withTotals(definition, results, snapshot({ 'X-A': ['70'] }));
    expect(some.filter((u) => u.total).map((u) => u.code)).toEqual(['X-A']);
    expect(some.find((u) => u.code === '694')).toMatchObject({ parIndex: null, total: null });
    const none = withTotals(definition, results, null);
    expect(none.every((u) => u.parIndex === null && u.total === null)).toBe(true);
  });

  it('ranks each index apart', () => {
    const r = parRanks([
      { code: 'A', index: 'HUYEN', parIndex: 50, noData: false },
      { code: 'B', index: 'XA', parIndex: 40, noData: false },
      { code: 'C', index: 'XA', parIndex: 60, noData: false },
      { code: 'D', index: 'XA', parIndex: null, noData: false },
    ]);
    expect([...r]).toEqual([
      ['HUYEN\u0000A', 1],
      ['XA\u0000B', 2],
      ['XA\u0000C', 1],
    ]);
  });

  it('subtracts 2-decimal scores exactly (0.3 − 0.1 is 0.2, not 0.19999…)', () => {
    expect(scoreChange(0.3, 0.1)).toBe(0.2);
    expect(scoreChange(78.5, 84.8)).toBe(-6.3);
    expect(scoreChange(null, 1)).toBeNull();
  });
});

describe('reading points as offices write them', () => {
  it.each([
    ['60.5', 'csv', '60.50'],
    ['60,5', 'csv', '60.50'],
    [' 70 ', 'csv', '70.00'],
    ['70.255', 'csv', '70.255'],
    ['8.1000', 'csv', '8.10'],
    ['0', 'csv', '0.00'],
    // A workbook formula =60.1+0.2 is the double 60.300000000000004: Excel shows 60.3.
    ['60.300000000000004', 'xlsx', '60.30'],
    ['60.300000000000004', 'csv', null],
    ['60.33333', 'csv', null],
    ['-1', 'csv', null],
    ['1.000,5', 'csv', null],
    ['1e2', 'csv', null],
    ['abc', 'csv', null],
    ['', 'csv', null],
  ] as const)('%j (%s) → %j', (text, format, expected) => {
    expect(readPoints(text, format)).toBe(expected);
  });
});

const sheet = (rows: string[][], format: Sheet['format'] = 'csv'): Sheet => ({
  format,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
});

describe('readSelfAssessment', () => {
  it("finds the header under title lines, takes the appraised column over the unit's own, and matches unit names however written", () => {
    const r = readSelfAssessment(
      sheet([
        ['BẢNG TỔNG HỢP'],
        ['STT', 'Đơn vị', 'Điểm tự đánh giá', 'Điểm tự đánh giá đã thẩm định'],
        ['1', 'Huyện Hớn Quản', '66', '60,5'],
        ['2', 'xa an phu', '75', '70.255'],
        ['3', 'TT Tân Khai', '80', '71'],
      ]),
      definition,
      units,
    );
    expect(r.problems).toEqual([]);
    expect(r.headerRow).toBe(2);
    expect(r.rows.map((x) => [x.row, x.unitCode, x.index, x.points, x.max])).toEqual([
      [3, '694', 'HUYEN', '60.50', '70.00'],
      [4, 'X-ANPHU', 'XA', '70.255', '80.00'],
      [5, 'TT-TANKHAI', 'XA', '71.00', '80.00'],
    ]);
  });

  it('reports every problem by row number, in Vietnamese', () => {
    const r = readSelfAssessment(
      sheet([
        ['Mã đơn vị', 'Đơn vị', 'Điểm'],
        ['694', 'UBND huyện Hớn Quản', '70.01'],
        ['', 'UBND xã An Phú', 'tám mươi'],
        ['', 'Xã Không Tồn Tại', '50'],
        ['', 'xã An Phú', '60'],
        ['', 'Phòng Nội vụ', '60'],
        ['X-ZZZ', '', '60'],
        ['X-MINHTAM', 'UBND xã Minh Đức', '60'],
        ['', 'Xã Tân Hưng', ''],
        ['', '', '50'],
        ['', 'Xã Tân Lợi', '80,01'],
        ['', 'Xã Tân Hiệp', '-5'],
      ]),
      definition,
      units,
    );
    expect(r.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'over_maximum'],
      [3, 'not_a_number'],
      [4, 'unknown_unit'],
      [5, 'duplicate_unit'],
      [6, 'not_rated'],
      [7, 'unknown_unit'],
      [8, 'unit_mismatch'],
      [9, 'missing_points'],
      [10, 'missing_unit'],
      [11, 'over_maximum'],
      [12, 'not_a_number'],
    ]);
    const message = (row: number) => r.problems.find((p) => p.row === row)?.message;
    expect(message(2)).toBe('Điểm 70,01 lớn hơn điểm tối đa 70 (100 − 30 điểm khảo sát).');
    expect(message(11)).toBe('Điểm 80,01 lớn hơn điểm tối đa 80 (100 − 20 điểm khảo sát).');
    expect(message(5)).toBe('"UBND xã An Phú" đã có ở dòng 3.');
    expect(message(6)).toContain('không được đánh giá Chỉ số CCHC');
    expect(message(7)).toBe('Không có đơn vị mã "X-ZZZ".');
    // Row 3's unit is taken even though its points are wrong: row 5 is still its duplicate.
    expect(r.rows).toEqual([]);
  });

  it('reads per-field columns: the total is their sum, or must equal it', () => {
    const header = ['Đơn vị', 'LV1', 'LV 2', 'Lĩnh vực 3', 'LV4', 'LV5', 'LV6', 'LV7', 'LV8'];
    const fields = ['8', '7.25', '9', '6', '10', '5.5', '7', '7.75'];
    const ok = readSelfAssessment(
      sheet([header, ['UBND huyện Hớn Quản', ...fields]]),
      definition,
      units,
    );
    expect(ok.problems).toEqual([]);
    // 8 + 7.25 + 9 + 6 + 10 + 5.5 + 7 + 7.75 = 60.50
    expect(ok.rows[0]?.points).toBe('60.50');
    expect([...(ok.rows[0]?.fields ?? [])]).toEqual([
      ['LV1', '8.00'],
      ['LV2', '7.25'],
      ['LV3', '9.00'],
      ['LV4', '6.00'],
      ['LV5', '10.00'],
      ['LV6', '5.50'],
      ['LV7', '7.00'],
      ['LV8', '7.75'],
    ]);

    const bad = readSelfAssessment(
      sheet([
        ['Đơn vị', 'Điểm', ...header.slice(1)],
        ['UBND huyện Hớn Quản', '60.5', ...fields],
        ['xã An Phú', '61', ...fields],
        ['xã Minh Tâm', '50', '8', '', '', '', '', '', '', ''],
        ['xã Minh Đức', '', '', '', '', '', '', '', '', ''],
      ]),
      definition,
      units,
    );
    expect(bad.problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'fields_mismatch'],
      [4, 'fields_incomplete'],
      [5, 'missing_points'],
    ]);
    expect(bad.problems[0]?.message).toBe('Tổng điểm các lĩnh vực (60,5) khác điểm tổng (61).');
    expect(bad.rows.map((x) => x.unitCode)).toEqual(['694']);
  });

  it('refuses a field’s points over the field’s maximum, where the definition states it', () => {
    const capped = structuredClone(definition);
    const lv8 = capped.indexes[0]?.fields.find((f) => f.code === 'LV8');
    if (!lv8) throw new Error('no LV8');
    lv8.selfAssessmentMax = '7.5';
    const header = ['Đơn vị', 'LV1', 'LV2', 'LV3', 'LV4', 'LV5', 'LV6', 'LV7', 'LV8'];
    const r = readSelfAssessment(
      sheet([header, ['UBND huyện Hớn Quản', '8', '7.25', '9', '6', '10', '5.5', '7', '7.75']]),
      capped,
      units,
    );
    expect(r.problems).toEqual([
      {
        row: 2,
        code: 'over_maximum',
        column: 'LV8',
        message: 'Điểm LV8 7,75 lớn hơn điểm tối đa 7,5 của lĩnh vực.',
      },
    ]);
    expect(r.rows).toEqual([]);
    expect(
      readSelfAssessment(
        sheet([header, ['UBND huyện Hớn Quản', ...Array(7).fill('8'), '7.5']]),
        capped,
        units,
      ).problems,
    ).toEqual([]);
  });

  it("refuses a sheet whose only points are the unit's own, unappraised", () => {
    expect(() =>
      readSelfAssessment(
        sheet([
          ['Đơn vị', 'Điểm tự đánh giá'],
          ['xã An Phú', '70'],
        ]),
        definition,
        units,
      ),
    ).toThrow(/chưa qua thẩm định/);
    expect(() => readSelfAssessment(sheet([['Họ và tên', 'Ghi chú']]), definition, units)).toThrow(
      /Không tìm thấy dòng tiêu đề/,
    );
  });
});
