import { createDecipheriv, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SurveyView } from '../../contract/respondent';
import { resumeCodeOf } from '../../contract/resume-code';
import { databaseCopy, freshDb, withoutForeignKeys } from '../db';
import { fullAnswers, json, setup, signIn, submissionId, withClaim } from './helpers';

/**
 * Issue #9, point 1: the office prints a link, only the respondent answers through it. Everything
 * here goes through the public API as an officer holding the printed link, or an attacker, would.
 */

let ctx: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  ctx = await setup();
});

const SECRET_COMMENT = 'Cán bộ xã hạch sách người dân ABCXYZ';
const DRAFT = {
  answers: [{ questionnaireId: 'P01', questionId: 'q1', unitCode: '694', option: 'D' as const }],
  comments: { P01: SECRET_COMMENT },
  state: { screen: 3 },
};

const invitationOf = (token: string) =>
  ctx.db
    .selectFrom('invitation')
    .selectAll()
    .where('id', '=', ctx.links.find((l) => l.link.endsWith(`/s/${token}`))?.id ?? '')
    .executeTakeFirstOrThrow();

const rows = async () => ({
  drafts: await ctx.db.selectFrom('draft').selectAll().execute(),
  submissions: await ctx.db.selectFrom('submission').selectAll().execute(),
  answers: await ctx.db.selectFrom('answer').selectAll().execute(),
  comments: await ctx.db.selectFrom('comment').selectAll().execute(),
  events: await ctx.db.selectFrom('invitationEvent').selectAll().execute(),
});

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;

/** The person opens the link (claiming it) and saves a draft with a private comment. */
async function personStarted(token: string) {
  const first = (await (await ctx.app.request(`/api/s/${token}`)).json()) as SurveyView;
  const claim = first.claim ?? '';
  const put = await ctx.app.request(`/api/s/${token}/draft`, withClaim(claim, json(DRAFT, 'PUT')));
  expect(put.status).toBe(204);
  return claim;
}

