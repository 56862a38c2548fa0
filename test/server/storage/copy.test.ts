import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../../server/audit/log';
import { runCli } from '../../../server/cli';
import { type Db, migrateToLatest, openDb } from '../../../server/db/connect';
import { COPY_TABLES, organisationsInOrder } from '../../../server/db/copy';
import { DEMO_CAMPAIGN_ID } from '../../../server/demo/demo';
import { createRun } from '../../../server/results/service';
import {
  failInserts,
  foreignTables,
  freshDb,
  freshPostgresUrl,
  onPostgres,
  tableNames,
} from '../../db';
import { freePort } from '../../postgres/server';
import { captureConsole } from '../console-capture';
import { fillDemo } from './demo-deployment';
import { cliEnv as envFor, tempDir } from './file-db';

const tmp = tempDir('cchc-copy-');
afterAll(() => tmp.remove());

const { out, err } = captureConsole();
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** The demo deployment (fillDemo) on a SQLite file, closed (checkpointed); its run. */
async function demoFile(path: string) {
  const db = openDb(path);
  try {
    return await fillDemo(db);
  } finally {
    await db.destroy();
  }
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of COPY_TABLES) {
    const row = await db
      .withoutPlugins()
      .selectFrom(name as 'user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[name] = Number(row.n);
  }
  return counts;
}

