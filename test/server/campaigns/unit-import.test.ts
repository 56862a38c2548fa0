import { beforeEach, describe, expect, it } from 'vitest';
import { builtInUnitSet } from '../../../questionnaires';
import { DEMO_CAMPAIGN_ID } from '../../../server/demo/demo';
import { setup, signIn } from '../helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let campaignId = '';
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  const res = await officer('/api/campaigns', {
    method: 'POST',
    body: JSON.stringify({
      name: 'Khảo sát 2024',
      opensAt: '2030-11-01T08:00:00+07:00',
      closesAt: '2030-12-15T17:00:00+07:00',
      contactName: null,
      contactPhone: null,
    }),
  });
  campaignId = ((await res.json()) as { id: string }).id;
});

const units = builtInUnitSet().units;
function csv(rows: { code: string; name: string; kind: string; parentCode: string | null }[]) {
  const lines = ['Mã,Tên đơn vị,Loại,Đơn vị cấp trên'];
  for (const u of rows) lines.push([u.code, u.name, u.kind, u.parentCode ?? ''].join(','));
  return lines.join('\n');
}
function upload(id: string, text: string) {
  const form = new FormData();
  form.set('file', new File([text], 'don-vi.csv', { type: 'text/csv' }));
  return officer(`/api/campaigns/${id}/units`, { method: 'POST', body: form });
}
const unitSetOf = async (id: string) =>
  (
    await ctx.db
      .selectFrom('campaign')
      .select('unitSetId')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).unitSetId;

describe('importing units', () => {
  it('makes a new unit set after a merger and points the campaign at it', async () => {
    const before = await unitSetOf(campaignId);
    const merged = [
      ...units.filter((u) => u.code !== 'X-ANPHU' && u.code !== 'X-MINHTAM'),
      { code: 'X-ANMINH', name: 'UBND xã An Minh', kind: 'xa', parentCode: '694' },
    ];
    const res = await upload(campaignId, csv(merged));
    expect(res.status).toBe(200);
    const after = await unitSetOf(campaignId);
    expect(after).not.toBe(before);
    const stored = await ctx.db
      .selectFrom('unit')
      .select('code')
      .where('unitSetId', '=', after)
      .execute();
    expect(stored.map((u) => u.code)).toContain('X-ANMINH');
    expect(stored.map((u) => u.code)).not.toContain('X-ANPHU');
    // The old set is untouched (other campaigns keep it).
    const old = await ctx.db
      .selectFrom('unit')
      .select('code')
      .where('unitSetId', '=', before)
      .execute();
    expect(old.map((u) => u.code)).toContain('X-ANPHU');
  });

  it('keeps official codes and former districts, and the kinds of 2025 (phường, đặc khu)', async () => {
    const text = [
      'Mã,Tên đơn vị,Loại,Đơn vị cấp trên,Mã ĐVHC,Huyện cũ',
      '694,UBND huyện Hớn Quản,huyen,,694,',
      'X-TANHUNG,UBND xã Tân Hưng,xã,694,25345,Huyện Hớn Quản (cũ)',
      'P-BINHLONG,UBND phường Bình Long,Phường,694,25321,',
      'DK-CONDAO,Đặc khu Côn Đảo,đặc khu,694,26737,',
      ...units.filter((u) => u.kind === 'co_quan').map((u) => `${u.code},${u.name},co_quan,694,,`),
    ].join('\n');
    const res = await upload(campaignId, text);
    expect(res.status).toBe(200);
    const stored = await ctx.db
      .selectFrom('unit')
      .select(['code', 'kind', 'officialCode', 'area'])
      .where('unitSetId', '=', await unitSetOf(campaignId))
      .where('kind', '!=', 'co_quan')
      .orderBy('position')
      .execute();
    expect(stored).toEqual([
      { code: '694', kind: 'huyen', officialCode: '694', area: null },
      { code: 'X-TANHUNG', kind: 'xa', officialCode: '25345', area: 'Huyện Hớn Quản (cũ)' },
      { code: 'P-BINHLONG', kind: 'phuong', officialCode: '25321', area: null },
      { code: 'DK-CONDAO', kind: 'dac_khu', officialCode: '26737', area: null },
    ]);
    const bad = await upload(campaignId, text.replace('25345', '25-345'));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain(
      'Mã đơn vị hành chính \\"25-345\\" không hợp lệ',
    );
  });

  it('lists problems by row number and changes nothing', async () => {
    const before = await unitSetOf(campaignId);
    const bad = [
      ...units,
      { code: 'X-ANPHU', name: 'Trùng', kind: 'xa', parentCode: '694' },
      { code: 'X-MOI', name: 'Xã Mới', kind: 'lang', parentCode: 'KHONG-CO' },
    ];
    const res = await upload(campaignId, csv(bad));
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: { message: string; details: { row: number; message: string }[] };
    };
    expect(error.message).toContain('không có gì được thay đổi');
    const rows = error.details.map((d) => d.row);
    expect(rows).toContain(units.length + 2);
    expect(error.details.some((d) => d.message.includes('Trùng mã'))).toBe(true);
    expect(error.details.some((d) => d.message.includes('cấp trên'))).toBe(true);
    expect(await unitSetOf(campaignId)).toBe(before);
  });

  it('refuses once open, and when respondents would lose their unit', async () => {
    const open = await upload(DEMO_CAMPAIGN_ID, csv(units));
    expect(open.status).toBe(409);
    const add = await officer(`/api/campaigns/${campaignId}/respondents`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Ngô Văn Ba', groupCode: 'LD_UBND_XA', unitCode: 'X-ANPHU' }),
    });
    expect(add.status).toBe(201);
    const res = await upload(campaignId, csv(units.filter((u) => u.code !== 'X-ANPHU')));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'X-ANPHU',
    );
  });

  it('is refused to an analyst', async () => {
    const analyst = await signIn(ctx, 'analyst');
    const form = new FormData();
    form.set('file', new File([csv(units)], 'u.csv'));
    expect(
      (await analyst(`/api/campaigns/${campaignId}/units`, { method: 'POST', body: form })).status,
    ).toBe(403);
  });
});
