import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskPath, requestLogger } from '../../../server/log';
import { sipasCleanup } from '../../../server/sipas/cleanup';
import { foreignTables, onPostgres, tableColumns, tableNames } from '../../db';
import { json } from '../helpers';
import { browser, fullAnswer, sipasSetup, solve } from './answer-fixture';

/**
 * SIPAS answers (issue #14.3; docs/anonymity.md §2): no network address, user agent or device
 * is stored with an answer; what limits a device and answers a retry is short-lived and holds
 * nothing that joins it to a form. (The answer and count tables' columns are checked with the
 * PAR ones in test/server/anonymity.test.ts.)
 */
const EPHEMERAL = ['sipas_device_day', 'sipas_recent', 'sipas_receipt', 'sipas_proof'];
const ANSWER_LEVEL = ['sipas_form', 'sipas_answer', 'sipas_comment'];
const ADDRESS = '198.51.100.23';
const AGENT = 'Mozilla/5.0 (Linux; Android 10; SM-A105F) Zalo/23.09';

let ctx: Awaited<ReturnType<typeof sipasSetup>>;
const devices: string[] = [];
const submissionIds: string[] = [];
const receipts: string[] = [];
beforeAll(async () => {
  ctx = await sipasSetup();
  const headers = { 'X-Forwarded-For': ADDRESS, 'User-Agent': AGENT };
  for (let i = 0; i < 4; i++) {
    const phone = browser(ctx.app);
    const view = await phone.request('/api/p/AAA222', { headers });
    const { challenge } = (await view.json()) as { challenge: string };
    const body = {
      ...fullAnswer(i % 2 ? '4' : '5'),
      comment: `Góp ý số ${i}`,
      ...(i === 3 ? { code: ctx.codes[0] } : {}),
      proof: solve(challenge),
    };
    const res = await phone.request('/api/p/AAA222/submit', {
      ...json(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    });
    expect(res.status).toBe(201);
    devices.push(decodeURIComponent(phone.cookie.split('=')[1] ?? '').split('.')[0] ?? '');
    submissionIds.push(body.submissionId);
    receipts.push(((await res.json()) as { receipt: string }).receipt);
  }
}, 60_000);

const dump = async () => {
  const out: string[] = [];
  for (const name of await tableNames(ctx.db)) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(
      ctx.db,
    );
    out.push(JSON.stringify(rows));
  }
  return out.join('\n');
};

