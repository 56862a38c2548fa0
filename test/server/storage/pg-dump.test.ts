import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../../server/audit/log';
import { openDb } from '../../../server/db/connect';
import { DEMO_CAMPAIGN_ID } from '../../../server/demo/demo';
import { createRun } from '../../../server/results/service';
import { freshPostgresUrl, onPostgres } from '../../db';
import { fillDemo } from './demo-deployment';
import { tempDir } from './file-db';

const tmp = tempDir('cchc-pg-dump-');
afterAll(() => tmp.remove());

/** The options the README gives, word for word (checked below). */
const DUMP = ['-Fc', '--no-owner', '--no-privileges'];
const RESTORE = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error'];

/** PostgreSQL's own client, as test/postgres/server.ts finds initdb. */
function bin(name: string): string {
  for (const v of ['17', '16', '15']) {
    const path = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (spawnSync('test', ['-x', path]).status === 0) return path;
  }
  return name;
}

describe('a PostgreSQL deployment kept with pg_dump and pg_restore (README)', () => {
  it('the README gives these commands', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(`pg_dump ${DUMP.join(' ')} -d "$DATABASE_URL" -f `);
    expect(readme).toContain(`pg_restore ${RESTORE.join(' ')} -d `);
  });

  it.skipIf(!onPostgres)(
    'a dump of the demo restored into an empty database scores to the same fingerprint',
    async () => {
      const live = await freshPostgresUrl(true);
      const db = openDb(live, { max: 2, idleTimeoutMillis: 1000 });
      let original: Awaited<ReturnType<typeof fillDemo>>;
      try {
        original = await fillDemo(db);
      } finally {
        await db.destroy();
      }
      const file = join(tmp.dir, 'cchc-2026-12-06.dump');
      execFileSync(bin('pg_dump'), [...DUMP, '-d', live, '-f', file], { stdio: 'pipe' });
      expect(statSync(file).size).toBeGreaterThan(0);
      const restoredUrl = await freshPostgresUrl(false); // createdb -T template0: empty
      execFileSync(bin('pg_restore'), [...RESTORE, '-d', restoredUrl, file], { stdio: 'pipe' });

      const restored = openDb(restoredUrl, { max: 2, idleTimeoutMillis: 1000 });
      try {
        const kept = await restored.selectFrom('scoringRun').selectAll().executeTakeFirstOrThrow();
        expect(kept).toEqual(original);
        const rerun = await createRun(restored, DEMO_CAMPAIGN_ID);
        expect(rerun.fingerprint).toBe(original.fingerprint);
        expect(rerun.submissionCount).toBe(24);
        expect(rerun.results).toBe(original.results);
        // The counters came along: a new audit row follows the restored ones.
        const last = await restored
          .selectFrom('auditLog')
          .select('id')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        await audit(restored, { action: 'campaign_open', campaignId: DEMO_CAMPAIGN_ID });
        const next = await restored
          .selectFrom('auditLog')
          .select('id')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(next.id).toBe(last.id + 1);
      } finally {
        await restored.destroy();
      }
    },
    120_000,
  );
});
