import { beforeEach, describe, expect, it } from 'vitest';
import { actionName } from '../../../contract/console/audit-words';
import type { Campaign, CampaignDetail } from '../../../contract/console/campaigns';
import { createRun, lockRun } from '../../../server/results/service';
import { setup, signIn } from '../helpers';
import { CAMPAIGN, closeCampaign, submitForms } from '../results/helpers';

/**
 * A campaign's life (issue #13.14): a start time already past asks first; reopening keeps the
 * first opening and the end it replaced; a draft or a test campaign can be deleted with all its
 * rows; a closed one archived.
 */
let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let admin: Awaited<ReturnType<typeof signIn>>;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  admin = await signIn(ctx, 'admin');
});

const send = (who: typeof officer, path: string, method: string, body?: unknown) =>
  who(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const detail = async (id: string) =>
  (await (await officer(`/api/campaigns/${id}`)).json()) as CampaignDetail;
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;
const hour = 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('a start time already past', () => {
  it('is refused until confirmed, on creating and on changing the start: nothing is written', async () => {
    const past = at(-hour);
    const refused = await send(officer, '/api/campaigns', 'POST', {
      name: 'Khảo sát 2024',
      opensAt: past,
    });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('opens_in_past');
    expect(error.message).toMatch(
      /^Thời điểm bắt đầu \(\d\d giờ \d\d ngày \d\d\/\d\d\/\d{4}\) đã qua/,
    );
    expect(error.message).toContain('bộ câu hỏi');
    expect(await ctx.db.selectFrom('campaign').select('id').execute()).toHaveLength(1);

    const confirmed = await send(officer, '/api/campaigns', 'POST', {
      name: 'Khảo sát 2024',
      opensAt: past,
      openNow: true,
    });
    expect(confirmed.status).toBe(201);
    expect(((await confirmed.json()) as Campaign).phase).toBe('open');

    const later = (await (
      await send(officer, '/api/campaigns', 'POST', { name: 'Khảo sát 2025', opensAt: at(hour) })
    ).json()) as Campaign;
    expect(later.phase).toBe('not_open');
    const path = `/api/campaigns/${later.id}`;
    const moved = await send(officer, path, 'PATCH', { opensAt: past });
    expect(moved.status).toBe(409);
    expect((await errorOf(moved)).code).toBe('opens_in_past');
    expect((await detail(later.id)).opensAt).toBe(later.opensAt);
    // Another change, the start left as it is: no question asked.
    expect((await send(officer, path, 'PATCH', { name: 'Khảo sát năm 2025' })).status).toBe(200);
    const opened = await send(officer, path, 'PATCH', { opensAt: past, openNow: true });
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as Campaign).phase).toBe('open');
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'campaign_edited')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details ?? '{}').openNow ?? false)).toEqual([false, true]);
  });
});

describe('reopening', () => {
  it('keeps the first opening time and the end it replaced, as a history of openings', async () => {
    const c = (await (
      await send(officer, '/api/campaigns', 'POST', { name: 'Khảo sát 2024', opensAt: at(hour) })
    ).json()) as Campaign;
    const path = `/api/campaigns/${c.id}`;
    const first = (await (await send(officer, `${path}/open`, 'POST')).json()) as Campaign;
    const closed = (await (await send(officer, `${path}/close`, 'POST')).json()) as Campaign;
    const reopened = (await (await send(officer, `${path}/open`, 'POST')).json()) as Campaign;
    expect(reopened.phase).toBe('open');
    expect(reopened.opensAt).toBe(first.opensAt);
    expect((await detail(c.id)).openings).toEqual([
      { openedAt: first.opensAt, closedAt: closed.closesAt },
      { openedAt: expect.any(String), closedAt: null },
    ]);
    const again = (await (await send(officer, `${path}/close`, 'POST')).json()) as Campaign;
    const openings = (await detail(c.id)).openings ?? [];
    expect(openings).toHaveLength(2);
    expect(openings[1]?.closedAt).toBe(again.closesAt);
    expect((openings[1]?.openedAt ?? '') >= (closed.closesAt ?? '')).toBe(true);
  });
});

describe('reopening with a new end (qa8)', () => {
  it('sets the end in the same step, audited; one already past changes nothing', async () => {
    const c = (await (
      await send(officer, '/api/campaigns', 'POST', { name: 'Khảo sát 2024', opensAt: at(hour) })
    ).json()) as Campaign;
    const path = `/api/campaigns/${c.id}`;
    await send(officer, `${path}/open`, 'POST');
    const closed = (await (await send(officer, `${path}/close`, 'POST')).json()) as Campaign;

    const past = await send(officer, `${path}/open`, 'POST', { closesAt: at(-hour) });
    expect(past.status).toBe(422);
    expect(await errorOf(past)).toEqual({
      code: 'invalid_dates',
      message: 'Thời điểm kết thúc phải sau lúc mở: hãy chọn một thời điểm sắp tới.',
    });
    expect(await detail(c.id)).toMatchObject({ phase: 'closed', closesAt: closed.closesAt });
    const wrong = await send(officer, `${path}/open`, 'POST', { closesAt: 'thứ Sáu' });
    expect(wrong.status).toBe(400);
    expect((await detail(c.id)).phase).toBe('closed');

    const end = '2099-01-15T10:00:00.000Z';
    const reopened = await send(officer, `${path}/open`, 'POST', {
      closesAt: '2099-01-15T17:00:00+07:00',
    });
    expect(reopened.status).toBe(200);
    expect(await reopened.json()).toMatchObject({ phase: 'open', closesAt: end });
    expect((await detail(c.id)).openings).toEqual([
      { openedAt: expect.any(String), closedAt: closed.closesAt },
      { openedAt: expect.any(String), closedAt: end },
    ]);
    // The log says a reopening is one, with its end (qa9: it read «Mở đợt khảo sát»).
    const audited = await ctx.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('action', 'in', ['campaign_open', 'campaign_reopen'])
      .orderBy('id')
      .execute();
    expect(audited).toEqual([
      { action: 'campaign_open', details: null },
      { action: 'campaign_reopen', details: JSON.stringify({ closesAt: end }) },
    ]);
    const log = (await (await admin('/api/audit')).json()) as { action: string }[];
    expect(log.some((r) => r.action === 'campaign_reopen')).toBe(true);
    expect(actionName('campaign_reopen', null)).toBe('Mở lại đợt khảo sát');
  });
});

