import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/connect';
import type { Role } from '../db/schema';
import { ApiError } from '../errors';
import { resolveClientIp } from './proxy';
import { loadSession, SESSION_COOKIE, type SessionUser } from './session';

export interface AuthEnv {
  Variables: { user: SessionUser | null; ip: string };
}

/**
 * The client's address, as the audit log records it (throttling no longer uses addresses).
 * Behind a reverse proxy listed in TRUST_PROXY it comes from X-Forwarded-For (proxy.ts); from
 * any other peer that header is ignored.
 */
export function clientIp(c: Context, trustProxy: boolean | readonly string[]): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    peer = 'local';
  }
  return resolveClientIp(peer, c.req.header('x-forwarded-for'), trustProxy);
}

/** Loads the signed-in user (or null) for every console request. */
export function sessionMiddleware(
  db: Db,
  trustProxy: boolean | readonly string[],
): MiddlewareHandler<AuthEnv> {
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
export function currentUser<E extends AuthEnv>(c: Context<E>): SessionUser {
  const user: SessionUser | null = c.get('user');
  if (!user) throw new ApiError(401, 'unauthenticated', 'Vui lòng đăng nhập.');
  return user;
}

/**
 * Checks the role on the server, whatever the UI shows: 401 signed out, 403 wrong role, and 403
 * `password_change_required` while the account still has a password someone else set (only
 * `/api/auth/me`, `/password` and `/logout`, which do not use this, stay open then).
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const user = currentUser(c);
    if (user.mustChangePassword) {
      throw new ApiError(
        403,
        'password_change_required',
        'Mật khẩu của Ông/Bà do người khác đặt: hãy đổi mật khẩu trước khi tiếp tục.',
      );
    }
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

/**
 * Login CSRF (issue #9.14): the calls made before a session exists (sign-in, sign-out) carry no
 * CSRF token, so they must be JSON — a form on another site can only send text/plain, urlencoded
 * or multipart without a CORS preflight, which this server never grants — and, when the browser
 * says where the call comes from (Origin, Sec-Fetch-Site), it must come from PUBLIC_URL.
 */
export function sameOriginJson(publicUrl: string): MiddlewareHandler {
  let origin = '';
  try {
    origin = publicUrl ? new URL(publicUrl).origin : '';
  } catch {
    origin = '';
  }
  return async (c, next) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'Yêu cầu phải gửi dữ liệu dạng JSON (Content-Type: application/json).',
      );
    }
    const site = c.req.header('sec-fetch-site');
    const from = c.req.header('origin');
    if ((site && site !== 'same-origin' && site !== 'none') || (from && from !== origin)) {
      throw new ApiError(
        403,
        'cross_origin',
        'Yêu cầu đến từ trang web khác; chỉ đăng nhập được từ trang của hệ thống.',
      );
    }
    await next();
  };
}
