import { describe, expect, it } from 'vitest';
import { questionnairesFor, type UnitRow } from '../../contract/questionnaires-for';
import { builtInDefinition } from '../../questionnaires';

const rows: UnitRow[] = [
  { code: '694', name: 'UBND huyện Hớn Quản', kind: 'huyen', area: null },
  { code: 'X-TANHUNG', name: 'Xã Tân Hưng', kind: 'xa', area: 'Huyện Hớn Quản (cũ)' },
  { code: 'X-ANPHU', name: 'Xã An Phú', kind: 'xa', area: null },
  { code: 'X-MINHDUC', name: 'Xã Minh Đức', kind: 'xa' },
];

describe('questionnairesFor', () => {
  it('gives each unit its former district when the unit set has one, and no area key otherwise', () => {
    const [p01, p05] = questionnairesFor(builtInDefinition(), 'HDND_HUYEN', rows);
    expect(p01?.units).toEqual([{ code: '694', name: 'UBND huyện Hớn Quản' }]);
    expect(p05?.units).toEqual([
      { code: 'X-TANHUNG', name: 'Xã Tân Hưng', area: 'Huyện Hớn Quản (cũ)' },
      { code: 'X-ANPHU', name: 'Xã An Phú' },
      { code: 'X-MINHDUC', name: 'Xã Minh Đức' },
    ]);
    // No `"area": null` on the wire.
    expect(JSON.stringify(p05?.units)).not.toContain('null');
  });
});
