import { describe, expect, it } from 'vitest';
import type { UnitResult } from '../../../analysis/types';
import { builtInDefinition } from '../../../questionnaires';
import {
  type LinkedField,
  type SelfAssessmentSnapshot,
  sipasKept,
  withTotals,
} from '../../../server/results/total';
import { keptWords } from '../../../server/results/total-sipas';

/** Step 8 with a field linked to a SIPAS run (docs/method.md §19.5), by hand. */

const definition = builtInDefinition();

const unit = (code: string, index: string, surveyScore: number): UnitResult => ({
  code,
  name: code,
  index,
  surveyScore,
  maxScore: index === 'HUYEN' ? 30 : 20,
  surveyPercent: 0,
  parIndex: null,
  noData: false,
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

const results = [unit('694', 'HUYEN', 24.3), unit('X-A', 'XA', 15.56), unit('X-B', 'XA', 12.26)];
const self = snapshot({
  '694': ['60.50', { LV1: '8.00', LV8: '5.00' }],
  'X-A': ['70.255'],
  'X-B': ['70.00'],
});
const LV8: LinkedField = {
  fieldCode: 'LV8',
  maxPoints: '10',
  byUnit: new Map([
    ['694', '31/72'],
    ['X-A', '1/2'],
    ['X-B', null],
  ]),
};

describe('withTotals with a SIPAS field', () => {
  it('replaces the field’s self-assessment points by index × max, exactly', () => {
    const [district, xa, xb] = withTotals(definition, results, self, [LV8]);
    // 60.50 − 5.00 + 31/72 × 10 (= 4.30555…) = 59.80555…; + 24.30 → 84.10555… → 84.11.
    expect(district?.parIndex).toBe(84.11);
    expect(district?.total?.fields).toEqual([
      { code: 'LV1', selfAssessment: 8 },
      { code: 'LV8', selfAssessment: 310 / 72, source: 'sipas' },
    ]);
    expect(district?.total?.selfAssessment).toBeCloseTo(59.805556, 6);
    // A total without fields: LV8's own points are inside 70.255 and cannot be taken out, so
    // the SIPAS points (1/2 × 10) are not put in on top: the total stays as imported.
    expect(xa?.parIndex).toBe(85.82);
    expect(xa?.total?.selfAssessment).toBe(70.255);
    expect(xa?.total?.fields).toEqual([]);
    // No SIPAS result for the unit: its self-assessment stands.
    expect(xb?.parIndex).toBe(82.26);
    expect(xb?.total?.fields).toEqual([]);
  });

  it('changes nothing without a link, nor for a field the index does not have', () => {
    const plain = withTotals(definition, results, self);
    expect(withTotals(definition, results, self, [])).toEqual(plain);
    expect(withTotals(definition, results, self, [{ ...LV8, fieldCode: 'LV99' }])).toEqual(plain);
    expect(plain.map((u) => u.parIndex)).toEqual([84.8, 85.82, 82.26]);
  });

  it('gives no total to a unit without a self-assessment, SIPAS or not', () => {
    const [district] = withTotals(definition, results, snapshot({ 'X-A': ['70'] }), [LV8]);
    expect(district).toMatchObject({ parIndex: null, total: null });
  });
});

describe('units that keep their self-assessment for a SIPAS field', () => {
  it('never lets a total-only import take the SIPAS points on top of its total', () => {
    // 79.00 of 80, total only, a SIPAS index of 1: 79 + 10 would be 89 of 80.
    const full = snapshot({ 'X-A': ['79.00'] });
    const all: LinkedField = { ...LV8, byUnit: new Map([['X-A', '1']]) };
    const [, xa] = withTotals(definition, results, full, [all]);
    expect(xa?.total?.selfAssessment).toBe(79);
    expect(xa?.total?.score).toBe(79 + 15.56);
    expect(sipasKept(definition, results, full, [all]).get('LV8')).toEqual([
      { code: 'X-A', name: 'X-A', reason: 'total_only' },
    ]);
  });

  it('keeps the self-assessment when the SIPAS points would take it over its maximum', () => {
    // 70 of 70 with LV8 2.00: 70 − 2 + 31/72 × 10 = 72.3… > 70; with LV8 5.00 it is 69.3… ≤ 70.
    const over = snapshot({ '694': ['70.00', { LV1: '68.00', LV8: '2.00' }] });
    const [district] = withTotals(definition, results, over, [LV8]);
    expect(district?.total?.selfAssessment).toBe(70);
    expect(district?.total?.fields).toEqual([
      { code: 'LV1', selfAssessment: 68 },
      { code: 'LV8', selfAssessment: 2 },
    ]);
    expect(sipasKept(definition, results, over, [LV8]).get('LV8')).toEqual([
      { code: '694', name: '694', reason: 'over_maximum' },
    ]);
    const under = snapshot({ '694': ['70.00', { LV1: '65.00', LV8: '5.00' }] });
    const [fits] = withTotals(definition, results, under, [LV8]);
    expect(fits?.total?.selfAssessment).toBeCloseTo(69.305556, 6);
    expect(sipasKept(definition, results, under, [LV8]).get('LV8')).toEqual([]);
  });

  it('takes a field the import did not list as 0 of a total that is the listed fields’ sum', () => {
    const partial = snapshot({ '694': ['60.00', { LV1: '60.00' }] });
    const [district] = withTotals(definition, results, partial, [LV8]);
    expect(district?.total?.selfAssessment).toBeCloseTo(64.305556, 6);
    expect(sipasKept(definition, results, partial, [LV8]).get('LV8')).toEqual([]);
  });

  it('says which units kept it and why, counted', () => {
    const words = keptWords('LV8', [
      { code: 'X-A', name: 'Xã Minh Tâm', reason: 'total_only' },
      { code: 'X-B', name: 'Xã An Phú', reason: 'total_only' },
      { code: '694', name: 'Huyện Hớn Quản', reason: 'over_maximum' },
    ]);
    expect(words).toBe(
      'Tự đánh giá chỉ có điểm tổng, không tách được điểm lĩnh vực LV8: giữ điểm tự đánh giá: 2 đơn vị (Xã Minh Tâm, Xã An Phú). ' +
        'Thay điểm lĩnh vực LV8 bằng điểm SIPAS thì điểm tự đánh giá vượt điểm tối đa (điểm tối đa của lĩnh vực đặt khi liên kết lớn hơn điểm thẩm định cho phép): giữ điểm tự đánh giá: 1 đơn vị (Huyện Hớn Quản).',
    );
    expect(keptWords('LV8', [])).toBe('');
    const many = Array.from({ length: 12 }, (_, i) => ({
      code: `U${i}`,
      name: `Xã ${i}`,
      reason: 'total_only' as const,
    }));
    expect(keptWords('LV8', many)).toContain('12 đơn vị (Xã 0, Xã 1');
    expect(keptWords('LV8', many)).toContain('Xã 9 và 2 đơn vị khác)');
  });
});
