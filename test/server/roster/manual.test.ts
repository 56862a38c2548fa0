import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../../server/demo/demo';
import { setup, signIn } from '../helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
});

const base = `/api/campaigns/${DEMO_CAMPAIGN_ID}/respondents`;
const send = (body: unknown, method = 'POST') => ({ method, body: JSON.stringify(body) });
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

async function add(body: Record<string, unknown>) {
  const res = await officer(base, send(body));
  return {
    res,
    body: res.status === 201 ? ((await res.json()) as { respondentId: string }) : null,
  };
}

describe('adding a respondent by hand', () => {
  it('normalises like the import and creates the invitation, audited', async () => {
    const { res, body } = await add({
      name: 'TRẦN THỊ  THU',
      groupCode: 'LD_UBND_XA',
      unitCode: 'X-ANPHU',
      phone: '912.345.678',
      email: 'Thu@Example.VN',
    });
    expect(res.status).toBe(201);
    const row = await ctx.db
      .selectFrom('respondent')
      .selectAll()
      .where('id', '=', body?.respondentId ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: 'Trần Thị Thu',
      phone: '0912345678',
      email: 'thu@example.vn',
      unitCode: 'X-ANPHU',
      workplace: 'UBND xã An Phú',
    });
    const inv = await ctx.db
      .selectFrom('invitation')
      .select('status')
      .where('respondentId', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(inv.status).toBe('not_opened');
    const log = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('target', '=', row.id)
      .execute();
    expect(log.map((l) => l.action)).toEqual(['respondent_added']);
  });

  it('refuses an unknown group, a missing unit and a unit outside the campaign, in Vietnamese', async () => {
    const g = await add({ name: 'A B', groupCode: 'NOPE' });
    expect(g.res.status).toBe(422);
    expect((await errorOf(g.res)).message).toContain('Không có nhóm đối tượng');
    const u = await add({ name: 'A B', groupCode: 'LD_UBND_XA' });
    expect((await errorOf(u.res)).message).toContain('Thiếu đơn vị công tác');
    // The district is a parent, not a workplace.
    const d = await add({ name: 'A B', groupCode: 'LD_UBND_XA', unitCode: '694' });
    expect((await errorOf(d.res)).message).toContain('không phải phòng ban hay xã');
    const p = await add({ name: 'A B', groupCode: 'HDND_HUYEN', phone: '12345' });
    expect((await errorOf(p.res)).message).toContain('không hợp lệ');
  });

  it('keeps delegates without a unit', async () => {
    const { res } = await add({
      name: 'Lê Văn Đại',
      groupCode: 'HDND_HUYEN',
      workplace: 'Huyện ủy',
    });
    expect(res.status).toBe(201);
  });

  it('refuses a duplicate by phone, e-mail, or name + unit + group, naming the person', async () => {
    await add({
      name: 'Phạm Văn Một',
      groupCode: 'LD_UBND_XA',
      unitCode: 'X-ANPHU',
      phone: '0912000111',
      email: 'mot@x.vn',
    });
    const byPhone = await add({
      name: 'Người Khác',
      groupCode: 'HDND_HUYEN',
      phone: '+84 912 000 111',
    });
    expect(byPhone.res.status).toBe(409);
    const e = await errorOf(byPhone.res);
    expect(e.code).toBe('duplicate_person');
    expect(e.message).toContain('Phạm Văn Một');
    expect(e.message).toContain('cùng số điện thoại');
    const byEmail = await add({ name: 'Người Khác', groupCode: 'HDND_HUYEN', email: 'MOT@x.vn' });
    expect((await errorOf(byEmail.res)).message).toContain('cùng email');
    const byName = await add({
      name: 'phạm văn một',
      groupCode: 'LD_UBND_XA',
      unitCode: 'X-ANPHU',
    });
    expect((await errorOf(byName.res)).message).toContain('cùng họ tên');
  });

  it('is refused to an analyst', async () => {
    const analyst = await signIn(ctx, 'analyst');
    const res = await analyst(base, send({ name: 'A B', groupCode: 'HDND_HUYEN' }));
    expect(res.status).toBe(403);
    const del = await analyst(`${base}/whoever`, { method: 'DELETE' });
    expect(del.status).toBe(403);
  });
});

describe('editing and removing', () => {
  async function fresh() {
    const { body } = await add({
      name: 'Võ Văn Hai',
      groupCode: 'LD_UBND_XA',
      unitCode: 'X-ANPHU',
      phone: '0912000222',
    });
    return body?.respondentId ?? '';
  }
  const submit = (id: string) =>
    ctx.db
      .updateTable('invitation')
      .set({ status: 'submitted', submittedAt: new Date().toISOString() })
      .where('respondentId', '=', id)
      .execute();

  it('edits fields partially, keeps the link, and refuses a group change once submitted', async () => {
    const id = await fresh();
    const before = await ctx.db
      .selectFrom('invitation')
      .select('tokenNonce')
      .where('respondentId', '=', id)
      .executeTakeFirstOrThrow();
    const res = await officer(`${base}/${id}`, send({ position: 'chủ tịch' }, 'PATCH'));
    expect(res.status).toBe(200);
    const row = await ctx.db
      .selectFrom('respondent')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Võ Văn Hai', position: 'chủ tịch', phone: '0912000222' });
    const after = await ctx.db
      .selectFrom('invitation')
      .select('tokenNonce')
      .where('respondentId', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.tokenNonce).toBe(before.tokenNonce);
    await submit(id);
    const moved = await officer(`${base}/${id}`, send({ groupCode: 'HDND_HUYEN' }, 'PATCH'));
    expect(moved.status).toBe(409);
    expect((await errorOf(moved)).message).toContain('không đổi nhóm');
    const renamed = await officer(`${base}/${id}`, send({ name: 'Võ Văn Hải' }, 'PATCH'));
    expect(renamed.status).toBe(200);
  });

  it('refuses an edit that makes a duplicate', async () => {
    const id = await fresh();
    await add({ name: 'Khác', groupCode: 'HDND_HUYEN', phone: '0912000333' });
    const res = await officer(`${base}/${id}`, send({ phone: '0912000333' }, 'PATCH'));
    expect(res.status).toBe(409);
  });

  it('removes a person who has not submitted, with invitation, draft and events', async () => {
    const id = await fresh();
    const inv = await ctx.db
      .selectFrom('invitation')
      .select('id')
      .where('respondentId', '=', id)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('invitationEvent')
      .values({ invitationId: inv.id, status: 'opened', at: new Date().toISOString() })
      .execute();
    await ctx.db
      .insertInto('draft')
      .values({ invitationId: inv.id, iv: 'x', ciphertext: 'y' })
      .execute();
    const res = await officer(`${base}/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(
      await ctx.db.selectFrom('respondent').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await ctx.db
        .selectFrom('invitation')
        .select('id')
        .where('id', '=', inv.id)
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await ctx.db
        .selectFrom('draft')
        .select('invitationId')
        .where('invitationId', '=', inv.id)
        .executeTakeFirst(),
    ).toBeUndefined();
    const log = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('target', '=', id)
      .execute();
    expect(log.map((l) => l.action)).toContain('respondent_removed');
    expect((await officer(`${base}/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to remove someone who submitted: the counts stay', async () => {
    const id = await fresh();
    await submit(id);
    const res = await officer(`${base}/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toContain('đã gửi phiếu');
    expect(
      await ctx.db.selectFrom('respondent').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeDefined();
  });
});
