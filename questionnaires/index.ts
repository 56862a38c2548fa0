import honQuan2023 from './hon-quan-2023.json' with { type: 'json' };
import { loadDefinition } from './load';
import type { Definition } from './schema';
import sipas2026 from './sipas-2026.json' with { type: 'json' };
import { loadSipasDefinition } from './sipas-load';
import type { SipasDefinition } from './sipas-schema';
import tinh2026 from './tinh-2026.json' with { type: 'json' };
import unitsHonQuan2023 from './units-hon-quan-2023.json' with { type: 'json' };

export * from './load';
export * from './schema';
export * from './sipas-load';
export * from './sipas-schema';
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

/**
 * The built-in 2026 province definition (issue #11): two indexes, the departments and agencies
 * (`SO`, units of kind `co_quan`) and UBND xã, phường, đặc khu (`XA`, the 2023 commune criteria
 * codes, so year over year can compare them), five groups rating both ways.
 */
export function builtInProvinceDefinition(): Definition {
  return loadDefinition(tinh2026);
}

/**
 * The built-in SIPAS 2026 definition (issue #14): citizens' satisfaction with the administration's
 * service after 1001/QĐ-BNV — five aspects, the five-level scale, perceptions, choices, a comment.
 */
export function builtInSipasDefinition(): SipasDefinition {
  return loadSipasDefinition(sipas2026);
}
