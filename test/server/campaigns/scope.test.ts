import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../server/api-catalog';
import { setup, signIn } from '../helpers';

/**
 * The campaign scope (server/campaigns/scope.ts): every /api/campaigns/:id… route finds its
 * campaign loaded once; an unknown one is 404 `not_found` for a signed-in caller, and a
 * signed-out caller still gets 401 first.
 */
let ctx: Awaited<ReturnType<typeof setup>>;
let admin: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  ctx = await setup();
  admin = await signIn(ctx, 'admin');
});

const scoped = CATALOG.filter((e) => e.path.startsWith('/api/campaigns/{id}'));
const unknown = (path: string) =>
  path
    .replace('{id}', 'khong-co')
    .replace(/\{\w+\}/g, 'x')
    .replace('links.{format}', 'links.csv');

describe('the campaign scope', () => {
  it.each(scoped.map((e) => [e.method.toUpperCase(), e.path] as const))(
    '%s %s on an unknown campaign: 404 signed in, 401 signed out',
    async (method, path) => {
      const init = { method, ...(method === 'GET' ? {} : { body: '{}' }) };
      const res = await admin(unknown(path), init);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({
        code: 'not_found',
        message: 'Không tìm thấy đợt khảo sát.',
      });
      const out = await ctx.app.request(unknown(path), {
        ...init,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(out.status).toBe(401);
    },
  );

  it('gives the route the campaign it loaded', async () => {
    const res = await admin('/api/campaigns/demo-2023');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe('demo-2023');
  });
});
