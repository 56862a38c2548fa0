import { createHash } from 'node:crypto';
import type { Db } from '../db/connect';
import type { ScoringRun } from '../db/schema';

/**
 * The scoring runs' queries, `db` first. A missing row is `undefined`: the caller decides
 * whether that is a 404.
 */

/**
 * SHA-256 (hex) over the sorted content hashes of the campaign's submissions, one per line, and
 * how many there are. Each hash was made when its submission was stored (over its id and
 * answers), so this reads one short column through an index, however many answers there are,
 * and hashes it page by page (content hashes are unique: each covers its submission's random
 * id). The same submissions always give the same fingerprint; adding, removing or changing one
 * changes it (docs/method.md §10).
 */
export async function submissionsFingerprint(
  db: Db,
  campaignId: string,
  pageSize = 5000,
): Promise<{ fingerprint: string; count: number }> {
  const hash = createHash('sha256');
  let count = 0;
  let after: string | null = null;
  // Pages by key (content hash > the last one) rather than one row at a time through an async
  // stream: the same bounded memory, and about ten times faster (10,000 submissions: ~10 ms).
  for (;;) {
    let query = db
      .selectFrom('submission')
      .select('contentHash')
      .where('campaignId', '=', campaignId)
      .orderBy('contentHash')
      .limit(pageSize);
    if (after !== null) query = query.where('contentHash', '>', after);
    const page = await query.execute();
    for (const row of page) hash.update(`${row.contentHash}\n`);
    count += page.length;
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.contentHash ?? null;
  }
  return { fingerprint: hash.digest('hex'), count };
}

/** The campaign's runs, newest first, without their (large) results. */
export function listRuns(db: Db, campaignId: string) {
  return db
    .selectFrom('scoringRun as r')
    .leftJoin('user as c', 'c.id', 'r.createdBy')
    .leftJoin('user as l', 'l.id', 'r.lockedBy')
    .select([
      'r.id',
      'r.createdAt',
      'r.definitionCode',
      'r.definitionVersion',
      'r.settings',
      'r.official',
      'r.fingerprint',
      'r.submissionCount',
      'r.lockedAt',
      'r.selfAssessment',
      'c.email as createdByEmail',
      'l.email as lockedByEmail',
    ])
    .where('r.campaignId', '=', campaignId)
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id')
    .execute();
}

export type RunListRow = Awaited<ReturnType<typeof listRuns>>[number];

/** A run of the campaign, or undefined. */
export function findRun(
  db: Db,
  campaignId: string,
  runId: string,
): Promise<ScoringRun | undefined> {
  return db
    .selectFrom('scoringRun')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('id', '=', runId)
    .executeTakeFirst();
}

/** The most recently locked run of the campaign, if any. */
export function lastLockedRun(db: Db, campaignId: string) {
  return db
    .selectFrom('scoringRun')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .where('lockedAt', 'is not', null)
    .orderBy('lockedAt', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertRun(db: Db, run: ScoringRun): Promise<void> {
  await db.insertInto('scoringRun').values(run).execute();
}

export async function setRunLock(
  db: Db,
  runId: string,
  lock: Pick<ScoringRun, 'lockedAt' | 'lockedBy'>,
): Promise<void> {
  await db.updateTable('scoringRun').set(lock).where('id', '=', runId).execute();
}
