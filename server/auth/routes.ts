import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { audit } from '../audit/log';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { readJson } from '../http';
import { type AuthEnv, currentUser } from './middleware';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import {
  clearLoginFailures,
  createSession,
  deleteOtherSessions,
  deleteSession,
  loginWait,
  recordLoginFailure,
  SESSION_COOKIE,
  SESSION_HOURS,
} from './session';
import { findUser, findUserByEmail } from './users';

const Login = z.object({ email: z.string().min(1).max(200), password: z.string().min(1).max(200) });
const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

// Compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
const DUMMY_HASH = hashPassword('không-có-tài-khoản-này');

/** Sign-in, sign-out, who am I, password change. */
export function authRoutes(db: Db, secureCookie: boolean) {
  const app = new Hono<AuthEnv>();

  app.post('/login', async (c) => {
    const body = await readJson(c.req.raw, Login);
    const email = body.email.trim().toLowerCase();
    const ip = c.get('ip');
    const wait = await loginWait(db, ip, email);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError(
        429,
        'too_many_attempts',
        `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
      );
    }
    const user = await findUserByEmail(db, email);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !ok || user.disabledAt) {
      await recordLoginFailure(db, ip, email);
      await audit(db, { action: 'login_failed', details: { email }, ip });
      throw new ApiError(401, 'invalid_credentials', 'E-mail hoặc mật khẩu không đúng.');
    }
    await clearLoginFailures(db, email);
    const { cookie, csrfToken } = await createSession(db, user.id);
    setCookie(c, SESSION_COOKIE, cookie, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secureCookie,
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });
    await audit(db, { user, action: 'login', ip });
    return c.json({
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      csrfToken,
    });
  });

  app.post('/logout', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deleteSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', (c) => {
    const user = currentUser(c);
    return c.json({
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      csrfToken: user.csrfToken,
    });
  });

  app.post('/password', async (c) => {
    const session = currentUser(c);
    const body = await readJson(c.req.raw, PasswordChange);
    const user = await findUser(db, session.id);
    if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw new ApiError(422, 'invalid_credentials', 'Mật khẩu hiện tại không đúng.');
    }
    const weak = passwordProblem(body.newPassword);
    if (weak) throw new ApiError(422, 'weak_password', weak);
    await db
      .updateTable('user')
      .set({
        passwordHash: await hashPassword(body.newPassword),
        passwordChangedAt: new Date().toISOString(),
      })
      .where('id', '=', user.id)
      .execute();
    await deleteOtherSessions(db, user.id, session.idHash);
    await audit(db, { user, action: 'password_changed', ip: c.get('ip') });
    return c.body(null, 204);
  });

  return app;
}
