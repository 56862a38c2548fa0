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
    .select(['s.idHash', 's.csrfToken', 'u.id', 'u.email', 'u.name', 'u.role'])
    .where('s.idHash', '=', hash(cookie))
    .where('s.expiresAt', '>', now.toISOString())
    .where('u.disabledAt', 'is', null)
    .executeTakeFirst();
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

export async function deleteSession(db: Db, cookie: string) {
  await db.deleteFrom('session').where('idHash', '=', hash(cookie)).execute();
}

/** Signs a user out everywhere but here (after a password change). */
export async function deleteOtherSessions(db: Db, userId: string, keepIdHash: string) {
  await db
    .deleteFrom('session')
    .where('userId', '=', userId)
    .where('idHash', '!=', keepIdHash)
    .execute();
}

// Throttling: failures are kept in the database, so several servers see the same counts.
const WINDOW_MS = 15 * 60_000;
const MAX_PER_EMAIL = 5;
const MAX_PER_IP = 20;

/** Seconds to wait until every key is under its limit of failures in the window (0: go ahead). */
export async function failureWait(
  db: Db,
  limits: { key: string; max: number }[],
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('loginFailure')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('at').as('first')])
    .where(
      'key',
      'in',
      limits.map((l) => l.key),
    )
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  let wait = 0;
  for (const r of rows) {
    const max = limits.find((l) => l.key === r.key)?.max ?? Number.POSITIVE_INFINITY;
    if (Number(r.n) >= max) {
      const until = new Date(String(r.first)).getTime() + WINDOW_MS;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
    }
  }
  return wait;
}

/** Seconds to wait before another login attempt from this address or for this e-mail. */
export function loginWait(db: Db, ip: string, email: string, now = new Date()): Promise<number> {
  return failureWait(
    db,
    [
      { key: `ip:${ip}`, max: MAX_PER_IP },
      { key: `email:${email}`, max: MAX_PER_EMAIL },
    ],
    now,
  );
}

export async function recordFailure(db: Db, key: string, now = new Date()) {
  await db.insertInto('loginFailure').values({ key, at: now.toISOString() }).execute();
}

export async function recordLoginFailure(db: Db, ip: string, email: string, now = new Date()) {
  const at = now.toISOString();
  await db
    .insertInto('loginFailure')
    .values([
      { key: `ip:${ip}`, at },
      { key: `email:${email}`, at },
    ])
    .execute();
}

export async function clearLoginFailures(db: Db, email: string) {
  await db.deleteFrom('loginFailure').where('key', '=', `email:${email}`).execute();
}
