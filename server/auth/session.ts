import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';
import { randomId } from '../secrets';

export const SESSION_COOKIE = 'cchc_session';
/** A working day and a bit: officers sign in each morning. */
export const SESSION_HOURS = 12;

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

/** A new session; the cookie carries 256 random bits, the database only their hash. */
export async function createSession(db: Db, userId: string, now = new Date()) {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomId();
  await db
    .insertInto('session')
    .values({
      idHash: hash(cookie),
      userId,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    })
    .execute();
  return { cookie, csrfToken };
}

/** The session and its user for a cookie, if the session is live and the account enabled. */
export async function loadSession(db: Db, cookie: string, now = new Date()) {
  return db
    .selectFrom('session as s')
    .innerJoin('user as u', 'u.id', 's.userId')
    .select([
      's.idHash',
      's.csrfToken',
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.mustChangePassword',
      'u.organisationId',
    ])
    .where('s.idHash', '=', hash(cookie))
    .where('s.expiresAt', '>', now.toISOString())
    .where('u.disabledAt', 'is', null)
    .executeTakeFirst();
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

export async function deleteSession(db: Db, cookie: string) {
  await db.deleteFrom('session').where('idHash', '=', hash(cookie)).execute();
}

/** Signs a user out everywhere (a disabled account). */
export async function deleteUserSessions(db: Db, userId: string) {
  await db.deleteFrom('session').where('userId', '=', userId).execute();
}

/** Signs a user out everywhere but here (after a password change). */
export async function deleteOtherSessions(db: Db, userId: string, keepIdHash: string) {
  await db
    .deleteFrom('session')
    .where('userId', '=', userId)
    .where('idHash', '!=', keepIdHash)
    .execute();
}
