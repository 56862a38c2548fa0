import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Db, inTransaction, isPostgres } from '../db/connect';

/**
 * Guessing budgets (issue #9, points 6 and 7). An attempt — a sign-in or a short code — is
 * reserved in the database before anything is evaluated, in one INSERT … SELECT … WHERE whose
 * condition counts the recent attempts: SQLite runs it under its write lock, so 200 attempts at
 * once (from one process or several) cannot all read "under the limit" and all go ahead. A
 * failed attempt stays as the reservation; a successful one is set to scope 'ok' and no longer
 * counts. Nothing is keyed by network address: a hall, an office NAT or a mobile network
 * behind one address is never refused because someone else there guessed.
 */
export const WINDOW_MS = 60 * 60_000;

export type Scope = 'account' | 'device' | 'code';

export interface Budget {
  scope: Scope;
  key: string;
  /** Go ahead only while this key has fewer attempts in the window. */
  maxForKey: number;
  /** …and while the whole scope has fewer attempts in the window. */
  maxForScope: number;
  /** The attempt's id: `pow:<challenge id>` when a proof of work paid for it. */
  id?: string;
}

/** Never reached; stands for "no limit" in a budget. */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Reserves one attempt; its id, or null when the budget is spent (or the proof was used). */
export async function reserveAttempt(db: Db, b: Budget, now = new Date()): Promise<string | null> {
  await pruneNowAndThen(db, now);
  const id = b.id ?? randomBytes(12).toString('base64url');
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const insert = (trx: Db) =>
    sql`
    INSERT INTO login_attempt (id, scope, key, at)
    SELECT ${id}, ${b.scope}, ${b.key}, ${now.toISOString()}
    WHERE (SELECT count(*) FROM login_attempt
             WHERE scope = ${b.scope} AND key = ${b.key} AND at > ${since}) < ${b.maxForKey}
      AND (SELECT count(*) FROM login_attempt
             WHERE scope = ${b.scope} AND at > ${since}) < ${b.maxForScope}
    ON CONFLICT DO NOTHING`.execute(trx);
  // PostgreSQL has no single writer: a lock per scope, held until the commit, stands in for it,
  // so that there too the count and the insert are one step.
  const result = isPostgres(db)
    ? await inTransaction(db, async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`login_attempt:${b.scope}`}))`.execute(
          trx,
        );
        return insert(trx);
      })
    : await insert(db);
  return Number(result.numAffectedRows ?? 0) === 1 ? id : null;
}

/** A reserved attempt succeeded: it no longer counts (its row stays, so a proof is spent once). */
export async function attemptSucceeded(db: Db, id: string): Promise<void> {
  await db.updateTable('loginAttempt').set({ scope: 'ok' }).where('id', '=', id).execute();
}

/** Recent attempts of a key and of its whole scope (to say how much work the next one costs). */
export async function recentAttempts(
  db: Db,
  scope: Scope,
  key: string,
  now = new Date(),
): Promise<{ forKey: number; forScope: number }> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const row = await db
    .selectFrom('loginAttempt')
    .select((eb) => [
      eb.fn.countAll<number>().as('forScope'),
      eb.fn.sum<number>(eb.case().when('key', '=', key).then(1).else(0).end()).as('forKey'),
    ])
    .where('scope', '=', scope)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { forKey: Number(row.forKey ?? 0), forScope: Number(row.forScope) };
}

let lastPrune = 0;
/** Attempts older than the window (and any spent proof's expiry) are deleted, once a minute. */
async function pruneNowAndThen(db: Db, now: Date) {
  if (now.getTime() - lastPrune < 60_000) return;
  lastPrune = now.getTime();
  const before = new Date(now.getTime() - WINDOW_MS).toISOString();
  await db.deleteFrom('loginAttempt').where('at', '<', before).execute();
}
