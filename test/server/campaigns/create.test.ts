import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDetail, ProvinceInfo } from '../../../contract/console/campaigns';
import { builtInUnitSet } from '../../../questionnaires';
import { DEFAULT_DEPARTMENTS } from '../../../questionnaires/official';
import { setup, signIn } from '../helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
});

const create = (body: unknown) =>
  officer('/api/campaigns', { method: 'POST', body: JSON.stringify(body) });
const detail = async (id: string) =>
  (await (await officer(`/api/campaigns/${id}`)).json()) as CampaignDetail;
/** Every row a failed creation could have left behind. */
const rows = async () => ({
  campaigns: (await ctx.db.selectFrom('campaign').select('id').execute()).length,
  definitions: (await ctx.db.selectFrom('definition').select('id').execute()).length,
  unitSets: (await ctx.db.selectFrom('unitSet').select('id').execute()).length,
  audit: (
    await ctx.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'campaign_created')
      .execute()
  ).length,
});

describe('creating a province campaign (template province_2026)', () => {
  it('gets the province definition, its departments and its 95 communes with official codes', async () => {
    const res = await create({
      name: 'Khảo sát CCHC năm 2026 — Đồng Nai',
      template: 'province_2026',
      provinceCode: '75',
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const c = await detail(id);
    expect(c.definition?.code).toBe('tinh-2026');
    expect(c.groups?.length).toBe(5);
    const units = c.units ?? [];
    const kinds = (k: string) => units.filter((u) => u.kind === k);
    expect(kinds('xa')).toHaveLength(72);
    expect(kinds('phuong')).toHaveLength(23);
    expect(kinds('co_quan').map((u) => u.code)).toEqual(DEFAULT_DEPARTMENTS.map((d) => d.code));
    expect(units).toHaveLength(1 + DEFAULT_DEPARTMENTS.length + 95);
    const province = units.find((u) => u.kind === 'tinh');
    expect(province).toMatchObject({ code: '75', name: 'Tỉnh Đồng Nai', officialCode: '75' });
    // Every commune keeps its official code (5 digits), under the province.
    for (const u of [...kinds('xa'), ...kinds('phuong')]) {
      expect(u.officialCode).toMatch(/^\d{5}$/);
      expect(u.parentCode).toBe('75');
    }
    expect(units.filter((u) => u.area !== null).length).toBeGreaterThan(90);
  });

  it('a copy of a province campaign keeps its units and codes', async () => {
    const first = await create({
      name: 'Cần Thơ 2026',
      template: 'province_2026',
      provinceCode: '92',
    });
    const { id } = (await first.json()) as { id: string };
    const copy = await create({ name: 'Cần Thơ 2027', copyOf: id });
    expect(copy.status).toBe(201);
    const [a, b] = [await detail(id), await detail(((await copy.json()) as { id: string }).id)];
    expect(b.units).toEqual(a.units);
    expect(b.definition).toEqual(a.definition);
  });

  it.each([
    ['an unknown code', { provinceCode: '70' }, 'Không có tỉnh, thành phố mã "70"'],
    ['no code', {}, 'Hãy chọn tỉnh, thành phố'],
  ])('%s → 422 unknown_province, nothing written', async (_case, extra, message) => {
    const before = await rows();
    const res = await create({ name: 'Đợt lỗi', template: 'province_2026', ...extra });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('unknown_province');
    expect(error.message).toContain(message);
    expect(await rows()).toEqual(before);
  });

  it.each([
    [
      'a province code with the district template',
      { template: 'district_2023', provinceCode: '75' },
    ],
    [
      'a template with copyOf',
      { template: 'province_2026', provinceCode: '75', copyOf: 'demo-2023' },
    ],
    ['an unknown template', { template: 'xa_2030' }],
  ])('%s → 400 invalid_request, nothing written', async (_case, extra) => {
    const before = await rows();
    const res = await create({ name: 'Đợt lỗi', ...extra });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(await rows()).toEqual(before);
  });
});

describe('the default stays the Hớn Quản 2023 district template', () => {
  it.each([
    ['no template', {}],
    ['template district_2023', { template: 'district_2023' }],
  ])('%s', async (_case, extra) => {
    const res = await create({ name: 'Khảo sát 2024', ...extra });
    expect(res.status).toBe(201);
    const c = await detail(((await res.json()) as { id: string }).id);
    expect(c.definition?.code).toBe('hon-quan-2023');
    expect(c.units).toEqual(builtInUnitSet().units);
  });
});

describe('GET /api/provinces', () => {
  it('lists the 34 provinces with their communes by kind', async () => {
    const res = await officer('/api/provinces');
    expect(res.status).toBe(200);
    const list = (await res.json()) as ProvinceInfo[];
    expect(list).toHaveLength(34);
    expect(list.find((p) => p.code === '75')).toEqual({
      code: '75',
      name: 'Tỉnh Đồng Nai',
      communes: { total: 95, xa: 72, phuong: 23, dac_khu: 0 },
    });
    expect(list.reduce((n, p) => n + p.communes.total, 0)).toBe(3321);
    expect(list.reduce((n, p) => n + p.communes.dac_khu, 0)).toBeGreaterThan(0);
    for (const p of list) {
      expect(p.communes.total).toBe(p.communes.xa + p.communes.phuong + p.communes.dac_khu);
    }
  });
});
