import { describe, expect, it } from 'vitest';
import { builtInDefinition, builtInUnitSet } from '../../../questionnaires';
import { importRoster } from '../../../server/roster/import';
import { workplaceUnits } from '../../../server/roster/match';
import { CAMPAIGN, csvFile, HEADER, rosterDb, SECRET } from './helpers';

const N = 50_000;

/** 50,000 distinct people over every group and unit, typed a little differently each time. */
function bigRoster(): string[] {
  const units = workplaceUnits(builtInUnitSet().units);
  const groups = builtInDefinition().groups;
  const lines = [HEADER];
  for (let i = 0; i < N; i++) {
    const g = groups[i % groups.length];
    const u = units[i % units.length];
    const unit = i % 3 === 0 ? u?.name.replace(/^UBND /, '') : u?.name;
    const group = i % 2 === 0 ? g?.name : g?.aliases[0];
    const phone = `09${String(i).padStart(8, '0')}`;
    lines.push(`${i + 1},Người Thử Số ${i + 1},Chuyên viên,"${unit}","${group}",${phone},,`);
  }
  return lines;
}

describe(`${N.toLocaleString('en')} rows`, () => {
  it('imports in one transaction, then re-imports unchanged, in reasonable time', async () => {
    const db = await rosterDb();
    const file = csvFile(bigRoster(), 'lon.csv');

    let t = performance.now();
    const first = await importRoster(db, SECRET, CAMPAIGN, file);
    const importMs = performance.now() - t;
    expect(first.problems.filter((p) => p.severity !== 'warning').slice(0, 5)).toEqual([]);
    expect(first.committed).toBe(true);
    expect(first.summary).toMatchObject({ total: N, new: N, invalid: 0, confirm: 0 });
    const count = async (table: 'respondent' | 'invitation') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaignId', '=', CAMPAIGN)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('respondent')).toBe(N);
    expect(await count('invitation')).toBe(N);

    t = performance.now();
    const again = await importRoster(db, SECRET, CAMPAIGN, file);
    const reimportMs = performance.now() - t;
    expect(again.summary).toMatchObject({ total: N, new: 0, updated: 0, unchanged: N });
    expect(await count('invitation')).toBe(N);

    console.log(
      `roster import, ${N} rows: first ${Math.round(importMs)} ms, again ${Math.round(reimportMs)} ms`,
    );
    // Generous bounds for slow CI machines; locally both take a few seconds.
    expect(importMs).toBeLessThan(30_000);
    expect(reimportMs).toBeLessThan(30_000);
  }, 90_000);
});
