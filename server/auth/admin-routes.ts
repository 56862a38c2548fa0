import { Hono } from 'hono';
import { actionName, describeDetails, parseDetails } from '../../contract/console/audit-words';
import { MoveBody } from '../../contract/console/organisations';
import type { Account, Role } from '../../contract/console/users';
import { NewUserBody, type PasswordReset, UserPatch } from '../../contract/console/users';
import { audit, listAudit } from '../audit/log';
import { withTargetNames } from '../audit/targets';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { attachment, CSV, readJson, readPatch } from '../http';
import { moveUser, organisationName } from '../organisations/move';
import { isWithin, organisationRef, subtreeIds } from '../organisations/queries';
import { reachableOrganisation } from '../organisations/service';
import { viDateTime } from '../results/export/format';
import { type AuthEnv, currentUser, requireRole } from './middleware';
import { deleteUserSessions } from './session';
import { addUser, findUser, listUsers, resetPassword, updateUser } from './users';

const publicUserSync = (u: {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
  disabledAt: string | null;
  mustChangePassword: number;
}) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role as Role,
  createdAt: u.createdAt,
  disabled: u.disabledAt !== null,
  mustChangePassword: u.mustChangePassword === 1,
});

/** An account as the API answers it, with its organisation's name. */
const publicUser = async (
  db: Db,
  u: Parameters<typeof publicUserSync>[0] & { organisationId: string },
): Promise<Account> => ({
  ...publicUserSync(u),
  organisation: await organisationRef(db, u.organisationId),
});

/**
 * An account of the admin's organisation or one below it; any other answers as one that does not
 * exist (issue #12).
 */
async function reachableUser(db: Db, id: string, within: string) {
  const user = await findUser(db, id);
  if (!user || !(await isWithin(db, user.organisationId, within)))
    throw new ApiError(404, 'not_found', 'Không tìm thấy tài khoản.');
  return user;
}

/** Admin only: accounts and the audit log, of the admin's organisation and those below it. */
export function adminRoutes(db: Db) {
  const app = new Hono<AuthEnv>();
  // Per route, not app.use(): mounted at /api, a catch-all middleware would guard every route.
  const admin = requireRole('admin');

  app.get('/users', admin, async (c) => {
    const users = await listUsers(db, await subtreeIds(db, currentUser(c).organisationId));
    return c.json(
      users.map((u) => ({
        ...publicUserSync(u),
        organisation: { id: u.organisationId, name: u.organisationName ?? '' },
      })),
    );
  });

  app.post('/users', admin, async (c) => {
    const me = currentUser(c);
    const body = await readJson(c.req.raw, NewUserBody);
    const organisationId = body.organisationId
      ? (await reachableOrganisation(db, body.organisationId, me.organisationId)).id
      : me.organisationId;
    const user = await addUser(db, { ...body, organisationId });
    await audit(db, {
      user: me,
      action: 'user_added',
      target: user.email,
      details: { role: user.role },
      organisationId,
      ip: c.get('ip'),
    });
    return c.json(await publicUser(db, user), 201);
  });

  app.patch('/users/:uid', admin, async (c) => {
    const me = currentUser(c);
    const user = await reachableUser(db, c.req.param('uid'), me.organisationId);
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
      organisationId: user.organisationId,
      ip: c.get('ip'),
    });
    return c.json(await publicUser(db, (await findUser(db, user.id)) ?? user));
  });

  /**
   * An account moved to another organisation of the admin's reach (issue #12): from its next
   * request it reaches that organisation's subtree. Not the admin's own account: moving it down
   * would take the admin's reach away with no one left to give it back.
   */
  app.post('/users/:uid/move', admin, async (c) => {
    const me = currentUser(c);
    const user = await reachableUser(db, c.req.param('uid'), me.organisationId);
    const body = await readJson(c.req.raw, MoveBody);
    const to = await reachableOrganisation(db, body.organisationId, me.organisationId);
    if (user.id === me.id)
      throw new ApiError(
        409,
        'self_lockout',
        'Không thể tự chuyển tài khoản của chính mình sang tổ chức khác.',
      );
    const from = await organisationName(db, user.organisationId);
    await moveUser(db, user.id, to.id);
    await audit(db, {
      user: me,
      action: 'user_moved',
      target: user.email,
      details: { from, to: to.name },
      organisationId: to.id,
      ip: c.get('ip'),
    });
    return c.json(await publicUser(db, (await findUser(db, user.id)) ?? user));
  });

  /**
   * Issue #13.3: a forgotten password. The admin gets a one-time password to hand over in
   * person; the account is signed out everywhere and must choose its own at the next sign-in.
   * The audit says who reset whose, never the password.
   */
  app.post('/users/:uid/reset-password', admin, async (c) => {
    const me = currentUser(c);
    const user = await reachableUser(db, c.req.param('uid'), me.organisationId);
    const oneTimePassword = await resetPassword(db, user.id);
    await audit(db, {
      user: me,
      action: 'password_reset',
      target: user.email,
      organisationId: user.organisationId,
      ip: c.get('ip'),
    });
    return c.json({ oneTimePassword } satisfies PasswordReset);
  });

  app.get('/audit', admin, async (c) => {
    const limit = Math.min(Number(c.req.query('limit') ?? 200) || 200, 5000);
    const offset = Number(c.req.query('offset') ?? 0) || 0;
    const reach = await subtreeIds(db, currentUser(c).organisationId);
    return c.json(await withTargetNames(db, await listAudit(db, limit, offset, reach)));
  });

  app.get('/audit.csv', admin, async (c) => {
    const me = currentUser(c);
    const rows = await withTargetNames(
      db,
      await listAudit(db, 1_000_000, 0, await subtreeIds(db, me.organisationId)),
    );
    await audit(db, {
      user: me,
      action: 'audit_exported',
      details: { count: rows.length },
      ip: c.get('ip'),
    });
    // For a person to read (issue #13.11): Vietnamese headers, actions and details, Vietnam time.
    // Scripts read the stable codes from GET /api/audit.
    const columns = [
      'Thời điểm (giờ Việt Nam)',
      'Tài khoản',
      'Tổ chức',
      'Thao tác',
      'Đợt khảo sát',
      'Đối tượng',
      'Chi tiết',
      'Địa chỉ IP',
    ];
    // The campaign by its name, as the console's log shows it (a deleted one keeps its id).
    const campaigns = new Map(
      (await db.selectFrom('campaign').select(['id', 'name']).execute()).map((c) => [c.id, c.name]),
    );
    const lines = rows.map((r) => {
      const details = parseDetails(r.details);
      const row: unknown[] = [
        viDateTime(r.at),
        r.userEmail ?? 'dòng lệnh',
        r.organisationName ?? '',
        actionName(r.action, details),
        r.campaignId ? (campaigns.get(r.campaignId) ?? r.campaignId) : '',
        r.targetName ?? r.target ?? '',
        details ? describeDetails(r.action, details, viDateTime) : (r.details ?? ''),
        r.ip ?? '',
      ];
      return Object.fromEntries(columns.map((col, i) => [col, row[i]]));
    });
    return c.body(toCsv(columns, lines), 200, attachment('nhat-ky.csv', CSV));
  });

  return app;
}
