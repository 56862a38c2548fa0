import type { Updateable } from 'kysely';
import type { Db } from '../db/connect';
import type { Role, UserTable } from '../db/schema';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { hashPassword, passwordProblem } from './password';

export const ROLES: Role[] = ['admin', 'officer', 'analyst'];
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ Phòng Nội vụ',
  analyst: 'Phân tích, thẩm định',
};

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('user')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUser(db: Db, id: string) {
  return db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Db) {
  return db.selectFrom('user').selectAll().orderBy('email').execute();
}

export function updateUser(db: Db, id: string, patch: Updateable<UserTable>) {
  return db.updateTable('user').set(patch).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  name?: string;
}

/** Adds an account; refuses a bad e-mail, a weak password, an unknown role or a taken e-mail. */
export async function addUser(db: Db, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw new ApiError(422, 'invalid_email', `Địa chỉ e-mail "${input.email}" không hợp lệ.`);
  if (!ROLES.includes(input.role)) {
    throw new ApiError(
      422,
      'invalid_role',
      `Vai trò "${input.role}" không hợp lệ; chỉ nhận: ${ROLES.join(', ')}.`,
    );
  }
  const weak = passwordProblem(input.password);
  if (weak) throw new ApiError(422, 'weak_password', weak);
  if (await findUserByEmail(db, email))
    throw new ApiError(409, 'email_taken', `Đã có tài khoản ${email}.`);
  const now = new Date().toISOString();
  const user = {
    id: randomId(),
    email,
    name: (input.name ?? email.split('@')[0] ?? email).normalize('NFC').trim(),
    role: input.role,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    passwordChangedAt: now,
    disabledAt: null,
  };
  await db.insertInto('user').values(user).execute();
  return user;
}

/**
 * On the very first start (no account at all) makes an admin with a random password, which the
 * caller prints once. Returns null when accounts already exist.
 */
export async function ensureFirstAdmin(
  db: Db,
): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = randomId().slice(0, 16);
  const email = 'admin@localhost';
  await addUser(db, { email, password, role: 'admin', name: 'Quản trị viên' });
  return { email, password };
}
