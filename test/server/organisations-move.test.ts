import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../contract/console/campaigns';
import type { Organisation } from '../../contract/console/organisations';
import type { Account, AuditRow } from '../../contract/console/users';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { json, setup, signIn } from './helpers';

/**
 * Issue #12, after the tree is made: an organisation renamed, an account or a campaign moved to
 * another organisation, each within the admin's reach and audited; out of reach is 422
 * `unknown_organisation` (an organisation) or 404 (an account, a campaign), as for a made-up id.
 */
type Call = Awaited<ReturnType<typeof signIn>>;
let ctx: Awaited<ReturnType<typeof setup>>;
let root: Call;
const PASSWORD = 'mật-khẩu-đủ-dài-1';

const send = (call: Call, method: string, path: string, body: unknown) =>
  call(path, { method, body: JSON.stringify(body) });

async function login(email: string): Promise<Call> {
  const res = await ctx.app.request('/api/auth/login', json({ email, password: PASSWORD }));
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (path, init = {}) =>
    ctx.app.request(path, {
      ...init,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    });
}

async function made<T>(res: Response | Promise<Response>, status = 201): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

let north: Organisation; // a province with an admin
let commune: Organisation; // below it
let south: Organisation; // another province: out of the north admin's reach
let northAdmin: Call;
let officer: Account;

beforeAll(async () => {
  ctx = await setup();
  root = await signIn(ctx, 'admin');
  north = await made(send(root, 'POST', '/api/organisations', { name: 'Tỉnh Bắc' }));
  south = await made(send(root, 'POST', '/api/organisations', { name: 'Tỉnh Nam' }));
  commune = await made(
    send(root, 'POST', '/api/organisations', { name: 'Xã Một', parentId: north.id }),
  );
  await made(
    send(root, 'POST', '/api/users', {
      email: 'quantri@bac.gov.vn',
      name: 'Quản trị tỉnh Bắc',
      role: 'admin',
      password: PASSWORD,
      organisationId: north.id,
    }),
  );
  officer = await made(
    send(root, 'POST', '/api/users', {
      email: 'canbo@bac.gov.vn',
      name: 'Cán bộ',
      role: 'officer',
      password: PASSWORD,
      organisationId: north.id,
    }),
  );
  northAdmin = await login('quantri@bac.gov.vn');
});

const auditOf = async (call: Call, action: string) =>
  ((await (await call('/api/audit')).json()) as AuditRow[]).filter((r) => r.action === action);

describe('renaming an organisation', () => {
  it('renames one within reach (NFC, trimmed), audited with the old and new names', async () => {
    const renamed = await made<Organisation>(
      send(northAdmin, 'PATCH', `/api/organisations/${commune.id}`, {
        name: '  Phường Một\u0301  '.normalize('NFD'),
      }),
      200,
    );
    expect(renamed).toEqual({
      ...commune,
      name: 'Phường Một́'.normalize('NFC'),
      depth: 1, // below the north admin's own
    });
    const list = (await (await northAdmin('/api/organisations')).json()) as Organisation[];
    expect(list.find((o) => o.id === commune.id)?.name).toBe(renamed.name);
    const [row] = await auditOf(northAdmin, 'organisation_renamed');
    expect(JSON.parse(row?.details ?? '')).toEqual({ from: 'Xã Một', to: renamed.name });
    expect(row?.organisationId).toBe(commune.id);
  });

  it('refuses one out of reach or unknown alike (422 unknown_organisation), an empty name, an officer', async () => {
    for (const id of [south.id, 'root', 'org-nope']) {
      const res = await send(northAdmin, 'PATCH', `/api/organisations/${id}`, { name: 'Đổi' });
      expect(res.status).toBe(422);
      expect((await res.json()).error.code).toBe('unknown_organisation');
    }
    const blank = await send(northAdmin, 'PATCH', `/api/organisations/${north.id}`, {
      name: '   ',
    });
    expect(blank.status).toBe(400);
    const asOfficer = await login('canbo@bac.gov.vn');
    const res = await send(asOfficer, 'PATCH', `/api/organisations/${north.id}`, { name: 'X' });
    expect(res.status).toBe(403);
    const names = ((await (await root('/api/organisations')).json()) as Organisation[]).map(
      (o) => o.name,
    );
    expect(names).toContain('Tỉnh Nam');
    expect(names).toContain('Tỉnh Bắc');
  });
});

