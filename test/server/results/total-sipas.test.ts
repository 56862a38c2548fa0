import { describe, expect, it } from 'vitest';
import type { UnitResult } from '../../../analysis/types';
import { builtInDefinition } from '../../../questionnaires';
import {
  type LinkedField,
  type SelfAssessmentSnapshot,
  withTotals,
} from '../../../server/results/total';

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
    // A total without fields: nothing to take out, 5 points put in: 75.255 + 15.56 = 90.815 → 90.82.
    expect(xa?.parIndex).toBe(90.82);
    expect(xa?.total?.fields).toEqual([{ code: 'LV8', selfAssessment: 5, source: 'sipas' }]);
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
