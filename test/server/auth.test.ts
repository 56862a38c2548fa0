import { beforeEach, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../server/auth/proof';
import { addUser, ensureFirstAdmin } from '../../server/auth/users';
import { cliDatabaseUrl } from '../db';
import { json, setup } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  ctx = await setup();
  await addUser(ctx.db, {
    email: 'canbo@honquan.gov.vn',
    password: 'mật-khẩu-đủ-dài-1',
    role: 'officer',
    name: 'Nguyễn Văn Cán',
  });
});

interface LoginReply {
  csrfToken?: string;
  error?: { code: string; message: string; details?: { challenge: string; bits: number } };
}

async function login(
  email = 'canbo@honquan.gov.vn',
  password = 'mật-khẩu-đủ-dài-1',
  extra: { proof?: { challenge: string; nonce: string }; device?: string } = {},
) {
  const init = json({ email, password, ...(extra.proof ? { proof: extra.proof } : {}) });
  if (extra.device) init.headers = { ...init.headers, Cookie: extra.device };
  const res = await ctx.app.request('/api/auth/login', init);
  const cookies = res.headers.getSetCookie();
  const cookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as LoginReply;
  const session = cookies.find((c) => c.startsWith('cchc_session=')) ?? '';
  const device = cookies.find((c) => c.startsWith('cchc_device=')) ?? '';
  return {
    res,
    body,
    cookie: session.split(';')[0] ?? '',
    setCookie: session,
    anyCookie: cookie,
    device: device.split(';')[0] ?? '',
  };
}

/** Signs in as a stranger would: asked for a proof of work, solves it, sends it. */
async function loginSolving(email?: string, password?: string) {
  const first = await login(email, password);
  if (first.body.error?.code !== 'proof_required') return first;
  const challenge = first.body.error.details?.challenge ?? '';
  return login(email, password, { proof: solveChallenge(challenge) });
}

const authed = (cookie: string, init: RequestInit = {}, csrf?: string): RequestInit => ({
  ...init,
  headers: {
    ...(init.headers as Record<string, string>),
    Cookie: cookie,
    ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
  },
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and tells who is signed in', async () => {
    const { res, body, setCookie, cookie } = await login('CANBO@honquan.gov.vn ');
    expect(res.status).toBe(200);
    expect(setCookie).toMatch(/^cchc_session=[\w-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const me = await ctx.app.request('/api/auth/me', authed(cookie));
    expect(await me.json()).toEqual({
      signedIn: true,
      user: {
        id: expect.any(String),
        email: 'canbo@honquan.gov.vn',
        name: 'Nguyễn Văn Cán',
        role: 'officer',
        mustChangePassword: false,
      },
      organisation: { id: 'root', name: 'Toàn hệ thống' },
      csrfToken: body.csrfToken,
      publicUrlWarning: null,
    });
  });

  it('answers a wrong password and an unknown e-mail alike, and audits both', async () => {
    const wrong = await login('canbo@honquan.gov.vn', 'sai-mật-khẩu-123');
    const unknown = await login('ai-do@honquan.gov.vn', 'sai-mật-khẩu-123');
    for (const r of [wrong, unknown]) {
      expect(r.res.status).toBe(401);
      expect(r.body.error).toEqual({
        code: 'invalid_credentials',
        message: 'E-mail hoặc mật khẩu không đúng.',
      });
      expect(r.anyCookie).toBe('');
    }
    const actions = await ctx.db.selectFrom('auditLog').select(['action', 'details']).execute();
    expect(actions.map((a) => a.action)).toEqual(['login_failed', 'login_failed']);
    expect(actions.map((a) => a.details).join()).not.toContain('sai-mật-khẩu');
  });

  it('refuses a signed-out caller with 401 and forgets a session on sign-out', async () => {
    expect((await ctx.app.request('/api/campaigns')).status).toBe(401);
    const { cookie, body } = await login();
    const out = await ctx.app.request(
      '/api/auth/logout',
      authed(cookie, { method: 'POST' }, body.csrfToken),
    );
    expect(out.status).toBe(204);
    expect((await ctx.app.request('/api/campaigns', authed(cookie))).status).toBe(401);
    // The console's session probe says so with a 200: no 401 in the browser's console.
    const me = await ctx.app.request('/api/auth/me', authed(cookie));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ signedIn: false });
  });

  it("answers the console's session probe with 200 either way (issue #13.16)", async () => {
    const out = await ctx.app.request('/api/auth/me');
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ signedIn: false });
    const { cookie } = await login();
    const me = (await (await ctx.app.request('/api/auth/me', authed(cookie))).json()) as {
      signedIn: boolean;
      user: { email: string };
      csrfToken: string;
    };
    expect(me.signedIn).toBe(true);
    expect(me.user.email).toBe('canbo@honquan.gov.vn');
    expect(me.csrfToken).not.toBe('');
  });
});

