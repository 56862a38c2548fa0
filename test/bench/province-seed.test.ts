import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PROVINCE_CLOSED_ID,
  PROVINCE_OPEN_ID,
  type ProvinceSeed,
  seedProvince,
} from '../../bench/province-seed';
import { builtInProvinceDefinition } from '../../questionnaires';
import { openDb } from '../../server/db/connect';
import {
  countAnswers,
  countForms,
  recountAnswers,
  recountForms,
} from '../../server/results/counts';

// The province benchmark (bench/province.ts) measures what its seed made: the seed must make
// what the brief says (sizes, groups in their kind of workplace, forms the server would accept)
// and leave tallies a recount agrees with, or the run it scores is not the campaign's.
const dir = mkdtempSync(join(tmpdir(), 'cchc-province-seed-'));
const file = join(dir, 'bench.sqlite');
let seeded: Promise<ProvinceSeed> | undefined;
const seed = () => {
  seeded ??= seedProvince(file, 'seed-test-secret-seed-test-secret-0123456789', {
    invitations: 120,
    forms: 40,
  });
  return seeded;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seedProvince', () => {
  it('rates 130 units and spreads the open campaign over the five groups', async () => {
    const s = await seed();
    expect(s.ratedUnits).toEqual({ communes: 95, departments: 35 });
    expect(Object.keys(s.openGroups).sort()).toEqual(
      ['DB_HDND_TINH', 'LD_PHONG_SO', 'LD_PHONG_XA', 'LD_SO', 'LD_UBND_XA'].sort(),
    );
    expect(Object.values(s.openGroups).reduce((a, b) => a + b, 0)).toBe(120);
    expect(s.delegateTokens).toHaveLength(s.openGroups.DB_HDND_TINH ?? -1);
  }, 60_000);

  it('puts staff in a workplace of their kind and delegates in none', async () => {
    await seed();
    const db = openDb(file);
    try {
      const rows = await db
        .selectFrom('respondent')
        .leftJoin('unit', (j) =>
          j
            .onRef('unit.code', '=', 'respondent.unitCode')
            .on('unit.unitSetId', '=', (eb) =>
              eb
                .selectFrom('campaign')
                .select('unitSetId')
                .where('campaign.id', '=', PROVINCE_OPEN_ID),
            ),
        )
        .select(['respondent.groupCode', 'respondent.unitCode', 'unit.kind'])
        .where('respondent.campaignId', '=', PROVINCE_OPEN_ID)
        .execute();
      const kinds = (group: string) =>
        new Set(rows.filter((r) => r.groupCode === group).map((r) => r.kind ?? null));
      expect(kinds('DB_HDND_TINH')).toEqual(new Set([null]));
      expect(kinds('LD_SO')).toEqual(new Set(['co_quan']));
      expect(kinds('LD_PHONG_SO')).toEqual(new Set(['co_quan']));
      for (const g of ['LD_UBND_XA', 'LD_PHONG_XA'])
        for (const k of kinds(g)) expect(['xa', 'phuong', 'dac_khu']).toContain(k);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('stores the closed campaign’s forms with tallies the recount agrees with, and scores it', async () => {
    const s = await seed();
    const db = openDb(file);
    try {
      const submissions = await db
        .selectFrom('submission')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaignId', '=', PROVINCE_CLOSED_ID)
        .executeTakeFirstOrThrow();
      expect(Number(submissions.n)).toBe(40);
      const submitted = await db
        .selectFrom('invitation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaignId', '=', PROVINCE_CLOSED_ID)
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow();
      expect(Number(submitted.n)).toBe(40);
      const key = (r: object) => JSON.stringify(r);
      const sorted = <T extends object>(xs: T[]) => xs.map(key).sort();
      expect(sorted(await countAnswers(db, PROVINCE_CLOSED_ID))).toEqual(
        sorted(await recountAnswers(db, PROVINCE_CLOSED_ID)),
      );
      expect(sorted(await countForms(db, PROVINCE_CLOSED_ID))).toEqual(
        sorted(await recountForms(db, PROVINCE_CLOSED_ID, builtInProvinceDefinition())),
      );
      const run = await db
        .selectFrom('scoringRun')
        .select(['id', 'official', 'submissionCount'])
        .where('campaignId', '=', PROVINCE_CLOSED_ID)
        .executeTakeFirstOrThrow();
      expect(run).toEqual({ id: s.runId, official: 1, submissionCount: 40 });
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('rates at most 12 communes and 5 departments per form, the rest "Không biết"', async () => {
    await seed();
    const db = openDb(file);
    try {
      const rated = await db
        .selectFrom('answer')
        .select(['submissionId', 'questionnaireId'])
        .select((eb) => eb.fn.count<number>('unitCode').distinct().as('units'))
        .where('campaignId', '=', PROVINCE_CLOSED_ID)
        .where('option', '!=', 'E')
        .groupBy(['submissionId', 'questionnaireId'])
        .execute();
      // P01 and P04 rate departments, P02 and P03 communes (questionnaires/tinh-2026.json).
      const most: Record<string, number> = { P01: 5, P02: 12, P03: 12, P04: 5 };
      for (const r of rated)
        expect(Number(r.units)).toBeLessThanOrEqual(most[r.questionnaireId] ?? 0);
      expect(rated.some((r) => Number(r.units) === most[r.questionnaireId])).toBe(true);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
