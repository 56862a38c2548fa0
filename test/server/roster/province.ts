import { readFileSync } from 'node:fs';
import {
  builtInDefinition,
  type Definition,
  loadDefinition,
  loadUnitSet,
  type UnitSet,
} from '../../../questionnaires';
import { fixture } from './helpers';

/**
 * A province-level campaign shaped like the 2026 one (issue #11): the five groups of
 * test/fixtures/groups-tinh-2026.json on the built-in questionnaires, the province rated by the
 * single-unit forms and its communes and wards by the matrix form.
 */
export function provinceDefinition(): Definition {
  const base = builtInDefinition();
  return loadDefinition({
    ...base,
    code: 'tinh-2026-test',
    name: 'Khảo sát CCHC cấp tỉnh 2026 (kiểm thử)',
    year: 2026,
    indexes: base.indexes.map((ix) => ({
      ...ix,
      unitKinds: ix.code === 'HUYEN' ? ['tinh'] : ['xa', 'phuong', 'dac_khu'],
    })),
    groups: JSON.parse(readFileSync(fixture('groups-tinh-2026.json'), 'utf8')),
  });
}

/**
 * Đồng Nai from 1 July 2025: the province, its 95 communes and wards (official names and codes,
 * from the 2025 list) and fifteen departments.
 */
export function provinceUnitSet(): UnitSet {
  return loadUnitSet(JSON.parse(readFileSync(fixture('units-tinh-75.json'), 'utf8')));
}

/**
 * test/fixtures/roster-tinh-2026.csv: row (spreadsheet numbering, the header is row 1) → the
 * group and unit it must land in. Rows 22–24, 26 and 27 are ambiguous or unknown.
 */
export const PROVINCE_ROSTER_LANDS: Record<number, [string, string | null]> = {
  2: ['DB_HDND_TINH', null],
  3: ['DB_HDND_TINH', null],
  4: ['LD_SO', 'SNV'],
  5: ['LD_SO', 'STC'],
  6: ['LD_SO', 'VPUBND'],
  7: ['LD_SO', 'TTPVHCC'],
  8: ['LD_PHONG_SO', 'SGDDT'],
  9: ['LD_PHONG_SO', 'SYT'],
  10: ['LD_PHONG_SO', 'BQLKCN'],
  11: ['LD_UBND_XA', '25345'],
  12: ['LD_UBND_XA', '26089'],
  13: ['LD_UBND_XA', '26188'],
  14: ['LD_UBND_XA', '26446'],
  15: ['LD_UBND_XA', '25357'],
  16: ['LD_PHONG_XA', '25345'],
  17: ['LD_PHONG_XA', '25326'],
  18: ['LD_PHONG_XA', '25396'],
  19: ['LD_PHONG_XA', '25280'],
  20: ['LD_PHONG_XA', '25390'],
  21: ['LD_UBND_XA', '26020'],
  25: ['LD_UBND_XA', '25326'],
};
