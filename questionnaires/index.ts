import honQuan2023 from './hon-quan-2023.json' with { type: 'json' };
import { loadDefinition } from './load';
import type { Definition } from './schema';
import unitsHonQuan2023 from './units-hon-quan-2023.json' with { type: 'json' };

export * from './load';
export * from './schema';
export * from './units';

/** The built-in "Hớn Quản 2023" definition: the five draft questionnaires and both criteria sets. */
export function builtInDefinition(): Definition {
  return loadDefinition(honQuan2023);
}

/** The 2023 units of Hớn Quản district (district, 12 communes, 1 town, 14 offices). */
export function builtInUnitSet() {
  return loadUnitSet(unitsHonQuan2023);
}

import { loadUnitSet } from './units';
