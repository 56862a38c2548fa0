import { AUTH } from './catalog/auth';
import { CAMPAIGNS } from './catalog/campaigns';
import type { Endpoint } from './catalog/kit';
import { ORGANISATIONS } from './catalog/organisations';
import { PEOPLE } from './catalog/people';
import { RESULTS } from './catalog/results';
import { SIPAS_ANALYSIS } from './catalog/sipas-analysis';
import { SIPAS_POINTS } from './catalog/sipas-points';

export type { Endpoint };

/**
 * Every console endpoint, by resource (server/catalog/*.ts): the source of /api/openapi.json and
 * of the role-matrix test (test/server/roles.test.ts).
 */
export const CATALOG: Endpoint[] = [
  ...AUTH,
  ...ORGANISATIONS,
  ...CAMPAIGNS,
  ...PEOPLE,
  ...RESULTS,
  ...SIPAS_ANALYSIS,
  ...SIPAS_POINTS,
];
