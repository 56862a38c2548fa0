import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/connect';
import type { Role } from '../db/schema';
import { ApiError } from '../errors';
import { loadSession, SESSION_COOKIE, type SessionUser } from './session';

export interface AuthEnv {
  Variables: { user: SessionUser | null; ip: string };
}

/**
 * The client's address as login throttling and the audit log see it. Behind a reverse proxy
 * (TRUST_PROXY=1) it is the last address the proxy appended to X-Forwarded-For.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/** Loads the signed-in user (or null) for every console request. */
export function sessionMiddleware(db: Db, trustProxy: boolean): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set('ip', clientIp(c, trustProxy));
    const cookie = getCookie(c, SESSION_COOKIE);
    c.set('user', cookie ? ((await loadSession(db, cookie)) ?? null) : null);
    await next();
  };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF: every state-changing console call must echo the session's token in X-CSRF-Token. The
 * cookie is SameSite=Strict too; the token also covers same-site subdomains.
 */
export const csrfProtection: MiddlewareHandler<AuthEnv> = async (c, next) => {
  const user = c.get('user');
  if (user && MUTATING.has(c.req.method) && c.req.header('x-csrf-token') !== user.csrfToken) {
    throw new ApiError(403, 'csrf', 'Phiên làm việc không hợp lệ; hãy tải lại trang và thử lại.');
  }
  await next();
};

/** The signed-in user, or 401. */
export function currentUser(c: Context<AuthEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new ApiError(401, 'unauthenticated', 'Vui lòng đăng nhập.');
  return user;
}

/** Checks the role on the server, whatever the UI shows: 401 signed out, 403 wrong role. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const user = currentUser(c);
    if (!roles.includes(user.role)) {
      throw new ApiError(
        403,
        'forbidden',
        'Tài khoản của Ông/Bà không có quyền thực hiện thao tác này.',
      );
    }
    await next();
  };
}
