import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInProvinceDefinition } from '../../../questionnaires';
import { provinceUnitSet } from '../../../questionnaires/official';
import { createCampaign } from '../../../server/campaigns/service';
import { importRoster } from '../../../server/roster/import';
import { freshDb } from '../../db';
import { fixture, SECRET } from './helpers';
import { PROVINCE_ROSTER_LANDS } from './province';

/**
 * The same province roster as roster-province.test.ts, on the product's own 2026 definition
 * (questionnaires/tinh-2026.json) and Đồng Nai's official units with the default departments:
 * nothing in the matcher depends on the test's fixture definition.
 */
describe('a province roster on the built-in 2026 definition', () => {
  it('lands every valid row in its group and unit, and holds back the same rows', async () => {
    const db = await freshDb();
    const campaignId = await createCampaign(db, {
      name: 'Đồng Nai 2026',
      definition: builtInProvinceDefinition(),
      unitSet: provinceUnitSet('75'),
    });
    const file = {
      name: 'roster-tinh-2026.csv',
      bytes: readFileSync(fixture('roster-tinh-2026.csv')),
    };
    const r = await importRoster(db, SECRET, campaignId, file, { dryRun: true });
    expect(r.summary).toMatchObject({ total: 26, new: 21, invalid: 5 });
    const landed = Object.fromEntries(
      r.rows
        .filter((x) => x.status === 'new')
        .map((x) => [x.row, [x.person?.groupCode, x.person?.unitCode]]),
    );
    expect(landed).toEqual(PROVINCE_ROSTER_LANDS);
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.row)).toEqual([
      22, 23, 24, 26, 27,
    ]);
  });
});
