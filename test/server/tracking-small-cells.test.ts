import { beforeAll, describe, expect, it } from 'vitest';
import { carryForward } from '../../server/tracking/protect';
import { fullAnswers, json, setup, signIn, submissionId } from './helpers';

type Cell = {
  groupCode: string;
  groupName: string;
  unitCode: string | null;
  unitName: string;
  invited: number;
  notOpened: number;
  opened: number;
  inProgress: number;
  submitted: number;
  merged?: number;
};
interface Tracking {
  total: Cell;
  groups: Cell[];
  rows: Cell[];
  daily: { day: string; status: string; n: number }[];
  minCellSize?: number;
  withheld?: boolean;
}
const COUNTS = ['invited', 'notOpened', 'opened', 'inProgress', 'submitted'] as const;
const K = 3;
const URL = '/api/campaigns/demo-2023/tracking';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let analyst: Awaited<ReturnType<typeof signIn>>;
const read = async (who: typeof officer) => (await (await who(URL)).json()) as Tracking;

/** A person alone in their group × unit cell, as the officer's tracking shows it. */
async function loneCell() {
  const t = await read(officer);
  const lone = t.rows.find((r) => r.invited === 1 && r.unitCode);
  if (!lone) throw new Error('the demo has no cell of one person');
  const person = ctx.links.find((l) => l.group_code === lone.groupCode && l.unit === lone.unitName);
  if (!person) throw new Error(`nobody in ${lone.groupCode} × ${lone.unitName}`);
  return { lone, token: person.link.split('/s/')[1] ?? '' };
}

/** No shown margin gives a hidden cell back: every total is the sum of what is shown under it. */
function expectAdditive(t: Tracking) {
  for (const k of COUNTS) {
    expect(t.groups.reduce((s, g) => s + g[k], 0)).toBe(t.total[k]);
    for (const g of t.groups) {
      const rows = t.rows.filter((r) => r.groupCode === g.groupCode);
      expect(
        rows.reduce((s, r) => s + r[k], 0),
        `${g.groupCode} ${k}`,
      ).toBe(g[k]);
    }
  }
}

beforeAll(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  analyst = await signIn(ctx, 'analyst');
});

describe('tracking as an analyst sees it', () => {
  it('officers keep every cell, one person ones included', async () => {
    const t = await read(officer);
    expect(t.rows.some((r) => r.invited === 1)).toBe(true);
    expect(t.minCellSize).toBeUndefined();
  });

  it('shows no group × unit cell and no group of fewer than the minimum cell size', async () => {
    const t = await read(analyst);
    expect(t.minCellSize).toBe(K);
    expect(t.rows.length).toBeGreaterThan(0);
    for (const c of [...t.rows, ...t.groups, t.total]) expect(c.invited).toBeGreaterThanOrEqual(K);
    expect(t.rows.some((r) => r.merged)).toBe(true);
    expectAdditive(t);
    // Every person is still counted once.
    expect(t.total.invited).toBe((await read(officer)).total.invited);
  });

  it('"Chủ tịch UBND xã Minh Đức" submitting changes only rows of at least k people', async () => {
    const { lone, token } = await loneCell();
    const before = await read(analyst);
    const res = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, lone.groupCode) }),
    );
    expect(res.status).toBe(201);
    const officerAfter = await read(officer);
    expect(
      officerAfter.rows.find((r) => r.groupCode === lone.groupCode && r.unitCode === lone.unitCode)
        ?.submitted,
    ).toBe(1);
    const after = await read(analyst);
    expectAdditive(after);
    const changed = after.rows.filter((r) => {
      const was = before.rows.find((b) => b.groupCode === r.groupCode && b.unitCode === r.unitCode);
      return JSON.stringify(was) !== JSON.stringify(r);
    });
    expect(changed.length).toBe(1);
    expect(changed[0]?.invited).toBeGreaterThanOrEqual(K);
    expect(changed[0]?.unitName).not.toBe(lone.unitName);
    // The analyst's rows never name the lone person's unit by itself.
    expect(
      after.rows.some((r) => r.groupCode === lone.groupCode && r.unitCode === lone.unitCode),
    ).toBe(false);
  });

  it('the per-day series shows no day with fewer than k changes of a kind', async () => {
    const officerDaily = (await read(officer)).daily;
    expect(officerDaily.find((d) => d.status === 'submitted')?.n).toBe(1);
    const t = await read(analyst);
    for (const d of t.daily) expect(d.n).toBeGreaterThanOrEqual(K);
    expect(t.daily.find((d) => d.status === 'submitted')).toBeUndefined();
    // Two more submits bring the day to k: then it shows, all three at once.
    const { db } = ctx;
    const others = ctx.links.filter((l) => l.group_code === 'HDND_HUYEN').slice(0, 2);
    for (const p of others) {
      const res = await ctx.respond(
        p.link.split('/s/')[1] ?? '',
        '/submit',
        json({ submissionId: submissionId(), answers: await fullAnswers(db, 'HDND_HUYEN') }),
      );
      expect(res.status).toBe(201);
    }
    const later = await read(analyst);
    expect(later.daily.filter((d) => d.status === 'submitted').map((d) => d.n)).toEqual([3]);
  });

  it('carries small days forward and keeps the last small remainder back', () => {
    const days = [
      { day: '2026-03-01', status: 'submitted', n: 1 },
      { day: '2026-03-02', status: 'submitted', n: 1 },
      { day: '2026-03-03', status: 'submitted', n: 5 },
      { day: '2026-03-04', status: 'submitted', n: 2 },
      { day: '2026-03-02', status: 'opened', n: 3 },
    ];
    expect(carryForward(days, 3)).toEqual([
      { day: '2026-03-02', status: 'opened', n: 3 },
      { day: '2026-03-03', status: 'submitted', n: 7 },
    ]);
  });

  it('a campaign of fewer than k people shows an analyst no counts at all', async () => {
    const small = await setup();
    await small.db
      .deleteFrom('invitationEvent')
      .where(
        'invitationId',
        'not in',
        small.links.slice(0, 2).map((l) => l.id),
      )
      .execute();
    await small.db
      .updateTable('invitation')
      .set({ status: 'revoked' })
      .where(
        'id',
        'not in',
        small.links.slice(0, 2).map((l) => l.id),
      )
      .execute();
    const who = await signIn(small, 'analyst');
    const t = (await (await who(URL)).json()) as Tracking;
    expect(t.withheld).toBe(true);
    expect(t.groups).toEqual([]);
    expect(t.rows).toEqual([]);
    expect(t.daily).toEqual([]);
    expect(t.total.invited).toBe(0);
  });
});
