import { Hono } from 'hono';
import { actionName, describeDetails, parseDetails } from '../../contract/console/audit-words';
import type { Account, Role } from '../../contract/console/users';
import { NewUserBody, type PasswordReset, UserPatch } from '../../contract/console/users';
import { audit, listAudit } from '../audit/log';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { attachment, CSV, readJson, readPatch } from '../http';
import { viDateTime } from '../results/export/format';
import { type AuthEnv, currentUser, requireRole } from './middleware';
import { deleteUserSessions } from './session';
import { addUser, findUser, listUsers, resetPassword, updateUser } from './users';

const publicUser = (u: {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
  disabledAt: string | null;
  mustChangePassword: number;
}): Account => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role as Role,
  createdAt: u.createdAt,
  disabled: u.disabledAt !== null,
  mustChangePassword: u.mustChangePassword === 1,
});

/** Admin only: accounts and the audit log. */
export function adminRoutes(db: Db) {
  const app = new Hono<AuthEnv>();
  // Per route, not app.use(): mounted at /api, a catch-all middleware would guard every route.
  const admin = requireRole('admin');

  app.get('/users', admin, async (c) => {
    const users = await listUsers(db);
    return c.json(users.map(publicUser));
  });

  app.post('/users', admin, async (c) => {
    const body = await readJson(c.req.raw, NewUserBody);
    const user = await addUser(db, body);
    await audit(db, {
      user: currentUser(c),
      action: 'user_added',
      target: user.email,
      details: { role: user.role },
      ip: c.get('ip'),
    });
    return c.json(publicUser(user), 201);
  });

  app.patch('/users/:uid', admin, async (c) => {
    const me = currentUser(c);
    const user = await findUser(db, c.req.param('uid'));
    if (!user) throw new ApiError(404, 'not_found', 'Không tìm thấy tài khoản.');
    const patch = await readPatch(c.req.raw, UserPatch);
    if (user.id === me.id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
      throw new ApiError(
        409,
        'self_lockout',
        'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình.',
      );
    }
    const { disabled, ...rest } = patch;
    await updateUser(db, user.id, {
      ...rest,
      ...(disabled === undefined ? {} : { disabledAt: disabled ? new Date().toISOString() : null }),
    });
    // A disabled account is signed out at once.
    if (disabled) await deleteUserSessions(db, user.id);
    await audit(db, {
      user: me,
      action: 'user_edited',
      target: user.email,
      details: patch,
      ip: c.get('ip'),
    });
    return c.json(publicUser((await findUser(db, user.id)) ?? user));
  });

  /**
   * Issue #13.3: a forgotten password. The admin gets a one-time password to hand over in
   * person; the account is signed out everywhere and must choose its own at the next sign-in.
   * The audit says who reset whose, never the password.
   */
  app.post('/users/:uid/reset-password', admin, async (c) => {
    const user = await findUser(db, c.req.param('uid'));
    if (!user) throw new ApiError(404, 'not_found', 'Không tìm thấy tài khoản.');
    const oneTimePassword = await resetPassword(db, user.id);
    await audit(db, {
      user: currentUser(c),
      action: 'password_reset',
      target: user.email,
      ip: c.get('ip'),
    });
    return c.json({ oneTimePassword } satisfies PasswordReset);
  });

  app.get('/audit', admin, async (c) => {
    const limit = Math.min(Number(c.req.query('limit') ?? 200) || 200, 5000);
    const offset = Number(c.req.query('offset') ?? 0) || 0;
    return c.json(await listAudit(db, limit, offset));
  });

  app.get('/audit.csv', admin, async (c) => {
    const rows = await listAudit(db, 1_000_000);
    await audit(db, {
      user: currentUser(c),
      action: 'audit_exported',
      details: { count: rows.length },
      ip: c.get('ip'),
    });
    // For a person to read (issue #13.11): Vietnamese headers, actions and details, Vietnam time.
    // Scripts read the stable codes from GET /api/audit.
    const columns = [
      'Thời điểm (giờ Việt Nam)',
      'Tài khoản',
      'Thao tác',
      'Đợt khảo sát',
      'Đối tượng',
      'Chi tiết',
      'Địa chỉ IP',
    ];
    const lines = rows.map((r) => {
      const details = parseDetails(r.details);
      const row: unknown[] = [
        viDateTime(r.at),
        r.userEmail ?? 'dòng lệnh',
        actionName(r.action, details),
        r.campaignId ?? '',
        r.target ?? '',
        details ? describeDetails(r.action, details, viDateTime) : (r.details ?? ''),
        r.ip ?? '',
      ];
      return Object.fromEntries(columns.map((col, i) => [col, row[i]]));
    });
    return c.body(toCsv(columns, lines), 200, attachment('nhat-ky.csv', CSV));
  });

  return app;
}
