import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/api-catalog';
import { addUser } from '../../server/auth/users';
import { ROOT_ORGANISATION, type Role } from '../../server/db/schema';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { addOrganisation } from '../../server/organisations/service';
import { json, setup } from './helpers';

/**
 * The role matrix's organisation dimension (issue #12; test/server/roles.test.ts is the role
 * one). The tree: root → Tỉnh (P) → Xã A and Xã B (siblings). The demo campaign belongs to A.
 * Every catalogued route under /api/campaigns/{id}, called on A's campaign by each role of B,
 * answers exactly as for a campaign that does not exist; P's accounts reach it.
 */
const ROLES: Role[] = ['admin', 'officer', 'analyst'];
type Session = { cookie: string; csrf: string };
let ctx: Awaited<ReturnType<typeof setup>>;
const sessions: Record<string, Session> = {};
const org = { P: '', A: '', B: '' };
const userIds: Record<string, string> = {};
let invitationId = '';

async function signInAs(key: string, role: Role, organisationId: string) {
  const email = `${key.toLowerCase()}-${role}@test.vn`;
  const user = await addUser(ctx.db, {
    email,
    password: 'mật-khẩu-thử-nghiệm',
    role,
    organisationId,
  });
  userIds[`${key}-${role}`] = user.id;
  const res = await ctx.app.request(
    '/api/auth/login',
    json({ email, password: 'mật-khẩu-thử-nghiệm' }),
  );
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  sessions[`${key}-${role}`] = {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    csrf: csrfToken,
  };
}

beforeAll(async () => {
  ctx = await setup();
  const add = (name: string, parentId: string) => addOrganisation(ctx.db, { name, parentId });
  org.P = (await add('Tỉnh Đồng Nai', ROOT_ORGANISATION)).id;
  org.A = (await add('Xã Tân Hưng', org.P)).id;
  org.B = (await add('Xã Tân Khai', org.P)).id;
  await ctx.db
    .updateTable('campaign')
    .set({ organisationId: org.A })
    .where('id', '=', DEMO_CAMPAIGN_ID)
    .execute();
  for (const role of ROLES) {
    await signInAs('A', role, org.A);
    await signInAs('B', role, org.B);
    await signInAs('P', role, org.P);
  }
  invitationId = ctx.links[0]?.id ?? '';
});

type Endpoint = (typeof CATALOG)[number];

async function call(e: Endpoint, who: string, campaignId: string, uid = 'no-such-user') {
  const s = sessions[who];
  const path = e.path
    .replace('{id}', campaignId)
    .replace('{inv}', invitationId)
    .replace('{uid}', uid);
  const res = await ctx.app.request(`${path}${e.query ? `?${e.query}` : ''}`, {
    method: e.method.toUpperCase(),
    headers: {
      'Content-Type': 'application/json',
      Cookie: s?.cookie ?? '',
      'X-CSRF-Token': s?.csrf ?? '',
    },
    ...(e.method === 'get' ? {} : { body: JSON.stringify(e.body ?? {}) }),
  });
  return { status: res.status, body: await res.text() };
}

const scoped = CATALOG.filter((e) => e.path.startsWith('/api/campaigns/{id}'));
const matrix = scoped.flatMap((e) =>
  ROLES.map((role) => [e.method.toUpperCase(), e.path, role, e] as const),
);

describe('a sibling organisation', () => {
  it('has every campaign route in the matrix', () => {
    expect(scoped.length).toBeGreaterThan(40);
  });

  it.each(matrix)('%s %s as B’s %s: as if A’s campaign did not exist', async (_m, _p, role, e) => {
    const theirs = await call(e, `B-${role}`, DEMO_CAMPAIGN_ID);
    const nothing = await call(e, `B-${role}`, 'no-such-campaign');
    expect(nothing.status).toBe(404);
    expect(theirs).toEqual(nothing);
  });

  it('does not list, copy or compare with A’s campaign', async () => {
    const list = CATALOG.find((e) => e.method === 'get' && e.path === '/api/campaigns');
    const create = CATALOG.find((e) => e.method === 'post' && e.path === '/api/campaigns');
    if (!list || !create) throw new Error('catalogue changed');
    for (const role of ROLES) {
      const listed = await call(list, `B-${role}`, '');
      expect(listed.status).toBe(200);
      expect(listed.body).not.toContain(DEMO_CAMPAIGN_ID);
    }
    const copy = (id: string) =>
      call({ ...create, body: { name: 'Sao chép', copyOf: id } }, 'B-officer', '');
    const copied = await copy(DEMO_CAMPAIGN_ID);
    expect(copied.status).toBe(404);
    expect(copied).toEqual(await copy('no-such-campaign'));
  });

  it('cannot see, change or reset A’s accounts, nor read A’s audit rows', async () => {
    const routes = CATALOG.filter((e) => e.path.startsWith('/api/users/{uid}'));
    expect(routes.length).toBe(3);
    for (const e of routes) {
      const theirs = await call(e, 'B-admin', '', userIds['A-officer']);
      expect(theirs.status).toBe(404);
      expect(theirs).toEqual(await call(e, 'B-admin', '', 'no-such-user'));
    }
    const users = await call(
      { ...routes[0], method: 'get', path: '/api/users' } as Endpoint,
      'B-admin',
      '',
    );
    expect(users.status).toBe(200);
    expect(users.body).toContain('b-officer@test.vn');
    expect(users.body).not.toContain('a-officer@test.vn');
    expect(users.body).not.toContain('p-officer@test.vn');
    const log = await call(
      { ...routes[0], method: 'get', path: '/api/audit' } as Endpoint,
      'B-admin',
      '',
    );
    expect(log.status).toBe(200);
    expect(log.body).toContain('b-officer@test.vn');
    expect(log.body).not.toContain('a-officer@test.vn');
    expect(log.body).not.toContain(DEMO_CAMPAIGN_ID);
    const csv = await call(
      { ...routes[0], method: 'get', path: '/api/audit.csv' } as Endpoint,
      'B-admin',
      '',
    );
    expect(csv.status).toBe(200);
    expect(csv.body).not.toContain('a-officer@test.vn');
  });
});

