import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Login, type Me, PasswordChange, type Session } from '../../contract/console/auth';
import { audit } from '../audit/log';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { readJson } from '../http';
import { organisationRef } from '../organisations/queries';
import { publicUrlProblem } from '../public-url';
import { attemptSucceeded, NO_LIMIT, recentAttempts, reserveAttempt } from './attempts';
import { DEVICE_FAILURES, readDevice, rememberDevice } from './device';
import { type AuthEnv, currentUser, sameOriginJson } from './middleware';
import { hashPassword, passwordProblem, takeSignInSlot, verifyPassword } from './password';
import {
  ACCOUNT_CURVE,
  attemptsPaidBy,
  bitsFor,
  checkProof,
  issueChallenge,
  LOGIN_SITE_CURVE,
} from './proof';
import {
  createSession,
  deleteOtherSessions,
  deleteSession,
  SESSION_COOKIE,
  SESSION_HOURS,
} from './session';
import { findUser, findUserByEmail, updateUser } from './users';

// Compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const DUMMY_HASH = () => {
  dummyHash ??= hashPassword('không-có-tài-khoản-này');
  return dummyHash;
};

/** Sign-in, sign-out, who am I, password change. */
export function authRoutes(db: Db, config: Pick<Config, 'publicUrl' | 'secret'>) {
  const app = new Hono<AuthEnv>();
  const secureCookie = config.publicUrl.startsWith('https://');
  const browserOnly = sameOriginJson(config.publicUrl);
  const publicUrlWarning = publicUrlProblem(config.publicUrl);

  /**
   * Sign-in (issue #9, points 6, 7, 14). Limited by what is guessed, never by address:
   * - a browser holding this account's device cookie goes ahead (10 failures an hour per device);
   * - any other caller pays a proof of work whose size grows with the account's recent
   *   failures (and with the whole site's, against spraying): the first tries are free, then
   *   429 `proof_required` hands out a signed challenge and the console solves it;
   * - the attempt is reserved in the database before the password is hashed, so a burst of
   *   simultaneous guesses cannot all slip under the limit;
   * - hashing waits in a bounded queue on its own thread; beyond it, 503 `busy` at once.
   */
  app.post('/login', browserOnly, async (c) => {
    const body = await readJson(c.req.raw, Login);
    const email = body.email.trim().toLowerCase();
    const ip = c.get('ip');
    const user = await findUserByEmail(db, email);
    const device = readDevice(c, config.secret);
    const trusted = !!user && device?.userId === user.id;
    const release = takeSignInSlot(trusted);
    if (!release) {
      c.header('Retry-After', '5');
      throw new ApiError(
        503,
        'busy',
        'Máy chủ đang xử lý nhiều lượt đăng nhập. Vui lòng thử lại sau ít giây.',
      );
    }
    try {
      let attempt =
        trusted && device
          ? await reserveAttempt(db, {
              scope: 'device',
              key: device.id,
              maxForKey: DEVICE_FAILURES,
              maxForScope: NO_LIMIT,
            })
          : null;
      const viaDevice = attempt !== null;
      if (!attempt) {
        const proof = body.proof && checkProof(config.secret, 'login', email, body.proof);
        const bits = proof?.ok ? proof.bits : 0;
        attempt = await reserveAttempt(db, {
          scope: 'account',
          key: email,
          maxForKey: attemptsPaidBy(ACCOUNT_CURVE, bits),
          maxForScope: attemptsPaidBy(LOGIN_SITE_CURVE, bits),
          ...(proof?.ok ? { id: `pow:${proof.id}` } : {}),
        });
      }
      if (!attempt) {
        const recent = await recentAttempts(db, 'account', email);
        const bits = Math.max(
          bitsFor(ACCOUNT_CURVE, recent.forKey),
          bitsFor(LOGIN_SITE_CURVE, recent.forScope),
          1,
        );
        throw new ApiError(
          429,
          'proof_required',
          'Đã có nhiều lần đăng nhập sai gần đây. Trình duyệt cần xác minh thiết bị này trước khi đăng nhập (tự động, có thể mất vài giây).',
          { challenge: issueChallenge(config.secret, 'login', email, bits), bits },
        );
      }
      const ok = await verifyPassword(
        body.password,
        user?.passwordHash ?? (await DUMMY_HASH()),
        viaDevice ? 'urgent' : 'normal',
      );
      if (!user || !ok || user.disabledAt) {
        // A known account's failures are its organisation's to read (issue #12); others the root's.
        await audit(db, {
          action: 'login_failed',
          details: { email },
          ip,
          ...(user ? { organisationId: user.organisationId } : {}),
        });
        throw new ApiError(401, 'invalid_credentials', 'E-mail hoặc mật khẩu không đúng.');
      }
      await attemptSucceeded(db, attempt);
      const { cookie, csrfToken } = await createSession(db, user.id);
      setCookie(c, SESSION_COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: secureCookie,
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      });
      rememberDevice(c, config.secret, user.id, secureCookie);
      await audit(db, { user, action: 'login', ip });
      return c.json({
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          mustChangePassword: user.mustChangePassword === 1,
        },
        organisation: await organisationRef(db, user.organisationId),
        csrfToken,
        publicUrlWarning,
      } satisfies Session);
    } finally {
      release();
    }
  });

  app.post('/logout', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deleteSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', async (c) => {
    const user = c.get('user');
    if (!user) return c.json({ signedIn: false } satisfies Me);
    return c.json({
      signedIn: true,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        mustChangePassword: user.mustChangePassword === 1,
      },
      organisation: await organisationRef(db, user.organisationId),
      csrfToken: user.csrfToken,
      publicUrlWarning,
    } satisfies Me);
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
    if (body.newPassword === body.currentPassword) {
      throw new ApiError(422, 'weak_password', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
    }
    await updateUser(db, user.id, {
      passwordHash: await hashPassword(body.newPassword),
      passwordChangedAt: new Date().toISOString(),
      mustChangePassword: 0,
    });
    await deleteOtherSessions(db, user.id, session.idHash);
    await audit(db, { user, action: 'password_changed', ip: c.get('ip') });
    return c.body(null, 204);
  });

  return app;
}
