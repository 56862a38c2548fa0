import { sql } from 'kysely';
import { type Db, isPostgres } from './connect';

/**
 * Runs a periodic job (the server's minute tick) unless another server process on the same
 * database is running it right now: null then. On PostgreSQL a session advisory lock named
 * after the job, held on one connection of the pool for the job's length, and `fn` runs on that
 * connection; released when it ends, also when it throws (and by the server if the process
 * dies). On SQLite `fn` simply runs: one file has one writer, and the jobs decide from rows in
 * the database whether they are due (server/db/rewrite.ts `rewriteDue`), so a second run finds
 * nothing left to do.
 */
export async function oneAtATime<T>(
  db: Db,
  job: string,
  fn: (db: Db) => Promise<T>,
): Promise<T | null> {
  if (!isPostgres(db)) return fn(db);
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{
      got: boolean;
    }>`select pg_try_advisory_lock(hashtext(${`job:${job}`})) as got`.execute(conn);
    if (!rows[0]?.got) return null;
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${`job:${job}`}))`.execute(conn);
    }
  });
}