describe('CSRF and password change', () => {
  it('refuses a state-changing call without the session’s CSRF token', async () => {
    const { cookie, body } = await login();
    const change = { currentPassword: 'mật-khẩu-đủ-dài-1', newPassword: 'mật-khẩu-mới-dài-2' };
    const forged = await ctx.app.request('/api/auth/password', authed(cookie, json(change)));
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('csrf');
    const wrongToken = await ctx.app.request(
      '/api/auth/password',
      authed(cookie, json(change), 'not-the-token'),
    );
    expect(wrongToken.status).toBe(403);
    const ok = await ctx.app.request(
      '/api/auth/password',
      authed(cookie, json(change), body.csrfToken),
    );
    expect(ok.status).toBe(204);
  });

  it('changes the password, signs out the other sessions, and refuses a weak one', async () => {
    const here = await login();
    const elsewhere = await login();
    const weak = await ctx.app.request(
      '/api/auth/password',
      authed(
        here.cookie,
        json({ currentPassword: 'mật-khẩu-đủ-dài-1', newPassword: '123' }),
        here.body.csrfToken,
      ),
    );
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as { error: { message: string } }).error.message).toBe(
      'Mật khẩu phải có ít nhất 10 ký tự.',
    );
    const ok = await ctx.app.request(
      '/api/auth/password',
      authed(
        here.cookie,
        json({ currentPassword: 'mật-khẩu-đủ-dài-1', newPassword: 'mật-khẩu-mới-dài-2' }),
        here.body.csrfToken,
      ),
    );
    expect(ok.status).toBe(204);
    expect((await ctx.app.request('/api/auth/me', authed(here.cookie))).status).toBe(200);
    expect((await ctx.app.request('/api/campaigns', authed(elsewhere.cookie))).status).toBe(401);
    expect((await login()).res.status).toBe(401);
    expect((await login('canbo@honquan.gov.vn', 'mật-khẩu-mới-dài-2')).res.status).toBe(200);
  });
});

describe('accounts', () => {
  it('stores passwords as scrypt hashes only', async () => {
    const row = await ctx.db.selectFrom('user').select('passwordHash').executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain('mật-khẩu');
  });

  it('makes a first admin only when there is no account at all', async () => {
    expect(await ensureFirstAdmin(ctx.db)).toBeNull();
    await ctx.db.deleteFrom('user').execute();
    const first = await ensureFirstAdmin(ctx.db);
    expect(first?.email).toBe('admin@localhost');
    expect((await login(first?.email, first?.password)).res.status).toBe(200);
  });

  it('refuses a taken e-mail, an unknown role and a weak password, in Vietnamese', async () => {
    await expect(
      addUser(ctx.db, { email: 'canbo@honquan.gov.vn', password: 'abcdefghijk', role: 'admin' }),
    ).rejects.toThrow('Đã có tài khoản canbo@honquan.gov.vn.');
    await expect(
      addUser(ctx.db, { email: 'x@y.vn', password: 'abcdefghijk', role: 'boss' as 'admin' }),
    ).rejects.toThrow(/Vai trò "boss" không hợp lệ/);
    await expect(
      addUser(ctx.db, { email: 'x@y.vn', password: 'aaaaaaaaaaaa', role: 'admin' }),
    ).rejects.toThrow('Mật khẩu quá đơn giản.');
  });
});