describe('a SIPAS answer is stored with nothing of who sent it', () => {
  it('keeps no network address, user agent, device id, submission id, code or receipt with it', async () => {
    const all = await dump();
    expect(all).toContain('Góp ý số 0');
    for (const secret of [ADDRESS, AGENT, ...devices, ...submissionIds, ctx.codes[0] as string])
      expect(all).not.toContain(secret);
    // The receipt is kept only under the retry key, never beside the form.
    const answers = await Promise.all(
      ANSWER_LEVEL.map((t) => sql`SELECT * FROM ${sql.table(t)}`.execute(ctx.db)),
    );
    for (const receipt of receipts) expect(JSON.stringify(answers)).not.toContain(receipt);
  });

  it('has a form row of exactly: random id, campaign, point, channel, content hash', async () => {
    expect((await tableColumns(ctx.db, 'sipas_form')).sort()).toEqual(
      ['campaign_id', 'channel', 'content_hash', 'id', 'point_id'].sort(),
    );
    const forms = await ctx.db.selectFrom('sipasForm').selectAll().execute();
    expect(forms).toHaveLength(4);
    for (const f of forms) expect(f.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
    expect(forms.map((f) => f.channel).sort()).toEqual(['code', 'poster', 'poster', 'poster']);
  });

  it.each(EPHEMERAL)('%s refers to no form and has no column for one', async (table) => {
    expect(await foreignTables(ctx.db, table)).toEqual([]);
    for (const name of await tableColumns(ctx.db, table))
      expect(name).not.toMatch(/form|answer|comment|device|address|agent|^ip$/i);
  });

  it('shares no value between the short-lived tables and the answers', async () => {
    const values = async (tables: string[]) => {
      const out = new Set<string>();
      for (const t of tables) {
        const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(
          ctx.db,
        );
        for (const row of rows)
          for (const v of Object.values(row))
            if (typeof v === 'string' && v.length >= 12) out.add(v);
      }
      return out;
    };
    const ephemeral = await values(EPHEMERAL);
    expect(ephemeral.size).toBeGreaterThan(0);
    const answers = await values(ANSWER_LEVEL);
    // A point is shared by everyone who answers there, like the campaign: reference, not a link.
    const reference = new Set([ctx.campaignId, ctx.pointA, ctx.pointB]);
    expect([...ephemeral].filter((v) => answers.has(v) && !reference.has(v))).toEqual([]);
  });

  it.skipIf(onPostgres).each([...EPHEMERAL])(
    '%s is WITHOUT ROWID: its rows lie in key order, not arrival order',
    async (table) => {
      const { rows } = await sql<{
        sql: string;
      }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(ctx.db);
      expect(rows[0]?.sql).toMatch(/without rowid\s*$/i);
    },
  );
});

describe('the minute tick', () => {
  it('deletes past hours’ repeat hashes, past days’ device counts and receipts, spent proofs', async () => {
    const counts = async () =>
      Promise.all(
        [
          'sipasRecent',
          'sipasDeviceDay',
          'sipasReceipt',
          'sipasProof',
          'sipasForm',
          'sipasTally',
        ].map(async (t) =>
          Number(
            (
              await ctx.db
                .selectFrom(t as 'sipasForm')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const [recent, deviceDays, receiptRows, proofs, forms, tallies] = await counts();
    expect([recent, deviceDays, receiptRows, proofs]).toEqual([4, 3, 4, 4]);
    await sipasCleanup(ctx.db, new Date()); // nothing is past yet
    expect(await counts()).toEqual([recent, deviceDays, receiptRows, proofs, forms, tallies]);
    await sipasCleanup(ctx.db, new Date(Date.now() + 86_400_000 + 60_000));
    expect(await counts()).toEqual([0, 0, 0, 0, forms, tallies]);
  });
});

describe('logs', () => {
  it('mask a one-time code in /c/<code>; a poster’s public point code stays', async () => {
    expect(maskPath('/c/ABCD-EFGH')).toBe('/c/***');
    expect(maskPath('/p/AAA222')).toBe('/p/AAA222');
    const lines: string[] = [];
    const { Hono } = await import('hono');
    const app = new Hono().use(requestLogger((l) => lines.push(l))).route('/', ctx.app);
    await app.request(`/c/${ctx.codes[4]}`);
    await app.request(`/api/p/AAA222?code=${ctx.codes[4]}`);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain(ctx.codes[4]);
  });
});

// PostgreSQL: a submit writes the form, its counts by hour and day, the used code and the
// device's count in one transaction, so they share an xmin; until the rewrite (docs/anonymity.md
// §4) that ties a form to its hour, its code and its device key. The rewrite covers SIPAS too.
describe.runIf(onPostgres)('SIPAS rows on PostgreSQL after the rewrite', () => {
  const FORMS = ['sipas_form', 'sipas_answer', 'sipas_comment'];
  const TIED = ['sipas_hour', 'sipas_slot', 'sipas_tally', 'sipas_code'];
  it('share no transaction id with the hour, the code or the device that sent them', async () => {
    const { xmins } = await import('../storage/row-versions');
    const { rewritePages } = await import('../../../server/db/rewrite');
    const ephemeral = await xmins(ctx.db, ['sipas_device_day', 'sipas_receipt', 'sipas_proof']);
    // Before: each form's rows carry the xmin of the hour count it added to.
    const hours = await xmins(ctx.db, ['sipas_hour']);
    const before = await xmins(ctx.db, FORMS);
    expect([...before].filter((x) => hours.has(x)).length).toBeGreaterThan(0);
    const done = await rewritePages(ctx.db);
    expect(done.rewritten).toBe(true);
    const after = await xmins(ctx.db, [...FORMS, ...TIED]);
    expect(after.size).toBe(1);
    expect([...after].filter((x) => ephemeral.has(x))).toEqual([]);
    expect(await ctx.db.selectFrom('sipasForm').selectAll().execute()).toHaveLength(4);
  });
});
