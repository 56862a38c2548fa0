import type { Db } from '../db/connect';
import { vietnamTime } from './time';

/**
 * The minute tick's SIPAS part (server/main.ts; docs/anonymity.md): what only served to count
 * repeats this hour, to limit a device today, to answer retries today and to spend proofs is
 * deleted as soon as its hour, day or challenge is past.
 */
export async function sipasCleanup(db: Db, now = new Date()): Promise<void> {
  const { day, hour } = vietnamTime(now);
  await db.deleteFrom('sipasRecent').where('hour', '<', hour).execute();
  await db.deleteFrom('sipasDeviceDay').where('day', '<', day).execute();
  await db.deleteFrom('sipasReceipt').where('day', '<', day).execute();
  await db.deleteFrom('sipasProof').where('expiresAt', '<', now.toISOString()).execute();
}
