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