describe('claiming a link', () => {
  it('gives a claim on the first GET only; a GET without it gets 403 claimed with nothing of the draft', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const claim = await personStarted(token);
    expect(claim).toMatch(/^[A-Za-z0-9_-]{27}$/);
    const before = await invitationOf(token);

    for (const headers of [
      {},
      { 'X-Claim': 'not-the-claim' },
      { 'X-Claim': `${claim}x` },
    ] as Record<string, string>[]) {
      const res = await ctx.app.request(`/api/s/${token}`, { headers });
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: 'claimed', message: expect.stringContaining('thiết bị khác') },
      });
      for (const secret of [SECRET_COMMENT, 'P01', 'q1', '"D"', 'draft', 'claim"', 'campaign'])
        expect(text).not.toContain(secret);
    }
    // Nothing moved: no status change, no event, the draft as it was.
    const after = await invitationOf(token);
    expect([after.status, after.openedAt, after.startedAt]).toEqual([
      before.status,
      before.openedAt,
      before.startedAt,
    ]);

    // The owner still gets the draft, and no second claim is ever handed out.
    const own = (await (
      await ctx.app.request(`/api/s/${token}`, withClaim(claim))
    ).json()) as SurveyView;
    expect(own.draft).toEqual(DRAFT);
    expect(own.claim).toBeUndefined();
  });

  it('lets an officer holding only the token neither save a draft nor submit: 403, nothing stored', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    await personStarted(token);
    const before = { rows: await rows(), invitation: await invitationOf(token) };
    const answers = await fullAnswers(ctx.db, 'HDND_HUYEN', 'D');
    const forged = [
      await ctx.app.request(`/api/s/${token}/draft`, json({ answers: [] }, 'PUT')),
      await ctx.app.request(
        `/api/s/${token}/submit`,
        json({ submissionId: submissionId(), answers }),
      ),
      await ctx.app.request(
        `/api/s/${token}/submit`,
        withClaim('AAAA-BBBB-CCCC-DDDD', json({ submissionId: submissionId(), answers })),
      ),
      // Not even a malformed body gets past the claim.
      await ctx.app.request(`/api/s/${token}/submit`, json('{not json')),
    ];
    for (const res of forged) {
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('claimed');
    }
    const after = { rows: await rows(), invitation: await invitationOf(token) };
    expect(after.rows).toEqual(before.rows);
    // Only the failure counter moved (two wrong claims: the two without one are not guesses).
    expect({ ...after.invitation, claimFailures: 0 }).toEqual({
      ...before.invitation,
      claimFailures: 0,
    });
    expect(after.invitation.claimFailures).toBe(1);
  });

  it('refuses a submit or a draft on a link never opened: the first GET must claim it', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const answers = await fullAnswers(ctx.db, 'HDND_HUYEN');
    const submit = await ctx.app.request(
      `/api/s/${token}/submit`,
      json({ submissionId: submissionId(), answers }),
    );
    const draft = await ctx.app.request(`/api/s/${token}/draft`, json({ answers: [] }, 'PUT'));
    expect([submit.status, draft.status]).toEqual([403, 403]);
    expect((await invitationOf(token)).status).toBe('not_opened');
    expect((await rows()).submissions).toHaveLength(0);
  });

  it('tells a person whose link was opened first by someone else so, and hands out one claim only', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const racing = await Promise.all([1, 2, 3].map(() => ctx.app.request(`/api/s/${token}`)));
    const bodies = (await Promise.all(racing.map((r) => r.json()))) as Partial<SurveyView>[];
    expect(racing.map((r) => r.status).sort()).toEqual([200, 403, 403]);
    expect(bodies.filter((b) => b.claim)).toHaveLength(1);
    // The person arriving after the front-runner is told plainly what happened and what to do.
    const late = await errorOf(await ctx.app.request(`/api/s/${token}`));
    expect(late.code).toBe('claimed');
    expect(late.message).toContain('có người khác mở trước');
    expect(late.message).toContain('cấp đường dẫn mới');
  });

  it('lets the owner continue with the claim or the resume code as typed (lowercase, spaces, O for 0)', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const claim = await personStarted(token);
    const code = resumeCodeOf(claim);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const typed = ` ${code.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')} `;

    const onOtherDevice = (await (
      await ctx.app.request(`/api/s/${token}`, withClaim(typed))
    ).json()) as SurveyView;
    expect(onOtherDevice.draft).toEqual(DRAFT);
    const changed = { ...DRAFT, comments: { P01: 'Đã sửa trên máy tính' } };
    expect(
      (await ctx.app.request(`/api/s/${token}/draft`, withClaim(typed, json(changed, 'PUT'))))
        .status,
    ).toBe(204);
    // Back on the phone, with the claim: the draft saved through the code.
    const back = (await (
      await ctx.app.request(`/api/s/${token}`, withClaim(claim))
    ).json()) as SurveyView;
    expect(back.draft).toEqual(changed);

    const answers = await fullAnswers(ctx.db, 'HDND_HUYEN');
    const res = await ctx.app.request(
      `/api/s/${token}/submit`,
      withClaim(code.toLowerCase(), json({ submissionId: submissionId(), answers })),
    );
    expect(res.status).toBe(201);
    expect((await rows()).drafts).toHaveLength(0);
  });

  it('gives a retried submit the same receipt only with the claim', async () => {
    const [token = ''] = ctx.tokens('CC_CQCM_HUYEN');
    const claim = (await (await ctx.app.request(`/api/s/${token}`)).json()) as SurveyView;
    const body = {
      submissionId: submissionId(),
      answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN'),
    };
    const first = await ctx.app.request(
      `/api/s/${token}/submit`,
      withClaim(claim.claim ?? '', json(body)),
    );
    expect(first.status).toBe(201);
    const { receipt } = (await first.json()) as { receipt: string };
    await ctx.db
      .updateTable('campaign')
      .set({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const retry = await ctx.app.request(
      `/api/s/${token}/submit`,
      withClaim(claim.claim ?? '', json(body)),
    );
    expect([retry.status, ((await retry.json()) as { receipt: string }).receipt]).toEqual([
      200,
      receipt,
    ]);
    const code = resumeCodeOf(claim.claim ?? '');
    const byCode = await ctx.app.request(`/api/s/${token}/submit`, withClaim(code, json(body)));
    expect(byCode.status).toBe(200);

    const stranger = await ctx.app.request(`/api/s/${token}/submit`, json(body));
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).not.toContain(receipt);
    // The receipt is shown to the owner, not to whoever holds the printed link.
    const view = await ctx.app.request(`/api/s/${token}`);
    expect(view.status).toBe(403);
    expect(await view.text()).not.toContain(receipt);
    const own = (await (
      await ctx.app.request(`/api/s/${token}`, withClaim(claim.claim ?? ''))
    ).json()) as SurveyView;
    expect([own.status, own.receipt]).toEqual(['submitted', receipt]);
  });
});