describe('npm run cli -- db copy', () => {
  it('copies every table, each after the tables its foreign keys point at', async () => {
    const db = await freshDb();
    try {
      const names = COPY_TABLES.map((t) => t.name);
      expect([...names].sort()).toEqual((await tableNames(db)).sort());
      for (const [i, name] of names.entries())
        for (const target of await foreignTables(db, name))
          if (target !== name) expect(names.indexOf(target), `${name} → ${target}`).toBeLessThan(i);
    } finally {
      await db.destroy();
    }
    // The organisation tree points at itself: parents first, whatever the ids.
    const ordered = organisationsInOrder([
      { id: 'a', parent_id: 'b' },
      { id: 'root', parent_id: null },
      { id: 'b', parent_id: 'root' },
    ]);
    expect(ordered.map((r) => r.id)).toEqual(['root', 'b', 'a']);
  });

  it('refuses, in Vietnamese with exit 1 and nothing written, a target that is not an empty PostgreSQL database', async () => {
    const source = join(tmp.dir, 'refused.sqlite');
    const db = openDb(source);
    await migrateToLatest(db);
    await db.destroy();
    const before = sha(source);

    expect(await runCli(['db', 'copy'], envFor(source))).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: cần "db copy --to <địa chỉ PostgreSQL>"\./);
    expect(await runCli(['db', 'move', '--to', 'postgres://x@h/db'], envFor(source))).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: cần "db copy --to <địa chỉ PostgreSQL>"\./);
    expect(await runCli(['db', 'copy', '--to'], envFor(source))).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: tham số không hợp lệ \(tùy chọn "--to" cần một giá trị/);

    const file = join(tmp.dir, 'target.sqlite');
    expect(await runCli(['db', 'copy', '--to', file], envFor(source))).toBe(1);
    expect(err.at(-1)).toBe(
      `Lỗi: --to phải là địa chỉ một cơ sở dữ liệu PostgreSQL (postgres://người-dùng:mật-khẩu@máy:5432/tên), không phải "${file}".`,
    );
    expect(existsSync(file)).toBe(false);

    const port = await freePort(); // nothing listens there
    const nowhere = `postgres://cchc:bí-mật@127.0.0.1:${port}/cchc`;
    expect(await runCli(['db', 'copy', '--to', nowhere], envFor(source))).toBe(1);
    expect(err.at(-1)).toBe(
      `Lỗi: Không kết nối được PostgreSQL tại postgres://***@127.0.0.1:${port}/cchc: máy chủ không nhận kết nối (ECONNREFUSED); kiểm tra địa chỉ, cổng và máy chủ đã chạy chưa.`,
    );
    expect(err.join('\n')).not.toContain('bí-mật');

    const missing = join(tmp.dir, 'missing.sqlite');
    expect(await runCli(['db', 'copy', '--to', nowhere], envFor(missing))).toBe(1);
    expect(err.at(-1)).toBe(`Lỗi: Không tìm thấy cơ sở dữ liệu nguồn ${missing}.`);
    expect(existsSync(missing)).toBe(false);
    expect(await runCli(['db', 'copy', '--from', nowhere, '--to', nowhere], envFor(source))).toBe(
      1,
    );
    expect(err.at(-1)).toBe(
      'Lỗi: Nguồn phải là một tệp SQLite; lệnh này chỉ chép từ SQLite sang PostgreSQL.',
    );
    // A file that is not SQLite, and a SQLite file this version never migrated: refused too.
    const text = join(tmp.dir, 'notes.txt');
    writeFileSync(text, 'không phải cơ sở dữ liệu\n'.repeat(200));
    expect(await runCli(['db', 'copy', '--from', text, '--to', nowhere], envFor(source))).toBe(1);
    expect(err.at(-1)).toBe(
      `Lỗi: Không mở được ${text} như một cơ sở dữ liệu SQLite: file is not a database.`,
    );
    const bare = join(tmp.dir, 'bare.sqlite');
    new SQLite(bare).close();
    expect(await runCli(['db', 'copy', '--from', bare, '--to', nowhere], envFor(source))).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: Nguồn chưa ở phiên bản cơ sở dữ liệu hiện tại: /);
    expect(sha(source)).toBe(before);
    expect(out).toEqual([]);
  });

  it.skipIf(!onPostgres)(
    'copies the SQLite demo into an empty PostgreSQL database, which scores to the same fingerprint; the source is unchanged; a second copy is refused',
    async () => {
      const source = join(tmp.dir, 'demo', 'cchc.sqlite');
      const original = await demoFile(source);
      expect(original.submissionCount).toBe(24);
      const files = readdirSync(join(tmp.dir, 'demo'));
      const before = sha(source);

      const target = await freshPostgresUrl(false); // created, never migrated
      expect(await runCli(['db', 'copy', '--to', target], envFor(source))).toBe(0);
      expect(err).toEqual([]);
      expect(out.at(-2)).toMatch(/^Đã sao chép và kiểm tra: khớp \(\d+(,\d)? giây\)\.$/);
      expect(out).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Đợt demo-2023: 24 phiếu, dấu vân tay ${original.fingerprint.slice(0, 12)}…, .* 1 lượt tính điểm: khớp\\.$`,
          ),
        ),
      );
      expect(out).toContainEqual(expect.stringMatching(/^submission +24$/));
      expect(out).toContainEqual(expect.stringMatching(/^organisation +3$/));
      // The source is only read: the same bytes. A read-only reader of a WAL database leaves
      // its (empty) log and shared-memory index beside it, as any reader does: nothing written.
      expect(sha(source)).toBe(before);
      expect(files).toEqual(['cchc.sqlite']);
      expect(readdirSync(join(tmp.dir, 'demo')).filter((f) => !/-(wal|shm)$/.test(f))).toEqual(
        files,
      );
      expect(statSync(`${source}-wal`).size).toBe(0);

      const copy = openDb(target, { max: 2, idleTimeoutMillis: 1000 });
      const sqlite = openDb(source);
      try {
        expect(await rowCounts(copy)).toEqual(await rowCounts(sqlite));
        // Values as they were: the run kept, JSON text byte for byte, 0/1 flags as numbers.
        const kept = await copy.selectFrom('scoringRun').selectAll().executeTakeFirstOrThrow();
        expect(kept).toEqual(original);
        const rerun = await createRun(copy, DEMO_CAMPAIGN_ID);
        expect(rerun.fingerprint).toBe(original.fingerprint);
        expect(rerun.submissionCount).toBe(24);
        expect(JSON.parse(rerun.results)).toEqual(JSON.parse(original.results));
        expect(rerun.distributions).toBe(original.distributions);
        // The counters go on after the copied ids: a new audit row is accepted.
        const last = await copy
          .selectFrom('auditLog')
          .select('id')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        await audit(copy, { action: 'campaign_open', campaignId: DEMO_CAMPAIGN_ID });
        const next = await copy
          .selectFrom('auditLog')
          .select('id')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(next.id).toBe(last.id + 1);
        // The anonymous rows lie in the order of their random keys, not of their arrival.
        const { rows } = await sql<{ id: string }>`SELECT id FROM submission ORDER BY ctid`.execute(
          copy,
        );
        expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort());
      } finally {
        await sqlite.destroy();
      }

      // Into a database that now holds a deployment: refused, nothing changed.
      const counts = await rowCounts(copy);
      out.length = 0;
      expect(await runCli(['db', 'copy', '--to', target], envFor(source))).toBe(1);
      expect(err.at(-1)).toMatch(
        /^Lỗi: Cơ sở dữ liệu đích postgres:\/\/\*\*\*@.* đã có dữ liệu \(answer: 2\.388 dòng, .*campaign: 1 dòng, .*\); chỉ sao chép vào một cơ sở dữ liệu trống\. Không có gì được ghi\.$/,
      );
      expect(out).toEqual([]);
      expect(await rowCounts(copy)).toEqual(counts);
      await copy.destroy();
      expect(sha(source)).toBe(before);
    },
    120_000,
  );

  it.skipIf(!onPostgres)(
    'leaves the target empty when the copy fails half-way, and copies into it once the fault is gone',
    async () => {
      const source = join(tmp.dir, 'fault', 'cchc.sqlite');
      await demoFile(source);
      const target = await freshPostgresUrl(true); // migrated, never used: empty
      const db = openDb(target, { max: 2, idleTimeoutMillis: 1000 });
      try {
        const empty = await rowCounts(db);
        const heal = await failInserts(db, 'answer', 'true', 'disk full');
        expect(await runCli(['db', 'copy', '--to', target], envFor(source))).toBe(1);
        expect(err.at(-1)).toBe(
          'Lỗi: không sao chép được (disk full). Mọi dòng đã chép được hoàn tác: cơ sở dữ liệu đích vẫn trống.',
        );
        expect(await rowCounts(db)).toEqual(empty);
        await heal();
        expect(await runCli(['db', 'copy', '--to', target], envFor(source))).toBe(0);
        expect((await rowCounts(db)).submission).toBe(24);
      } finally {
        await db.destroy();
      }
    },
    120_000,
  );
});
