import { beforeEach, describe, expect, it } from 'vitest';
import { addUser, ensureFirstAdmin } from '../../server/auth/users';
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

async function login(email = 'canbo@honquan.gov.vn', password = 'mật-khẩu-đủ-dài-1') {
  const res = await ctx.app.request('/api/auth/login', json({ email, password }));
  const cookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as {
    csrfToken?: string;
    error?: { code: string; message: string };
  };
  return { res, body, cookie: cookie.split(';')[0] ?? '', setCookie: cookie };
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
      user: {
        id: expect.any(String),
        email: 'canbo@honquan.gov.vn',
        name: 'Nguyễn Văn Cán',
        role: 'officer',
      },
      csrfToken: body.csrfToken,
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
      expect(r.setCookie).toBe('');
    }
    const actions = await ctx.db.selectFrom('auditLog').select(['action', 'details']).execute();
    expect(actions.map((a) => a.action)).toEqual(['login_failed', 'login_failed']);
    expect(actions.map((a) => a.details).join()).not.toContain('sai-mật-khẩu');
  });

  it('throttles an e-mail after 5 failures, even with the right password, with Retry-After', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('canbo@honquan.gov.vn', `sai-${i}-abcdefgh`)).res.status).toBe(401);
    const blocked = await login();
    expect(blocked.res.status).toBe(429);
    expect(blocked.body.error?.code).toBe('too_many_attempts');
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('refuses a signed-out caller with 401 and forgets a session on sign-out', async () => {
    expect((await ctx.app.request('/api/auth/me')).status).toBe(401);
    const { cookie, body } = await login();
    const out = await ctx.app.request(
      '/api/auth/logout',
      authed(cookie, { method: 'POST' }, body.csrfToken),
    );
    expect(out.status).toBe(204);
    expect((await ctx.app.request('/api/auth/me', authed(cookie))).status).toBe(401);
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
    expect((await ctx.app.request('/api/auth/me', authed(elsewhere.cookie))).status).toBe(401);
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
