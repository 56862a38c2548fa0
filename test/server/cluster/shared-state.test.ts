import { describe, expect, it } from 'vitest';
import { countUsers, ensureFirstAdmin } from '../../../server/auth/users';
import { oneAtATime } from '../../../server/db/one-at-a-time';
import { freshDb, onPostgres } from '../../db';

// What two server processes on one database must agree on (issue #12 part 4), in one process:
// the same calls, made at once, as two processes would make them.
describe('two processes starting on an empty database', () => {
  it('make one first administrator between them, and both start', async () => {
    const db = await freshDb();
    try {
      const both = await Promise.all([ensureFirstAdmin(db), ensureFirstAdmin(db)]);
      expect(both.filter((b) => b !== null)).toHaveLength(1);
      expect(await countUsers(db)).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});

describe('oneAtATime: a periodic job run by one process at a time', () => {
  it.skipIf(!onPostgres)('is skipped by a second process while the first runs it', async () => {
    const db = await freshDb();
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((done) => {
        release = done;
      });
      let entered: () => void = () => undefined;
      const inside = new Promise<void>((done) => {
        entered = done;
      });
      const first = oneAtATime(db, 'test-job', async () => {
        entered();
        await held;
        return 'first';
      });
      await inside;
      expect(await oneAtATime(db, 'test-job', async () => 'second')).toBeNull();
      // Another job's name is not held.
      expect(await oneAtATime(db, 'other-job', async () => 'other')).toBe('other');
      release();
      expect(await first).toBe('first');
      // Released once done, also when the job throws.
      await expect(
        oneAtATime(db, 'test-job', async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await oneAtATime(db, 'test-job', async () => 'third')).toBe('third');
    } finally {
      await db.destroy();
    }
  });

  it('runs the job on the connection it holds, transactions included', async () => {
    const db = await freshDb();
    try {
      const n = await oneAtATime(db, 'count-job', (conn) =>
        conn.transaction().execute(async (trx) => countUsers(trx)),
      );
      expect(n).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