describe('the sealed draft', () => {
  it('cannot be opened from a copy of the database plus the token', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    await personStarted(token);
    const dir = mkdtempSync(join(tmpdir(), 'claim-dump-'));
    try {
      const dump = await databaseCopy(ctx.db, dir);
      for (const secret of [SECRET_COMMENT, 'hạch sách', 'ABCXYZ', '"screen"'])
        expect(dump.includes(Buffer.from(secret))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const sealed = await ctx.db
      .selectFrom('draft')
      .select(['iv', 'ciphertext'])
      .executeTakeFirstOrThrow();
    const inv = await invitationOf(token);
    // Whatever the office could make of the token and the row: the old token-only key, the token
    // itself, the stored hashes as keys. None authenticates.
    const candidates = [
      createHmac('sha256', token).update('draft-key').digest(),
      createHmac('sha256', token).update('').digest(),
      createHmac('sha256', token)
        .update(inv.claimHash ?? '')
        .digest(),
      createHmac('sha256', token)
        .update(inv.resumeHash ?? '')
        .digest(),
    ];
    for (const key of candidates) {
      const body = Buffer.from(sealed.ciphertext, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      expect(() =>
        Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]),
      ).toThrow();
    }
  });
});

describe('guessing a claim', () => {
  it('is slowed, then refused, per link whatever the address; the device holding the claim goes on', async () => {
    const [token = '', other = ''] = ctx.tokens('HDND_HUYEN');
    const claim = await personStarted(token);
    const otherClaim = await personStarted(other);
    const code = resumeCodeOf(claim);
    // Ten wrong codes from ten addresses: the link counts them all.
    for (let i = 0; i < 10; i++) {
      const res = await ctx.app.request(`/api/s/${token}`, {
        headers: { 'X-Claim': `ZZZZ-ZZZZ-ZZZZ-ZZ${i}0`, 'X-Forwarded-For': `10.0.0.${i}` },
      });
      expect(res.status).toBe(403);
    }
    expect((await invitationOf(token)).claimFailures).toBe(10);
    // Still free: the right code works.
    expect((await ctx.app.request(`/api/s/${token}`, withClaim(code))).status).toBe(200);
    // One more wrong one locks typed codes on this link, even the right one, for a while.
    await ctx.app.request(`/api/s/${token}`, withClaim('ZZZZ-ZZZZ-ZZZZ-ZZZZ'));
    const locked = await ctx.app.request(`/api/s/${token}`, {
      headers: { 'X-Claim': code, 'X-Forwarded-For': '192.0.2.1' },
    });
    expect(locked.status).toBe(403);
    const error = await errorOf(locked);
    expect(error.code).toBe('claimed');
    expect(error.message).toContain('thử lại sau');
    expect(error.details).toEqual({ retryAfter: expect.any(Number) });
    // The phone that opened the link is not locked out by someone guessing.
    const own = await ctx.app.request(
      `/api/s/${token}/draft`,
      withClaim(claim, json(DRAFT, 'PUT')),
    );
    expect(own.status).toBe(204);
    // Another link is untouched.
    expect(
      (await ctx.app.request(`/api/s/${other}`, withClaim(resumeCodeOf(otherClaim)))).status,
    ).toBe(200);
    expect((await invitationOf(other)).claimFailures).toBe(0);
    // Each wrong guess past the free ones doubles the wait.
    const id = (await invitationOf(token)).id;
    const wait = async () => {
      const inv = await invitationOf(token);
      return Date.parse(inv.claimLockedUntil ?? '') - Date.now();
    };
    await ctx.db
      .updateTable('invitation')
      .set({ claimLockedUntil: null })
      .where('id', '=', id)
      .execute();
    await ctx.app.request(`/api/s/${token}`, withClaim('ZZZZ-ZZZZ-ZZZZ-ZZZY'));
    const w12 = await wait();
    await ctx.db
      .updateTable('invitation')
      .set({ claimLockedUntil: null })
      .where('id', '=', id)
      .execute();
    await ctx.app.request(`/api/s/${token}`, withClaim('ZZZZ-ZZZZ-ZZZZ-ZZZX'));
    const w13 = await wait();
    expect(w12).toBeGreaterThan(3000);
    expect(w13).toBeGreaterThan(w12 + 3000);
    // Once the wait is over, the right code works again.
    await ctx.db
      .updateTable('invitation')
      .set({ claimLockedUntil: null })
      .where('id', '=', id)
      .execute();
    expect((await ctx.app.request(`/api/s/${token}`, withClaim(code))).status).toBe(200);
  });
});

