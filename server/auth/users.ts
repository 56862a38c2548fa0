import { randomBytes } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { Db } from '../db/connect';
import { ROOT_ORGANISATION, type Role, type UserTable } from '../db/schema';
import { ApiError } from '../errors';
import { randomId } from '../secrets';
import { hashPassword, passwordProblem } from './password';

export const ROLES: Role[] = ['admin', 'officer', 'analyst'];
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ nội vụ',
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

/** Every account (with `organisations`, those of them only) and its organisation's name. */
export function listUsers(db: Db, organisations?: readonly string[]) {
  let q = db
    .selectFrom('user as u')
    .leftJoin('organisation as o', 'o.id', 'u.organisationId')
    .selectAll('u')
    .select('o.name as organisationName')
    .orderBy('u.email');
  if (organisations) {
    if (organisations.length === 0) return Promise.resolve([]);
    q = q.where('u.organisationId', 'in', organisations);
  }
  return q.execute();
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
  /** The password was chosen for the person (the first admin's): they change it at sign-in. */
  mustChangePassword?: boolean;
  /** The organisation it belongs to (the caller has checked it exists); the root when absent. */
  organisationId?: string;
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
    mustChangePassword: input.mustChangePassword ? 1 : 0,
    organisationId: input.organisationId ?? ROOT_ORGANISATION,
  };
  await db.insertInto('user').values(user).execute();
  return user;
}

/** A password for one sign-in: 4 groups of 4 letters and digits, nothing that reads alike. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * An admin's (or the CLI's) reset: a one-time password, returned once and stored only hashed;
 * the account must choose its own at its next sign-in, and every session it had ends now.
 */
export async function resetPassword(db: Db, userId: string): Promise<string> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user')
      .set({ passwordHash, passwordChangedAt: new Date().toISOString(), mustChangePassword: 1 })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('session').where('userId', '=', userId).execute();
  });
  return password;
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
  try {
    await addUser(db, {
      email,
      password,
      role: 'admin',
      name: 'Quản trị viên',
      mustChangePassword: true,
    });
  } catch (err) {
    // Two server processes starting at once on an empty database both counted none: the
    // other one's insert won (the e-mail is unique), and it prints the password. This one starts.
    if ((await countUsers(db)) > 0) return null;
    throw err;
  }
  return { email, password };
}
