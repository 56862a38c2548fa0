import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/api-catalog';
import { addUser } from '../../server/auth/users';
import type { Role } from '../../server/db/schema';
import { json, setup } from './helpers';

/**
 * The role matrix: every console endpoint called by every role and by nobody. A role the catalog
 * does not list must get 403 (401 when signed out); a listed role must get past the check.
 */
let ctx: Awaited<ReturnType<typeof setup>>;
const sessions: Partial<Record<Role, { cookie: string; csrf: string }>> = {};
let invitationId = '';

beforeAll(async () => {
  ctx = await setup();
  for (const role of ['admin', 'officer', 'analyst'] as Role[]) {
    await addUser(ctx.db, { email: `${role}@test.vn`, password: 'mật-khẩu-thử-nghiệm', role });
    const res = await ctx.app.request(
      '/api/auth/login',
      json({ email: `${role}@test.vn`, password: 'mật-khẩu-thử-nghiệm' }),
    );
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    sessions[role] = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      csrf: csrfToken,
    };
  }
  invitationId = ctx.links[0]?.id ?? '';
});

const concrete = (path: string) =>
  path.replace('{id}', 'demo-2023').replace('{inv}', invitationId).replace('{uid}', 'no-such-user');
const cases = CATALOG.filter(
  (e) =>
    e.path !== '/api/auth/login' &&
    e.path !== '/api/auth/me' &&
    e.path !== '/api/auth/logout' &&
    e.path !== '/api/auth/password',
);

async function call(e: (typeof CATALOG)[number], role?: Role) {
  const s = role ? sessions[role] : undefined;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (s) Object.assign(headers, { Cookie: s.cookie, 'X-CSRF-Token': s.csrf });
  const url = `${concrete(e.path)}${e.query ? `?${e.query}` : ''}`;
  return ctx.app.request(url, {
    method: e.method.toUpperCase(),
    headers,
    ...(e.method === 'get' ? {} : { body: JSON.stringify(e.body ?? {}) }),
  });
}

describe('the role matrix', () => {
  const matrix = cases.flatMap((e) =>
    (['admin', 'officer', 'analyst'] as Role[]).map(
      (role) => [e.method.toUpperCase(), e.path, role, e] as const,
    ),
  );

  it.each(matrix)('%s %s as %s', async (_m, _p, role, e) => {
    const res = await call(e, role);
    if (e.roles.includes(role)) expect([401, 403]).not.toContain(res.status);
    else {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });

  it.each(cases.map((e) => [e.method.toUpperCase(), e.path, e] as const))(
    '%s %s signed out → 401',
    async (_m, _p, e) => {
      const res = await call(e);
      expect(res.status).toBe(401);
    },
  );

  it('lists every console route the app serves', () => {
    const served = new Set(
      ctx.app.routes
        .filter(
          // The respondents' public APIs (/api/s/<token>, SIPAS /api/p/<point>) are not the console's.
          (r) => r.path.startsWith('/api/') && !/^\/api\/[sp]\//.test(r.path) && r.method !== 'ALL',
        )
        .map(
          (r) =>
            `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => `{${name}}`)}`,
        ),
    );
    const catalogued = new Set(
      CATALOG.map(
        (e) =>
          `${e.method} ${e.path.replace('links.csv', '{format}').replace('links.xlsx', '{format}')}`,
      ),
    );
    const expanded = new Set([...served].map((s) => s.replace('links.{format}', '{format}')));
    const missing = [...expanded].filter(
      (s) => !catalogued.has(s) && s !== 'get /api/health' && s !== 'get /api/openapi.json',
    );
    expect(missing).toEqual([]);
  });
});

describe('what each role sees', () => {
  it('never shows an analyst names, phones or who answered', async () => {
    const res = await call(
      { method: 'get', path: '/api/campaigns/{id}/tracking', roles: [], tag: '', summary: '' },
      'analyst',
    );
    const text = await res.text();
    expect(res.status).toBe(200);
    for (const person of ctx.links.slice(0, 5)) expect(text).not.toContain(person.name);
    expect(text).not.toMatch(/phone|email|\/s\//);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes every catalogued console endpoint with its roles', async () => {
    const res = await ctx.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { description: string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const e of CATALOG)
      expect(doc.paths[e.path]?.[e.method]?.description).toMatch(/^Vai trò được phép/);
    expect(doc.paths['/api/campaigns/{id}/slips']?.get?.description).toContain('admin, officer');
  });
});

describe('unknown console paths', () => {
  it('answer 404 whoever asks', async () => {
    for (const role of ['officer', 'analyst'] as Role[]) {
      const s = sessions[role];
      const res = await ctx.app.request('/api/nothing-here', {
        headers: { Cookie: s?.cookie ?? '' },
      });
      expect(res.status).toBe(404);
    }
  });
});