const wrong = (i: number) => `sai-mật-khẩu-${i}-abc`;

describe('guessing passwords (issue #9.6–7): limited per account and by cost, never a flat lock', () => {
  it('asks a stranger for a proof of work after 3 failures; the right password then gets in', async () => {
    for (let i = 0; i < 3; i++) expect((await login(undefined, wrong(i))).res.status).toBe(401);
    const asked = await login();
    expect(asked.res.status).toBe(429);
    expect(asked.body.error?.code).toBe('proof_required');
    expect(asked.body.error?.message).toMatch(/xác minh/);
    const challenge = asked.body.error?.details?.challenge ?? '';
    expect(asked.body.error?.details?.bits).toBe(14);
    // Not evaluated without the work (so no password is tried), nor with a forged or unsolved one.
    const forged = { challenge: challenge.replace(/\.14\./, '.0.'), nonce: '0' };
    expect((await login(undefined, undefined, { proof: forged })).body.error?.code).toBe(
      'proof_required',
    );
    const proof = solveChallenge(challenge);
    const ok = await login(undefined, undefined, { proof });
    expect(ok.res.status).toBe(200);
    expect(ok.cookie).toMatch(/^cchc_session=/);
    // A proof is spent once.
    expect((await login(undefined, undefined, { proof })).body.error?.code).toBe('proof_required');
  });

  it('makes each further failure cost more, up to a ceiling the owner can still pay', async () => {
    const costs: number[] = [];
    for (let i = 0; i < 10; i++) {
      let r = await login(undefined, wrong(i));
      const challenge = r.body.error?.details?.challenge;
      costs.push(r.body.error?.details?.bits ?? 0);
      if (challenge) r = await login(undefined, wrong(i), { proof: solveChallenge(challenge) });
      expect(r.res.status).toBe(401);
    }
    expect(costs).toEqual([0, 0, 0, 14, 15, 16, 17, 18, 19, 20]);
    // At the ceiling (about a million hashes), the right password still signs in.
    const asked = await login();
    expect(asked.body.error?.details?.bits).toBe(20);
    expect((await loginSolving()).res.status).toBe(200);
  }, 60_000);

  it('binds a proof to the account it was asked for', async () => {
    await addUser(ctx.db, {
      email: 'khac@honquan.gov.vn',
      password: 'mật-khẩu-khác-dài-3',
      role: 'officer',
    });
    for (let i = 0; i < 3; i++) await login('khac@honquan.gov.vn', wrong(i));
    const asked = await login('khac@honquan.gov.vn', wrong(9));
    const proof = solveChallenge(asked.body.error?.details?.challenge ?? '');
    for (let i = 0; i < 3; i++) await login(undefined, wrong(i));
    const elsewhere = await login(undefined, undefined, { proof });
    expect(elsewhere.body.error?.code).toBe('proof_required');
  });

  it('does not slow a device that signed in before because strangers failed at the account', async () => {
    const mine = await login();
    expect(mine.device).toMatch(/^cchc_device=/);
    for (let i = 0; i < 5; i++)
      expect((await loginSolving(undefined, wrong(i))).res.status).toBe(401);
    expect((await login()).body.error?.code).toBe('proof_required');
    const again = await login(undefined, undefined, { device: mine.device });
    expect(again.res.status).toBe(200);
    // The device's own typos are its own budget (10 an hour), then it is a stranger again.
    for (let i = 0; i < 10; i++) {
      expect((await login(undefined, wrong(i), { device: mine.device })).res.status).toBe(401);
    }
    expect((await login(undefined, undefined, { device: mine.device })).res.status).toBe(429);
  }, 60_000);

  it('lets other accounts sign in while one is attacked (no lock by address or for everyone)', async () => {
    for (let i = 0; i < 8; i++) await loginSolving(undefined, wrong(i));
    expect((await login()).body.error?.code).toBe('proof_required');
    await addUser(ctx.db, {
      email: 'khac@honquan.gov.vn',
      password: 'mật-khẩu-khác-dài-3',
      role: 'officer',
    });
    const other = await login('khac@honquan.gov.vn', 'mật-khẩu-khác-dài-3');
    expect(other.res.status).toBe(200);
  }, 60_000);

  it('evaluates at most the free tries of 200 simultaneous wrong sign-ins', async () => {
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login(undefined, wrong(i))),
    );
    const codes = replies.map((r) => r.body.error?.code);
    const evaluated = codes.filter((c) => c === 'invalid_credentials').length;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(3);
    expect(
      codes.every((c) => c === 'invalid_credentials' || c === 'proof_required' || c === 'busy'),
    ).toBe(true);
    const audited = await ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'login_failed')
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(evaluated);
  });
});