describe('deleting a campaign', () => {
  const rowsOf = async (id: string) => {
    const n = async (table: 'respondent' | 'invitation' | 'submission' | 'answer' | 'formTally') =>
      (await ctx.db.selectFrom(table).select('campaignId').where('campaignId', '=', id).execute())
        .length;
    return {
      campaign: (await ctx.db.selectFrom('campaign').select('id').where('id', '=', id).execute())
        .length,
      respondent: await n('respondent'),
      invitation: await n('invitation'),
      submission: await n('submission'),
      answer: await n('answer'),
      formTally: await n('formTally'),
      events: (await ctx.db.selectFrom('invitationEvent').select('id').execute()).length,
    };
  };

  it('a draft, by an officer', async () => {
    const c = (await (
      await send(officer, '/api/campaigns', 'POST', { name: 'Nháp', opensAt: at(hour) })
    ).json()) as Campaign;
    const res = await send(officer, `/api/campaigns/${c.id}`, 'DELETE');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: c.id, forms: 0, people: 0 });
    expect((await send(officer, `/api/campaigns/${c.id}`, 'GET')).status).toBe(404);
  });

  it('a test campaign, closed, by an admin only: every row goes, in one go, audited', async () => {
    await submitForms(ctx, 'HDND_HUYEN', 'A', 2);
    const open = await send(admin, `/api/campaigns/${CAMPAIGN}`, 'DELETE');
    expect(open.status).toBe(409);
    expect((await errorOf(open)).code).toBe('not_deletable');
    await closeCampaign(ctx);
    const before = await rowsOf(CAMPAIGN);
    expect(before.submission).toBe(2);
    expect(before.events).toBeGreaterThan(0);
    expect((await send(officer, `/api/campaigns/${CAMPAIGN}`, 'DELETE')).status).toBe(403);
    expect(await rowsOf(CAMPAIGN)).toEqual(before);

    const res = await send(admin, `/api/campaigns/${CAMPAIGN}`, 'DELETE');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: CAMPAIGN, forms: 2, people: before.respondent });
    expect(await rowsOf(CAMPAIGN)).toEqual({
      campaign: 0,
      respondent: 0,
      invitation: 0,
      submission: 0,
      answer: 0,
      formTally: 0,
      events: 0,
    });
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select(['campaignId', 'details'])
      .where('action', '=', 'campaign_deleted')
      .executeTakeFirstOrThrow();
    expect(audit.campaignId).toBe(CAMPAIGN);
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ forms: 2 });
  });

  it('never one whose results were locked for publication: archive it instead', async () => {
    await submitForms(ctx, 'HDND_HUYEN', 'A', 1);
    await closeCampaign(ctx);
    const run = await createRun(ctx.db, CAMPAIGN);
    await lockRun(ctx.db, CAMPAIGN, run.id, null);
    const before = await rowsOf(CAMPAIGN);
    const res = await send(admin, `/api/campaigns/${CAMPAIGN}`, 'DELETE');
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('not_deletable');
    expect(error.message).toContain('lưu trữ');
    expect(await rowsOf(CAMPAIGN)).toEqual(before);
  });
});

describe('archiving', () => {
  it('hides a closed campaign from the default list; a filter shows it; it comes back', async () => {
    const list = async (query = '') =>
      ((await (await officer(`/api/campaigns${query}`)).json()) as Campaign[]).map((c) => [
        c.id,
        c.archivedAt !== null,
      ]);
    const early = await send(officer, `/api/campaigns/${CAMPAIGN}/archive`, 'POST');
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('campaign_open');
    await closeCampaign(ctx);
    const archived = await send(officer, `/api/campaigns/${CAMPAIGN}/archive`, 'POST');
    expect(archived.status).toBe(200);
    expect(((await archived.json()) as Campaign).archivedAt).not.toBeNull();
    expect(await list()).toEqual([]);
    expect(await list('?archived=1')).toEqual([[CAMPAIGN, true]]);
    // Still there for its results and its page.
    expect((await detail(CAMPAIGN)).archivedAt).not.toBeNull();
    expect((await send(officer, `/api/campaigns/${CAMPAIGN}/unarchive`, 'POST')).status).toBe(200);
    expect(await list()).toEqual([[CAMPAIGN, false]]);
    const actions = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'campaign_%archived')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['campaign_archived', 'campaign_unarchived']);
  });
});