describe('a sibling organisation, naming A in a body or a query', () => {
  const endpoint = (method: Endpoint['method'], path: string, body?: Record<string, unknown>) =>
    ({ method, path, roles: [], tag: '', summary: '', ...(body ? { body } : {}) }) as Endpoint;

  it('does not list A among its organisations', async () => {
    for (const role of ROLES) {
      const list = await call(endpoint('get', '/api/organisations'), `B-${role}`, '');
      expect(list.status).toBe(200);
      expect(list.body).toContain(org.B);
      expect(list.body).not.toContain(org.A);
      expect(list.body).not.toContain(org.P);
    }
  });

  it.each([
    ['post', '/api/organisations', 'B-admin', (id: string) => ({ name: 'Thôn', parentId: id })],
    ['post', '/api/campaigns', 'B-officer', (id: string) => ({ name: 'Đợt', organisationId: id })],
    [
      'post',
      '/api/users',
      'B-admin',
      (id: string) => ({
        email: 'x@test.vn',
        name: 'X',
        role: 'officer',
        password: 'mật-khẩu-đủ-dài-1',
        organisationId: id,
      }),
    ],
  ] as const)(
    '%s %s as %s with A’s id: as if it did not exist',
    async (method, path, who, body) => {
      const theirs = await call(endpoint(method, path, body(org.A)), who, '');
      const nothing = await call(endpoint(method, path, body('no-such-organisation')), who, '');
      expect(theirs.status).toBe(422);
      expect(theirs).toEqual(nothing);
    },
  );

  it('cannot filter the campaign list by A', async () => {
    const list = (id: string) =>
      call({ ...endpoint('get', '/api/campaigns'), query: `organisation=${id}` }, 'B-analyst', '');
    const theirs = await list(org.A);
    expect(theirs.status).toBe(422);
    expect(theirs).toEqual(await list('no-such-organisation'));
  });
});

describe('the parent organisation', () => {
  it.each(matrix)('%s %s as P’s %s: reaches A’s campaign', async (_m, _p, role, e) => {
    const nothing = await call(e, `P-${role}`, 'no-such-campaign');
    const child = await call(e, `P-${role}`, DEMO_CAMPAIGN_ID);
    expect(child).not.toEqual(nothing);
    if (e.roles.includes(role)) expect([401, 403]).not.toContain(child.status);
    else expect(child.status).toBe(403);
  });

  it('lists the child’s campaign, accounts and audit rows', async () => {
    const get = (path: string, who: string) =>
      call({ method: 'get', path, roles: [], tag: '', summary: '' }, who, '');
    expect((await get('/api/campaigns', 'P-analyst')).body).toContain(DEMO_CAMPAIGN_ID);
    const users = await get('/api/users', 'P-admin');
    expect(users.body).toContain('a-officer@test.vn');
    expect(users.body).toContain('b-officer@test.vn');
    expect(users.body).not.toContain('admin@localhost');
    expect((await get('/api/audit', 'P-admin')).body).toContain('a-officer@test.vn');
  });

  it('is out of reach of its children', async () => {
    const users = await call(
      {
        method: 'patch',
        path: '/api/users/{uid}',
        roles: [],
        tag: '',
        summary: '',
        body: { name: 'X' },
      },
      'A-admin',
      '',
      userIds['P-officer'],
    );
    expect(users.status).toBe(404);
  });
});
