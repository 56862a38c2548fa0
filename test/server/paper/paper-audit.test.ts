import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as m0012 from '../../../server/db/migrations/0012-audit-paper-serials';
import { freshDb } from '../../db';
import { fullAnswers, setup, signIn } from '../helpers';

const CAMPAIGN = '/api/campaigns/demo-2023';
const post = (body: unknown = {}) => ({ method: 'POST', body: JSON.stringify(body) });
const SERIAL = /Số phiếu: <span class="serial">([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z])<\/span>/;

describe('the audit of paper forms', () => {
  it('says that an entry happened and by whom, never which serial, in the log or its CSV', async () => {
    const ctx = await setup();
    const officer = await signIn(ctx, 'officer');
    const admin = await signIn(ctx, 'admin');
    const p = ctx.links.find((l) => l.group_code === 'LD_UBND_XA');
    const html = await (await officer(`${CAMPAIGN}/paper?ids=${p?.id}`)).text();
    const serial = SERIAL.exec(html)?.[1] ?? '';
    expect(serial).not.toBe('');
    const [row] = (
      (await (await officer(`${CAMPAIGN}/invitations?ids=${p?.id}`)).json()) as {
        items: { shortCode: string }[];
      }
    ).items;
    expect((await officer(`${CAMPAIGN}/paper/stubs`, post({ code: row?.shortCode }))).status).toBe(
      200,
    );
    const entry = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial, answers: await fullAnswers(ctx.db, 'LD_UBND_XA') }),
    );
    expect(entry.status).toBe(201);

    const log = (await (await admin('/api/audit')).json()) as {
      action: string;
      target: string | null;
      details: string | null;
      userEmail: string | null;
    }[];
    const entered = log.filter((r) => r.action === 'paper_entered');
    expect(entered).toHaveLength(1);
    expect(entered[0]?.userEmail).toMatch(/^officer-/);
    expect(entered[0]?.target).toBeNull();
    expect(entered[0]?.details).toBeNull();
    const csv = await (await admin('/api/audit.csv')).text();
    expect(csv).toContain('Nhập phiếu giấy');
    for (const text of [JSON.stringify(log), csv]) {
      for (const form of [serial, serial.replace(/-/g, ''), serial.replace(/-/g, '').toLowerCase()])
        expect(text).not.toContain(form);
    }
  });
});

describe('migration 0012', () => {
  it('removes the serial (and group) of every paper entry an older server audited', async () => {
    const db = await freshDb();
    const at = '2026-03-01T02:03:04.000Z';
    await db
      .insertInto('auditLog')
      .values([
        {
          at,
          userEmail: 'canbo@x.vn',
          action: 'paper_entered',
          campaignId: 'demo-2023',
          target: 'K7QM-4X2P-A',
          details: JSON.stringify({ groupCode: 'LD_UBND_XA' }),
          ip: '1.2.3.4',
        },
        {
          at,
          userEmail: 'canbo@x.vn',
          action: 'paper_stub_received',
          campaignId: 'demo-2023',
          target: 'inv-1',
          details: null,
          ip: '1.2.3.4',
        },
        {
          at,
          userEmail: 'canbo@x.vn',
          action: 'paper_printed',
          campaignId: 'demo-2023',
          target: null,
          details: JSON.stringify({ count: 3 }),
          ip: '1.2.3.4',
        },
      ])
      .execute();
    // Rows as an older server wrote them, then the migration as migrateToLatest runs it.
    await m0012.up(db);
    const { rows: applied } = await sql<{
      name: string;
    }>`SELECT name FROM kysely_migration`.execute(db);
    expect(applied.map((r) => r.name)).toContain('0012-audit-paper-serials');
    const rows = await db.selectFrom('auditLog').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.target, r.details])).toEqual([
      ['paper_entered', null, null],
      ['paper_stub_received', 'inv-1', null],
      ['paper_printed', null, '{"count":3}'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/K7QM|LD_UBND_XA/);
    await db.destroy();
  });
});
