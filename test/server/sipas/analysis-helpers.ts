import { expect } from 'vitest';
import type { CampaignDetail } from '../../../contract/console/campaigns';
import { addUser } from '../../../server/auth/users';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { ROOT_ORGANISATION } from '../../../server/db/schema';
import { addOrganisation } from '../../../server/organisations/service';
import { json, type setup, type signIn } from '../helpers';

/** A SIPAS campaign of the Hớn Quản units with two points, its counts planted through the DB. */

export type Ctx = Awaited<ReturnType<typeof setup>>;
export type As = Awaited<ReturnType<typeof signIn>>;

export const ELEMENTS = [
  'TC1',
  'TC2',
  'TC3',
  'TT1',
  'TT2',
  'TT3',
  'TT4',
  'CC1',
  'CC2',
  'CC3',
  'CC4',
  'KQ1',
  'KQ2',
  'KQ3',
  'GY1',
  'GY2',
  'GY3',
];

export async function sipasCampaign(ctx: Ctx, officer: As) {
  const res = await officer('/api/campaigns', json({ name: 'SIPAS Hớn Quản 2026', kind: 'sipas' }));
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as CampaignDetail;
  const point = (pid: string, unitCode: string, name: string, position: number) => ({
    id: pid,
    campaignId: id,
    code: `${pid.toUpperCase()}X${id.slice(0, 3).toUpperCase()}`.replace(/[^A-Z0-9]/g, 'Z'),
    name,
    unitCode,
    serviceArea: null,
    opens: '07:30',
    closes: '17:00',
    weekdays: '1,2,3,4,5',
    position,
    createdAt: new Date().toISOString(),
  });
  await ctx.db
    .insertInto('collectionPoint')
    .values([
      point('p1', 'X-ANPHU', 'Bộ phận Một cửa xã An Phú', 1),
      point('p2', 'X-MINHTAM', 'Bộ phận Một cửa xã Minh Tâm', 2),
    ])
    .execute();
  await setCampaignOpen(ctx.db, id, true);
  return id;
}

/**
 * Adds `n` forms at `point`, `slot` ('YYYY-MM-DDTHH:M0'), every satisfaction element answered
 * `option`, as the submit path counts them: tallies of the day, the hour's forms (satisfied
 * when the option is 4 or 5) and the slot's forms.
 */
export async function plant(
  ctx: Ctx,
  campaignId: string,
  pointId: string,
  slot: string,
  n: number,
  option: string,
  channel: 'poster' | 'code' = 'poster',
) {
  const day = slot.slice(0, 10);
  const hour = slot.slice(0, 13);
  const satisfied = option === '4' || option === '5' ? n : 0;
  for (const questionId of ELEMENTS) {
    const key = { campaignId, pointId, day, channel, questionId, option };
    const old = await ctx.db
      .selectFrom('sipasTally')
      .select('n')
      .where('campaignId', '=', campaignId)
      .where('pointId', '=', pointId)
      .where('day', '=', day)
      .where('channel', '=', channel)
      .where('questionId', '=', questionId)
      .where('option', '=', option)
      .executeTakeFirst();
    if (old)
      await ctx.db
        .updateTable('sipasTally')
        .set({ n: Number(old.n) + n })
        .where('campaignId', '=', campaignId)
        .where('pointId', '=', pointId)
        .where('day', '=', day)
        .where('channel', '=', channel)
        .where('questionId', '=', questionId)
        .where('option', '=', option)
        .execute();
    else
      await ctx.db
        .insertInto('sipasTally')
        .values({ ...key, n })
        .execute();
  }
  const h = await ctx.db
    .selectFrom('sipasHour')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('pointId', '=', pointId)
    .where('hour', '=', hour)
    .where('channel', '=', channel)
    .executeTakeFirst();
  if (h)
    await ctx.db
      .updateTable('sipasHour')
      .set({ forms: Number(h.forms) + n, satisfied: Number(h.satisfied) + satisfied })
      .where('campaignId', '=', campaignId)
      .where('pointId', '=', pointId)
      .where('hour', '=', hour)
      .where('channel', '=', channel)
      .execute();
  else
    await ctx.db
      .insertInto('sipasHour')
      .values({ campaignId, pointId, hour, channel, forms: n, repeats: 0, satisfied })
      .execute();
  const s = await ctx.db
    .selectFrom('sipasSlot')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('pointId', '=', pointId)
    .where('slot', '=', slot)
    .executeTakeFirst();
  if (s)
    await ctx.db
      .updateTable('sipasSlot')
      .set({ forms: Number(s.forms) + n })
      .where('campaignId', '=', campaignId)
      .where('pointId', '=', pointId)
      .where('slot', '=', slot)
      .execute();
  else
    await ctx.db.insertInto('sipasSlot').values({ campaignId, pointId, slot, forms: n }).execute();
}

/**
 * The season planted for the tests (2026-03-02 is a Monday):
 * - p1 Mon: 30 forms all "5" in the 09:20 slot — a planted burst (and a full day at 100 %);
 * - p1 Tue: 10 forms, 6 "4" (2 of them with a one-time code) and 4 "2", in two slots — clean;
 * - p2 Tue: 3 forms "1" — under the small-group threshold (5);
 * - p2 Sun 2026-03-08: 6 forms "3" — a day the point is closed.
 */
export async function plantSeason(ctx: Ctx, id: string) {
  await plant(ctx, id, 'p1', '2026-03-02T09:20', 30, '5');
  await plant(ctx, id, 'p1', '2026-03-03T10:00', 4, '4');
  await plant(ctx, id, 'p1', '2026-03-03T10:00', 2, '4', 'code');
  await plant(ctx, id, 'p1', '2026-03-03T10:30', 4, '2');
  await plant(ctx, id, 'p2', '2026-03-03T14:10', 3, '1');
  await plant(ctx, id, 'p2', '2026-03-08T09:00', 6, '3');
}

/** An analyst of a sub-organisation: the root's campaigns are out of reach. */
export async function outsider(ctx: Ctx) {
  const org = await addOrganisation(ctx.db, { name: 'Xã Tân Hưng', parentId: ROOT_ORGANISATION });
  const email = `outsider-${Math.random().toString(36).slice(2)}@test.vn`;
  await addUser(ctx.db, {
    email,
    password: 'mật-khẩu-thử-nghiệm',
    role: 'analyst',
    name: 'Người ngoài',
    organisationId: org.id,
  });
  const res = await ctx.app.request(
    '/api/auth/login',
    json({ email, password: 'mật-khẩu-thử-nghiệm' }),
  );
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (path: string, init: RequestInit = {}) =>
    ctx.app.request(path, {
      ...init,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    });
}
