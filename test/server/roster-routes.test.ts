import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { setup, signIn } from './helpers';

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../fixtures/respondents-sample.csv'));

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let campaignId: string;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  const res = await officer('/api/campaigns', {
    method: 'POST',
    body: JSON.stringify({ name: 'Khảo sát 2024', contactName: null, contactPhone: null }),
  });
  campaignId = ((await res.json()) as { id: string }).id;
});

/** multipart/form-data, as the console's file picker sends it (no JSON content type). */
function upload(
  action: 'preview' | 'import',
  fields: Record<string, string> = {},
  file = SAMPLE,
  name = 'danh-sach.csv',
) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return officer(`/api/campaigns/${campaignId}/roster/${action}`, { method: 'POST', body: form });
}

interface Result {
  committed: boolean;
  summary: { total: number; new: number; invalid: number };
  problems: { row: number; code: string; message: string }[];
}

describe('roster import from the console', () => {
  it('previews the sample roster with every problem by row number, writing nothing', async () => {
    const res = await upload('preview');
    expect(res.status).toBe(200);
    const r = (await res.json()) as Result;
    expect(r.summary).toMatchObject({ total: 159, new: 156, invalid: 3 });
    expect(r.committed).toBe(false);
    expect(
      r.problems
        .filter((p) => ['duplicate_in_file', 'unknown_unit', 'missing_group'].includes(p.code))
        .map((p) => p.row),
    ).toEqual([158, 159, 160]);
    expect(r.problems.find((p) => p.row === 159)?.message).toContain('Phòng Ngoại vụ');
    const n = await ctx.db
      .selectFrom('respondent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('imports nothing while a row is invalid, then the valid rows when the officer chooses so', async () => {
    const refused = (await (await upload('import')).json()) as Result;
    expect(refused.committed).toBe(false);
    const done = (await (await upload('import', { skipInvalid: 'true' })).json()) as Result;
    expect(done.committed).toBe(true);
    const links = await officer(`/api/campaigns/${campaignId}/invitations`);
    expect(((await links.json()) as { total: number }).total).toBe(156);
    const actions = await ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('campaignId', '=', campaignId)
      .execute();
    expect(actions.map((a) => a.action)).toContain('roster.import');
  });

  it('refuses binary garbage with a Vietnamese message and a stable code', async () => {
    const res = await upload(
      'preview',
      {},
      Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 9, 8, 7]),
      'rac.xlsx',
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toMatch(/^roster_/);
    expect(error.message).toMatch(/[ăâđêôơư]/);
  });

  it('is for staff only', async () => {
    const analyst = await signIn(ctx, 'analyst');
    const form = new FormData();
    form.set('file', new File([new Uint8Array(SAMPLE)], 'x.csv'));
    const res = await analyst(`/api/campaigns/${campaignId}/roster/preview`, {
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(403);
  });
});

describe('upload size', () => {
  it('takes a roster far larger than other API bodies, which stay limited', async () => {
    const rows = Array.from(
      { length: 4000 },
      (_, i) =>
        `${i + 1},Nguyễn Văn Thử ${i},Chuyên viên,Phòng Nội vụ,Công chức phòng chuyên môn,09${String(10000000 + i)},,`,
    );
    const big = Buffer.from(
      `STT,Họ và tên,Chức vụ,Đơn vị công tác,Nhóm đối tượng,Số điện thoại,Email,Ghi chú\n${rows.join('\n')}\n`,
    );
    expect(big.length).toBeGreaterThan(300 * 1024);
    const res = await upload('preview', {}, big, 'lon.csv');
    expect(res.status).toBe(200);
    expect(((await res.json()) as Result).summary.total).toBe(4000);
    const other = await officer('/api/campaigns', {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
    });
    expect(other.status).toBe(413);
  });
});