describe('reissuing a claimed link', () => {
  it('gives a fresh, unclaimed link, drops the draft no one could open, and is audited', async () => {
    const [token = ''] = ctx.tokens('HDND_HUYEN');
    const link = ctx.links.find((l) => l.link.endsWith(`/s/${token}`));
    // A front-runner opened the link before the person.
    const claim = await personStarted(token);
    const officer = await signIn(ctx, 'officer');
    const res = await officer(`/api/campaigns/demo-2023/invitations/${link?.id}/reissue`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as { link: string; status: string };
    const newToken = fresh.link.split('/s/')[1] ?? '';
    expect(newToken).not.toBe(token);
    expect(fresh.status).toBe('in_progress');

    const row = await ctx.db
      .selectFrom('invitation')
      .selectAll()
      .where('id', '=', link?.id ?? '')
      .executeTakeFirstOrThrow();
    expect([row.claimHash, row.resumeHash, row.claimFailures]).toEqual([null, null, 0]);
    expect((await rows()).drafts).toHaveLength(0);
    // The old link is dead, claim or not.
    expect((await ctx.app.request(`/api/s/${token}`, withClaim(claim))).status).toBe(404);
    // The person opens the new link first: it is theirs, with a claim of its own and no draft.
    const view = (await (await ctx.app.request(`/api/s/${newToken}`)).json()) as SurveyView;
    expect(view.claim).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(view.claim).not.toBe(claim);
    expect(view.draft).toBeNull();
    // The front-runner's claim is worth nothing on it.
    const late = await ctx.app.request(`/api/s/${newToken}`, withClaim(claim));
    expect((await errorOf(late)).code).toBe('claimed');

    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'invitation_reissue')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target).toBe(link?.id);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ wasClaimed: true });
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(claim);
  });
});

describe('a paper stub on a link never opened', () => {
  it('marks it used as before: the link shows it submitted, hands out no claim, takes no answers', async () => {
    const [token = ''] = ctx.tokens('CC_CQCM_HUYEN');
    const id = ctx.links.find((l) => l.link.endsWith(`/s/${token}`))?.id ?? '';
    const officer = await signIn(ctx, 'officer');
    const row = (
      (await (await officer(`/api/campaigns/demo-2023/invitations?ids=${id}`)).json()) as {
        items: { shortCode: string }[];
      }
    ).items;
    const stub = await officer('/api/campaigns/demo-2023/paper/stubs', {
      method: 'POST',
      body: JSON.stringify({ code: row[0]?.shortCode }),
    });
    expect(stub.status).toBe(200);
    const view = (await (await ctx.app.request(`/api/s/${token}`)).json()) as SurveyView;
    expect(view.status).toBe('submitted');
    expect(view.claim).toBeUndefined();
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const submit = await ctx.app.request(
      `/api/s/${token}/submit`,
      json({ submissionId: submissionId(), answers }),
    );
    expect(submit.status).toBe(403);
    expect((await invitationOf(token)).claimHash).toBeNull();
  });
});

describe('migration 0009-claim', () => {
  it('deletes the drafts sealed under the token alone, so no one claiming first can read them', async () => {
    const { Migrator } = await import('kysely');
    const db = await freshDb({ migrated: false });
    const modules = {
      '0001-initial': await import('../../server/db/migrations/0001-initial'),
      '0002-accounts': await import('../../server/db/migrations/0002-accounts'),
      '0003-reminders': await import('../../server/db/migrations/0003-reminders'),
      '0004-paper': await import('../../server/db/migrations/0004-paper'),
      '0005-scoring-runs': await import('../../server/db/migrations/0005-scoring-runs'),
      '0006-personal-data': await import('../../server/db/migrations/0006-personal-data'),
      '0007-self-assessment': await import('../../server/db/migrations/0007-self-assessment'),
      '0008-run-withheld': await import('../../server/db/migrations/0008-run-withheld'),
      '0009-claim': await import('../../server/db/migrations/0009-claim'),
    };
    const migrator = new Migrator({ db, provider: { getMigrations: async () => modules } });
    try {
      expect((await migrator.migrateTo('0008-run-withheld')).error).toBeUndefined();
      await withoutForeignKeys(db, async (trx) => {
        await sql`INSERT INTO draft (invitation_id, iv, ciphertext) VALUES ('inv-1', 'iv', 'sealed-under-token')`.execute(
          trx,
        );
      });
      expect((await migrator.migrateTo('0009-claim')).error).toBeUndefined();
      expect(await db.selectFrom('draft').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
