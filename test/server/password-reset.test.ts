import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { addUser, ensureFirstAdmin } from '../../server/auth/users';
import { runCli } from '../../server/cli';
import { openDb } from '../../server/db/connect';
import { cliDatabaseUrl } from '../db';
import { captureConsole } from './console-capture';
import { json, SECRET, setup, signIn } from './helpers';

/** Issue #13.3: a forgotten password, reset by an admin or the CLI, and changed at sign-in. */

let ctx: Awaited<ReturnType<typeof setup>>;
const OFFICER = { email: 'canbo@dongnai.gov.vn', password: 'mật-khẩu-cũ-đủ-dài' };

beforeEach(async () => {
  ctx = await setup();
  await addUser(ctx.db, { ...OFFICER, role: 'officer', name: 'Lê Thị Cán Bộ' });
});

async function login(email: string, password: string) {
  const res = await ctx.app.request('/api/auth/login', json({ email, password }));
  const body = (await res.json()) as {
    csrfToken: string;
    user?: { mustChangePassword: boolean };
    error?: { code: string };
  };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call = (path: string, init: RequestInit = {}) =>
    ctx.app.request(path, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        Cookie: cookie,
        'X-CSRF-Token': body.csrfToken,
      },
    });
  return { res, body, call };
}

const userId = async (email: string) =>
  (
    await ctx.db
      .selectFrom('user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).id;

describe('an admin resets a password', () => {
  it('hands over a one-time password; the account must change it before anything else', async () => {
    const before = await login(OFFICER.email, OFFICER.password);
    expect((await before.call('/api/campaigns')).status).toBe(200);

    const admin = await signIn(ctx, 'admin');
    const res = await admin(`/api/users/${await userId(OFFICER.email)}/reset-password`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    const { oneTimePassword } = (await res.json()) as { oneTimePassword: string };
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    // Signed out everywhere; the old password no longer works.
    expect((await before.call('/api/campaigns')).status).toBe(401);
    expect((await login(OFFICER.email, OFFICER.password)).res.status).toBe(401);

    const once = await login(OFFICER.email, oneTimePassword);
    expect(once.res.status).toBe(200);
    expect(once.body.user?.mustChangePassword).toBe(true);
    const refused = await once.call('/api/campaigns');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'password_change_required',
        message: 'Mật khẩu của Ông/Bà do người khác đặt: hãy đổi mật khẩu trước khi tiếp tục.',
      },
    });
    expect(
      ((await (await once.call('/api/auth/me')).json()) as typeof once.body).user,
    ).toMatchObject({ mustChangePassword: true });
    // The same password again is not a change.
    const same = await once.call('/api/auth/password', {
      method: 'POST',
      body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: oneTimePassword }),
    });
    expect(same.status).toBe(422);
    const changed = await once.call('/api/auth/password', {
      method: 'POST',
      body: JSON.stringify({
        currentPassword: oneTimePassword,
        newPassword: 'mật-khẩu-mới-của-tôi',
      }),
    });
    expect(changed.status).toBe(204);
    expect((await once.call('/api/campaigns')).status).toBe(200);
    const after = await login(OFFICER.email, 'mật-khẩu-mới-của-tôi');
    expect(after.body.user?.mustChangePassword).toBe(false);
    expect((await login(OFFICER.email, oneTimePassword)).res.status).toBe(401);

    // Audited: who reset whose, never the password.
    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'password_reset')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target).toBe(OFFICER.email);
    expect(JSON.stringify(audit)).not.toContain(oneTimePassword);
  });

  it('is for admins only, and a missing account is 404', async () => {
    const officer = await signIn(ctx, 'officer');
    const id = await userId(OFFICER.email);
    expect((await officer(`/api/users/${id}/reset-password`, { method: 'POST' })).status).toBe(403);
    const admin = await signIn(ctx, 'admin');
    const missing = await admin('/api/users/khong-co/reset-password', { method: 'POST' });
    expect(missing.status).toBe(404);
    expect((await login(OFFICER.email, OFFICER.password)).res.status).toBe(200);
  });
});

describe('the first admin', () => {
  it('must change the printed password at the first sign-in', async () => {
    await ctx.db.deleteFrom('user').execute();
    const first = await ensureFirstAdmin(ctx.db);
    const session = await login(first?.email ?? '', first?.password ?? '');
    expect(session.body.user?.mustChangePassword).toBe(true);
    expect((await session.call('/api/users')).status).toBe(403);
  });
});

describe('npm run cli -- user reset-password', () => {
  const { out, err } = captureConsole();
  beforeEach(() => {});

  it('prints a one-time password last; the account must change it; audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-reset-'));
    const env = { DATABASE_URL: await cliDatabaseUrl(dir), APP_SECRET: SECRET };
    const args = ['--email', 'a@b.vn', '--password', 'mật-khẩu-dài-đủ', '--role', 'admin'];
    expect(await runCli(['user', 'add', ...args], env)).toBe(0);
    expect(await runCli(['user', 'reset-password', '--email', 'A@b.vn'], env)).toBe(0);
    const password = out.at(-1) ?? '';
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(out.join('\n')).toContain('phải đổi mật khẩu');
    const db = openDb(env.DATABASE_URL);
    try {
      const user = await db
        .selectFrom('user')
        .select(['mustChangePassword', 'passwordHash'])
        .executeTakeFirstOrThrow();
      expect(user.mustChangePassword).toBe(1);
      expect(user.passwordHash).not.toContain(password);
      const audit = await db
        .selectFrom('auditLog')
        .select(['action', 'target'])
        .where('action', '=', 'password_reset')
        .execute();
      expect(audit).toEqual([{ action: 'password_reset', target: 'a@b.vn' }]);
    } finally {
      await db.destroy();
    }
    expect(await runCli(['user', 'reset-password', '--email', 'khong@co.vn'], env)).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Không có tài khoản khong@co.vn.');
  });
});