describe('login CSRF (issue #9.14)', () => {
  const body = JSON.stringify({ email: 'canbo@honquan.gov.vn', password: 'mật-khẩu-đủ-dài-1' });
  const post = (headers: Record<string, string>) =>
    ctx.app.request('/api/auth/login', { method: 'POST', headers, body });

  it('refuses a sign-in that is not JSON, as a form on another site would send it', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const res = await post(type ? { 'Content-Type': type } : {});
      expect(res.status).toBe(415);
      expect(((await res.json()) as LoginReply).error?.code).toBe('unsupported_media_type');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses a sign-in from another origin, and accepts one from PUBLIC_URL', async () => {
    const json = { 'Content-Type': 'application/json' };
    for (const headers of [
      { ...json, Origin: 'https://evil.example' },
      { ...json, Origin: 'null' },
      { ...json, 'Sec-Fetch-Site': 'cross-site' },
      { ...json, 'Sec-Fetch-Site': 'same-site', Origin: 'http://survey.test' },
    ]) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(((await res.json()) as LoginReply).error?.code).toBe('cross_origin');
    }
    const ok = await post({
      ...json,
      Origin: 'http://survey.test',
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(ok.status).toBe(200);
  });
});

describe('two server processes on one database', () => {
  it('share the budget: 100 wrong sign-ins at each at once evaluate at most the 3 free tries', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createApp } = await import('../../server/app');
    const { migrateToLatest, openDb } = await import('../../server/db/connect');
    const { config } = await import('./helpers');
    const dir = mkdtempSync(join(tmpdir(), 'cchc-two-'));
    // On PostgreSQL the budget's lock (server/auth/attempts.ts) is what keeps the count exact.
    const file = await cliDatabaseUrl(dir);
    const first = openDb(file);
    await migrateToLatest(first);
    await addUser(first, {
      email: 'canbo@honquan.gov.vn',
      password: 'mật-khẩu-đủ-dài-1',
      role: 'officer',
    });
    const second = openDb(file);
    const apps = [createApp({ db: first, config }), createApp({ db: second, config })];
    try {
      const replies = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const app = apps[i % 2] as (typeof apps)[number];
          const res = await app.request(
            '/api/auth/login',
            json({ email: 'canbo@honquan.gov.vn', password: wrong(i) }),
          );
          return ((await res.json()) as LoginReply).error?.code;
        }),
      );
      const evaluated = replies.filter((c) => c === 'invalid_credentials').length;
      expect(evaluated).toBeGreaterThan(0);
      expect(evaluated).toBeLessThanOrEqual(3);
    } finally {
      await first.destroy();
      await second.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