describe('moving an account', () => {
  it('moves one within reach; the account belongs to it at its next request; audited', async () => {
    const moved = await made<Account>(
      send(northAdmin, 'POST', `/api/users/${officer.id}/move`, { organisationId: commune.id }),
      200,
    );
    expect(moved.organisation).toEqual({ id: commune.id, name: 'Phường Một́'.normalize('NFC') });
    const me = await (await (await login('canbo@bac.gov.vn'))('/api/auth/me')).json();
    expect(me.organisation.id).toBe(commune.id);
    const [row] = await auditOf(northAdmin, 'user_moved');
    expect(row?.target).toBe('canbo@bac.gov.vn');
    expect(JSON.parse(row?.details ?? '')).toEqual({
      from: 'Tỉnh Bắc',
      to: moved.organisation.name,
    });
  });

  it('refuses an organisation out of reach (422), an account out of reach (404), the admin itself (409)', async () => {
    const out = await send(northAdmin, 'POST', `/api/users/${officer.id}/move`, {
      organisationId: south.id,
    });
    expect(out.status).toBe(422);
    expect((await out.json()).error.code).toBe('unknown_organisation');
    const southOfficer = await made<Account>(
      send(root, 'POST', '/api/users', {
        email: 'canbo@nam.gov.vn',
        name: 'Cán bộ Nam',
        role: 'officer',
        password: PASSWORD,
        organisationId: south.id,
      }),
    );
    const beyond = await send(northAdmin, 'POST', `/api/users/${southOfficer.id}/move`, {
      organisationId: north.id,
    });
    expect(beyond.status).toBe(404);
    const accounts = (await (await northAdmin('/api/users')).json()) as Account[];
    const me = accounts.find((u) => u.email === 'quantri@bac.gov.vn') as Account;
    const self = await send(northAdmin, 'POST', `/api/users/${me.id}/move`, {
      organisationId: commune.id,
    });
    expect(self.status).toBe(409);
    expect((await self.json()).error.code).toBe('self_lockout');
    // Nothing moved: the south officer is still in the south, the admin in the north.
    const all = (await (await root('/api/users')).json()) as Account[];
    expect(all.find((u) => u.id === southOfficer.id)?.organisation.id).toBe(south.id);
    expect(all.find((u) => u.id === me.id)?.organisation.id).toBe(north.id);
  });
});

describe('moving a campaign', () => {
  it('moves one within reach: its new organisation sees it, one it left no more; audited', async () => {
    // The root's demo campaign is beyond the north admin: as if it did not exist.
    const hidden = await send(northAdmin, 'POST', `/api/campaigns/${DEMO_CAMPAIGN_ID}/move`, {
      organisationId: north.id,
    });
    expect(hidden.status).toBe(404);
    const moved = await made<Campaign>(
      send(root, 'POST', `/api/campaigns/${DEMO_CAMPAIGN_ID}/move`, { organisationId: north.id }),
      200,
    );
    expect(moved.organisation).toEqual({ id: north.id, name: 'Tỉnh Bắc' });
    expect((await northAdmin(`/api/campaigns/${DEMO_CAMPAIGN_ID}`)).status).toBe(200);
    const [row] = await auditOf(northAdmin, 'campaign_moved');
    expect(row?.campaignId).toBe(DEMO_CAMPAIGN_ID);
    expect(JSON.parse(row?.details ?? '')).toEqual({ from: 'Toàn hệ thống', to: 'Tỉnh Bắc' });

    // Down to the commune; never across to the other province.
    await made(
      send(northAdmin, 'POST', `/api/campaigns/${DEMO_CAMPAIGN_ID}/move`, {
        organisationId: commune.id,
      }),
      200,
    );
    const across = await send(northAdmin, 'POST', `/api/campaigns/${DEMO_CAMPAIGN_ID}/move`, {
      organisationId: south.id,
    });
    expect(across.status).toBe(422);
    expect((await across.json()).error.code).toBe('unknown_organisation');
    const detail = (await (await root(`/api/campaigns/${DEMO_CAMPAIGN_ID}`)).json()) as Campaign;
    expect(detail.organisation.id).toBe(commune.id);
    // An officer cannot move it.
    const asOfficer = await login('canbo@bac.gov.vn');
    const res = await send(asOfficer, 'POST', `/api/campaigns/${DEMO_CAMPAIGN_ID}/move`, {
      organisationId: commune.id,
    });
    expect(res.status).toBe(403);
    // Moved by the root to the other province, it is gone from the north admin's reach.
    await made(
      send(root, 'POST', `/api/campaigns/${DEMO_CAMPAIGN_ID}/move`, { organisationId: south.id }),
      200,
    );
    expect((await northAdmin(`/api/campaigns/${DEMO_CAMPAIGN_ID}`)).status).toBe(404);
  });
});
