import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDetail } from '../../../contract/console/campaigns';
import { builtInSipasDefinition, loadSipasDefinition } from '../../../questionnaires';
import { setup, signIn } from '../helpers';

// Issue #14: a SIPAS campaign is a campaign of kind 'sipas' with the built-in SIPAS definition.
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
const stored = (id: string) =>
  ctx.db
    .selectFrom('campaign')
    .innerJoin('definition', 'definition.id', 'campaign.definitionId')
    .select(['campaign.kind', 'definition.body'])
    .where('campaign.id', '=', id)
    .executeTakeFirstOrThrow();

describe('POST /api/campaigns with kind sipas', () => {
  it('makes a SIPAS campaign pinning the built-in SIPAS 2026 definition and the units asked', async () => {
    const res = await create({
      name: 'Khảo sát sự hài lòng 2026 — Đồng Nai',
      kind: 'sipas',
      template: 'province_2026',
      provinceCode: '75',
    });
    expect(res.status).toBe(201);
    const reply = (await res.json()) as CampaignDetail;
    expect(reply.kind).toBe('sipas');
    expect(reply.definition).toEqual({
      code: 'sipas-2026',
      version: 1,
      name: builtInSipasDefinition().name,
    });
    const row = await stored(reply.id);
    expect(row.kind).toBe('sipas');
    expect(loadSipasDefinition(JSON.parse(row.body))).toEqual(builtInSipasDefinition());
    const c = await detail(reply.id);
    expect(c.kind).toBe('sipas');
    expect(c.units?.find((u) => u.kind === 'tinh')?.name).toBe('Tỉnh Đồng Nai');
    const audit = await ctx.db
      .selectFrom('auditLog')
      .select('details')
      .where('campaignId', '=', reply.id)
      .where('action', '=', 'campaign_created')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ kind: 'sipas' });
  });

  it('counts its forms as submitted (it invites nobody)', async () => {
    const c = (await (
      await create({ name: 'SIPAS đếm phiếu', kind: 'sipas' })
    ).json()) as CampaignDetail;
    const point = { id: 'pt-count', campaignId: c.id, code: 'CNT234', name: 'Một cửa' };
    await ctx.db
      .insertInto('collectionPoint')
      .values({
        ...point,
        unitCode: 'X-ANPHU',
        serviceArea: null,
        opens: '07:30',
        closes: '17:00',
        weekdays: '1,2,3,4,5',
        position: 0,
        createdAt: new Date().toISOString(),
      })
      .execute();
    for (const id of ['f-a', 'f-b'])
      await ctx.db
        .insertInto('sipasForm')
        .values({ id, campaignId: c.id, pointId: point.id, channel: 'poster', contentHash: id })
        .execute();
    expect((await detail(c.id)).counts).toEqual({ invited: 0, submitted: 2 });
  });

  it('a copy of a SIPAS campaign is a SIPAS campaign with its units', async () => {
    const first = (await (
      await create({ name: 'SIPAS Hớn Quản', kind: 'sipas' })
    ).json()) as CampaignDetail;
    const res = await create({ name: 'SIPAS Hớn Quản 2027', copyOf: first.id });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as CampaignDetail;
    expect(copy.kind).toBe('sipas');
    expect(copy.definition?.code).toBe('sipas-2026');
    expect((await detail(copy.id)).units).toEqual((await detail(first.id)).units);
  });

  it('without kind, a campaign is PAR, as before', async () => {
    const res = await create({ name: 'Khảo sát CCHC 2026' });
    const c = (await res.json()) as CampaignDetail;
    expect(c.kind).toBe('par');
    expect(c.definition?.code).toBe('hon-quan-2023');
    expect((await stored(c.id)).kind).toBe('par');
  });

  it('an unknown kind → 400 invalid_request, nothing written', async () => {
    const before = (await ctx.db.selectFrom('campaign').select('id').execute()).length;
    const res = await create({ name: 'Đợt lỗi', kind: 'csat' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect((await ctx.db.selectFrom('campaign').select('id').execute()).length).toBe(before);
  });

  it('the demo PAR campaign says its kind in the list', async () => {
    const list = (await (await officer('/api/campaigns')).json()) as CampaignDetail[];
    expect(list.find((c) => c.id === 'demo-2023')?.kind).toBe('par');
  });
});
