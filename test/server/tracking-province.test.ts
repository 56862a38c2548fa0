import type { KyselyPlugin } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createProvince,
  PROVINCE_CAMPAIGN_ID,
  provinceUnitSet,
  submitProvinceForms,
} from '../../bench/province-fixture';
import type { Tracking, TrackingCell } from '../../contract/console/tracking';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connect';
import { freshDb } from '../db';
import { config, SECRET, signIn } from './helpers';

/**
 * Tracking a province (issue #11 point 5): 20 departments rated by index SO, 95 communes by XA,
 * five groups. Each unit row says its kind and index, so the console can filter 130 units, and
 * the sums still add up, for officers and for analysts (whose small cells are merged).
 */

const URL = `/api/campaigns/${PROVINCE_CAMPAIGN_ID}/tracking`;
const COUNTS = ['invited', 'notOpened', 'opened', 'inProgress', 'submitted'] as const;

/** Counts every statement the app sends to the database. */
function counting() {
  const seen = { n: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      seen.n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { seen, plugin };
}

async function province(scale: number, forms: number) {
  const raw = await freshDb();
  const { definition, invitations } = await createProvince(raw, SECRET, { scale });
  await submitProvinceForms(raw, definition, forms);
  const { seen, plugin } = counting();
  const db = raw.withPlugin(plugin) as Db;
  const app = createApp({ db, config });
  const ctx = { db, app };
  return {
    invitations,
    seen,
    officer: await signIn(ctx as never, 'officer'),
    analyst: await signIn(ctx as never, 'analyst'),
  };
}

function expectAdditive(t: Tracking) {
  for (const k of COUNTS) {
    expect(t.groups.reduce((s, g) => s + g[k], 0)).toBe(t.total[k]);
    for (const g of t.groups)
      expect(
        t.rows.filter((r) => r.groupCode === g.groupCode).reduce((s, r) => s + r[k], 0),
        `${g.groupCode} ${k}`,
      ).toBe(g[k]);
  }
}

let small: Awaited<ReturnType<typeof province>>;
beforeAll(async () => {
  small = await province(0.2, 150);
});

const read = async (who: typeof small.officer) => {
  const res = await who(URL);
  expect(res.status).toBe(200);
  return (await res.json()) as Tracking;
};

describe('tracking a province: 115 units, two indexes, five groups', () => {
  it('names each unit row kind and index, and lists the indexes', async () => {
    const t = await read(small.officer);
    expect(t.indexes?.map((i) => [i.code, i.unitKinds])).toEqual([
      ['SO', ['co_quan']],
      ['XA', ['xa', 'phuong', 'dac_khu']],
    ]);
    const kinds = new Map(provinceUnitSet().units.map((u) => [u.code, u.kind]));
    const unitRows = t.rows.filter((r) => r.unitCode !== null);
    // 20 departments × 2 groups + 95 communes × 2 groups.
    expect(unitRows).toHaveLength(20 * 2 + 95 * 2);
    for (const r of unitRows) {
      const kind = kinds.get(r.unitCode ?? '');
      expect(r.unitKind, r.unitName).toBe(kind);
      expect(r.index, r.unitName).toBe(kind === 'co_quan' ? 'SO' : 'XA');
    }
    expect(new Set(unitRows.map((r) => r.unitKind))).toEqual(
      new Set(['co_quan', 'xa', 'phuong', 'dac_khu']),
    );
    const delegates = t.rows.filter((r) => r.unitCode === null);
    expect(delegates.map((r) => [r.groupCode, r.unitKind, r.index])).toEqual([
      ['DB_HDND', null, null],
    ]);
    expect(t.total.invited).toBe(small.invitations);
    expect(t.total.submitted).toBe(150);
    expectAdditive(t);
  });

  it('an analyst sees the same totals, merged cells carrying no unit kind', async () => {
    const t = await read(small.analyst);
    expect(t.minCellSize).toBe(3);
    expect(t.total.invited).toBe(small.invitations);
    for (const c of [...t.rows, ...t.groups]) expect(c.invited).toBeGreaterThanOrEqual(3);
    const merged = t.rows.filter((r) => r.merged);
    expect(merged.length).toBeGreaterThan(0);
    for (const r of merged) expect([r.unitKind ?? null, r.index ?? null]).toEqual([null, null]);
    // Shown unit rows keep theirs.
    expect(t.rows.filter((r: TrackingCell) => !r.merged && r.unitCode).every((r) => r.index)).toBe(
      true,
    );
    expectAdditive(t);
  });

  it('reads the same few statements whatever the size (no query per unit or per person)', async () => {
    small.seen.n = 0;
    await read(small.officer);
    const atSmall = small.seen.n;
    const big = await province(1, 600);
    expect(big.invitations).toBeGreaterThan(4000);
    await read(big.officer); // the parsed definition is cached after the first read
    big.seen.n = 0;
    const t0 = performance.now();
    const t = await read(big.officer);
    const ms = performance.now() - t0;
    expect(t.total.invited).toBe(big.invitations);
    expect(big.seen.n).toBe(atSmall);
    expect(atSmall).toBeLessThan(10);
    // Typically ~10 ms; the bound only catches a pathological slowdown on a busy machine.
    expect(ms).toBeLessThan(2000);
  });
});
