import { sql } from 'kysely';
import { type Db, isPostgres } from './connect';
import { rewriteRows } from './rewrite-rows';

/**
 * While a campaign is open, the forms since the last rewrite are also the newest pages: SQLite
 * adds pages at the end of the file as the b-trees grow, so a copy of the file read with the
 * roster's `submitted_at` times lines the latest submitters up with the highest pages (issue #9,
 * point 2: rank correlation 0.66). The anonymous tables are WITHOUT ROWID with random keys, so
 * rebuilding the file in key order — VACUUM copies each b-tree in key order into fresh pages —
 * leaves every form on pages picked by its random id, whatever its arrival. The content does not
 * change (same rows, tallies, content hashes, fingerprint, exports); the free pages go with it.
 *
 * Cost: the whole file is copied, the server's one connection waiting meanwhile (0.8 s for a
 * million answers, 80 MB; `npm run bench`, section "Storage"). It needs free disk space of about
 * twice the file for a moment (SQLite's temporary copy, then the WAL, which grows to the size of
 * the database until the checkpoint that follows folds it back and truncates it). Atomic: a
 * rebuild that fails half-way (a full disk) changes nothing.
 */

/**
 * While forms keep arriving, the file is rebuilt again once this long has passed since the last
 * rebuild, and no sooner than `REWRITE_SHARE` allows (on both databases): the forms since the last rebuild are the
 * ones whose order a copy of the file still shows, so the interval is that window.
 */
export const REWRITE_OPEN_EVERY_MS = 60_000;
/**
 * The server's connection waits for a rebuild (about 0.8 s for a million answers): while a
 * campaign is open, rebuilds take at most this share of the time (a rebuild of `t` ms at most
 * every `t / REWRITE_SHARE` ms: 0.8 s → every 4 min; 0.1 s → every minute).
 */
export const REWRITE_SHARE = 1 / 300;
/** After a failed rebuild (a full disk, a busy database), the next try waits this long. */
export const RETRY_AFTER_FAILURE_MS = 10 * 60_000;

const lastFailure = new WeakMap<Db, number>();

export interface RewriteResult {
  /** False when the rewrite could not run now (it is tried again, see `rewriteIfDue`). */
  rewritten: boolean;
  /**
   * SQLite: whether the rebuilt pages were folded into the database file and the WAL emptied.
   * PostgreSQL: whether the VACUUM that removes the old row versions ran.
   */
  checkpointed: boolean;
  ms: number;
  error?: string;
}

/**
 * Rebuilds the database file in key order, then folds the WAL into it; on PostgreSQL rewrites
 * the anonymous rows instead (server/db/rewrite-rows.ts: one transaction id, key order), then
 * VACUUMs them. Never throws: a rewrite that fails (a busy database, a full disk) leaves the
 * data exactly as it was, and `rewriteIfDue` tries again later.
 */
export async function rewritePages(db: Db, now = new Date()): Promise<RewriteResult> {
  const t = performance.now();
  if (db.isTransaction)
    return { rewritten: false, checkpointed: false, ms: 0, error: 'in a transaction' };
  try {
    let submissions: number;
    let checkpointed = false;
    if (isPostgres(db)) {
      // PostgreSQL: the anonymous rows, not a file (server/db/rewrite-rows.ts).
      const rows = await rewriteRows(db);
      submissions = rows.submissions;
      checkpointed = rows.vacuumed;
    } else {
      submissions = await countSubmissions(db);
      await sql`VACUUM`.execute(db);
    }
    if (!isPostgres(db)) {
      // The rebuilt pages are in the WAL: until they are checkpointed, the database file keeps
      // the old order. A reader elsewhere (the CLI) can hold the checkpoint back; the server's
      // minute checkpoint (main.ts) finishes the job then.
      const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
      checkpointed = rows[0]?.busy === 0;
    }
    // The time the connection waited, the checkpoint's writing of the whole file included: what
    // REWRITE_SHARE budgets.
    const row = {
      rewrittenAt: now.toISOString(),
      submissions,
      tookMs: Math.round(performance.now() - t),
    };
    await db
      .insertInto('pageRewrite')
      .values({ id: 1, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    return { rewritten: true, checkpointed, ms: performance.now() - t };
  } catch (err) {
    lastFailure.set(db, now.getTime());
    return {
      rewritten: false,
      checkpointed: false,
      ms: performance.now() - t,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

/**
 * Whether the file should be rebuilt now: a campaign has closed (at its deadline or by hand)
 * since the last rewrite, or forms have arrived since one long enough ago (`REWRITE_OPEN_EVERY_MS`,
 * `REWRITE_SHARE`); not within `RETRY_AFTER_FAILURE_MS` of a failed one.
 */
export async function rewriteDue(db: Db, now = new Date()): Promise<boolean> {
  const last = await db
    .selectFrom('pageRewrite')
    .select(['rewrittenAt', 'submissions', 'tookMs'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const failed = lastFailure.get(db);
  if (failed !== undefined && now.getTime() - failed < RETRY_AFTER_FAILURE_MS) return false;
  const t = now.toISOString();
  let closed = db
    .selectFrom('campaign')
    .select('id')
    .where('closesAt', 'is not', null)
    .where('closesAt', '<=', t);
  if (last) closed = closed.where('closesAt', '>', last.rewrittenAt);
  if (await closed.executeTakeFirst()) return true;
  const submissions = await countSubmissions(db);
  if (!last) return submissions > 0;
  const every = Math.max(REWRITE_OPEN_EVERY_MS, last.tookMs / REWRITE_SHARE);
  return (
    submissions !== last.submissions &&
    now.getTime() - new Date(last.rewrittenAt).getTime() >= every
  );
}

/** The server's minute tick: rebuilds the file when `rewriteDue`; null when it was not due. */
export async function rewriteIfDue(db: Db, now = new Date()): Promise<RewriteResult | null> {
  return (await rewriteDue(db, now)) ? rewritePages(db, now) : null;
}

/** Forms stored: PAR submissions and SIPAS forms alike (a rewrite is due when it changes). */
async function countSubmissions(db: Db): Promise<number> {
  const count = async (table: 'submission' | 'sipasForm') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return (await count('submission')) + (await count('sipasForm'));
}
