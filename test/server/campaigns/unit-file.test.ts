import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDetail } from '../../../contract/console/campaigns';
import { setup, signIn } from '../helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let id = '';
beforeAll(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  const res = await officer('/api/campaigns', {
    method: 'POST',
    body: JSON.stringify({ name: 'Đồng Nai 2026', template: 'province_2026', provinceCode: '75' }),
  });
  id = ((await res.json()) as { id: string }).id;
});

const units = async () =>
  ((await (await officer(`/api/campaigns/${id}`)).json()) as CampaignDetail).units ?? [];
const upload = (text: string) => {
  const form = new FormData();
  form.set('file', new File([text], 'don-vi.csv', { type: 'text/csv' }));
  return officer(`/api/campaigns/${id}/units`, { method: 'POST', body: form });
};

describe("a campaign's unit file (GET /api/campaigns/:id/units.csv)", () => {
  it('has the import columns, Vietnamese kinds and the official codes', async () => {
    const res = await officer(`/api/campaigns/${id}/units.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`don-vi-${id}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, for Excel
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('Mã,Tên đơn vị,Loại,Đơn vị cấp trên,Mã ĐVHC,Huyện cũ');
    expect(lines[1]).toBe('75,Tỉnh Đồng Nai,tỉnh,,75,');
    expect(lines).toContain('SNV,Sở Nội vụ,cơ quan,75,,');
    expect(
      lines.filter((l) => /^\d{5},(Xã|Phường) [^,]+,(xã|phường),75,\d{5},/.test(l)),
    ).toHaveLength(95);
  });

  it('imported back with a department added and one removed, keeps every commune and its code', async () => {
    const before = await units();
    const text = await (await officer(`/api/campaigns/${id}/units.csv`)).text();
    const edited = `${text
      .split('\r\n')
      .filter((l) => !l.startsWith('KBNN,'))
      .join('\r\n')
      .trimEnd()}\r\nSDL,Sở Du lịch,cơ quan,75,,\r\n`;
    const res = await upload(edited);
    expect(res.status).toBe(200);
    const after = await units();
    expect(after.map((u) => u.code)).toEqual([
      ...before.map((u) => u.code).filter((c) => c !== 'KBNN'),
      'SDL',
    ]);
    expect(after.find((u) => u.code === 'SDL')).toMatchObject({
      kind: 'co_quan',
      parentCode: '75',
    });
    const communes = (list: typeof before) =>
      list.filter((u) => u.kind === 'xa' || u.kind === 'phuong');
    expect(communes(after)).toEqual(communes(before));
  });

  it('is for staff only', async () => {
    const analyst = await signIn(ctx, 'analyst');
    expect((await analyst(`/api/campaigns/${id}/units.csv`)).status).toBe(403);
  });
});
