import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../../../contract/results';
import { createApp } from '../../../server/app';
import { setCampaignOpen } from '../../../server/campaigns/service';
import { runCli } from '../../../server/cli';
import { migrateToLatest, openDb } from '../../../server/db/connect';
import { submissionsFingerprint } from '../../../server/results/queries';
import { captureConsole } from '../console-capture';
import { claimLink, config, json, signIn, submissionId, withClaim } from '../helpers';
import { delegateAnswers, cliEnv as envFor, fileApp, tempDir } from './file-db';

const ROOT = resolve(import.meta.dirname, '../../..');
const tmp = tempDir('cchc-backup-');
afterAll(() => tmp.remove());

const { out, err } = captureConsole();
type App = ReturnType<typeof createApp>;
const asCtx = (db: ReturnType<typeof openDb>, app: App) =>
  ({ db, app }) as unknown as Parameters<typeof signIn>[0];

async function officialRun(db: ReturnType<typeof openDb>, app: App, campaignId: string) {
  const analyst = await signIn(asCtx(db, app), 'analyst');
  const res = await analyst(`/api/campaigns/${campaignId}/runs`, { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as ResultsDocument;
}

const integrity = (path: string) => {
  const db = new SQLite(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
};

describe('npm run cli -- backup FILE', () => {
  it('copies the live database, refuses to overwrite unless asked, and a restore scores to the same fingerprint', async () => {
    const live = join(tmp.dir, 'live.sqlite');
    const ctx = await fileApp(live, 12);
    for (let i = 0; i < 10; i++) {
      expect((await ctx.submitVaried(i)).status).toBe(201);
    }
    await setCampaignOpen(ctx.db, ctx.campaignId, false);
    const original = await officialRun(ctx.db, ctx.app, ctx.campaignId);

    const backup = join(tmp.dir, 'backups', 'cchc-2026-12-06.sqlite');
    // The server keeps its connection open meanwhile, as in production.
    expect(await runCli(['backup', backup], envFor(live))).toBe(0);
    expect(out[0]).toMatch(
      /^Đã sao lưu cơ sở dữ liệu vào .*cchc-2026-12-06\.sqlite: 10 phiếu, .* MB, kiểm tra toàn vẹn: ok/,
    );
    expect(integrity(backup)).toBe('ok');
    // Only the backup itself: no temporary file, no -wal or -shm left beside it.
    expect(readdirSync(join(tmp.dir, 'backups'))).toEqual(['cchc-2026-12-06.sqlite']);

    // An existing file is kept unless --overwrite.
    const first = readFileSync(backup);
    expect(await runCli(['backup', backup], envFor(live))).toBe(1);
    expect(err.at(-1)).toBe(
      `Lỗi: Tệp ${backup} đã có. Chọn tên khác, hoặc thêm --overwrite để ghi đè.`,
    );
    expect(readFileSync(backup).equals(first)).toBe(true);
    expect(await runCli(['backup', backup, '--overwrite'], envFor(live))).toBe(0);
    expect(integrity(backup)).toBe('ok');

    // Restore: the backup copied into place, the app started on it.
    const restoredPath = join(tmp.dir, 'restored', 'cchc.sqlite');
    await ctx.db.destroy();
    const restoredDir = join(tmp.dir, 'restored');
    expect(existsSync(restoredDir)).toBe(false);
    mkdirSync(restoredDir);
    copyFileSync(backup, restoredPath);
    const db = openDb(restoredPath);
    try {
      await migrateToLatest(db);
      const app = createApp({ db, config });
      const restored = await officialRun(db, app, ctx.campaignId);
      expect(restored.fingerprint).toBe(original.fingerprint);
      expect(restored.submissionCount).toBe(10);
      expect(restored.units).toEqual(original.units);
      // The respondents' side works on the restored file too: an unused link still submits.
      await setCampaignOpen(db, ctx.campaignId, true);
      const claim = await claimLink(app, ctx.tokens[10] ?? '');
      const res = await app.request(
        `/api/s/${ctx.tokens[10]}/submit`,
        withClaim(
          claim,
          json({ submissionId: submissionId(), answers: await delegateAnswers(db) }),
        ),
      );
      expect(res.status).toBe(201);
    } finally {
      await db.destroy();
    }
  });

  it('fails in Vietnamese, with exit 1 and no file written, on bad input', async () => {
    const live = join(tmp.dir, 'bad.sqlite');
    const ctx = await fileApp(live, 1);
    await ctx.db.destroy();
    expect(await runCli(['backup'], envFor(live))).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: cần đúng một tên tệp sao lưu\./);
    expect(await runCli(['backup', 'a.sqlite', 'b.sqlite'], envFor(live))).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: thừa tham số: b\.sqlite\./);
    expect(await runCli(['backup', join(tmp.dir, 'x.sqlite'), '--bogus'], envFor(live))).toBe(1);
    expect(err.at(-1)).toMatch(/^Lỗi: tham số không hợp lệ \(không có tùy chọn "--bogus"\)\./);
    expect(await runCli(['backup', live], envFor(live))).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Tệp sao lưu phải khác tệp cơ sở dữ liệu đang dùng.');
    const missing = join(tmp.dir, 'nothing-here.sqlite');
    expect(await runCli(['backup', join(tmp.dir, 'y.sqlite')], envFor(missing))).toBe(1);
    expect(err.at(-1)).toBe(`Lỗi: Không tìm thấy cơ sở dữ liệu ${missing} (DATABASE_URL).`);
    expect(existsSync(missing)).toBe(false);
    expect(await runCli(['backup', join(tmp.dir, 'z.sqlite')], envFor(':memory:'))).toBe(1);
    expect(err.at(-1)).toBe('Lỗi: Cơ sở dữ liệu trong bộ nhớ (:memory:) không sao lưu được.');
    for (const f of ['x.sqlite', 'y.sqlite', 'z.sqlite'])
      expect(existsSync(join(tmp.dir, f))).toBe(false);
    // A file in the way of the folder: fails, nothing left behind.
    writeFileSync(join(tmp.dir, 'not-a-folder'), '');
    expect(await runCli(['backup', join(tmp.dir, 'not-a-folder', 'b.sqlite')], envFor(live))).toBe(
      1,
    );
    expect(err.at(-1)).toBe(
      `Lỗi: Không tạo được thư mục ${join(tmp.dir, 'not-a-folder')} (EEXIST).`,
    );
  });

  it('taken by another process while submits are committed, is a valid, consistent database that restores and scores as the forms it holds', async () => {
    const live = join(tmp.dir, 'busy.sqlite');
    const ctx = await fileApp(live, 600);
    // Some forms first, so the copy has something to be consistent about.
    let next = 0;
    const submit = async () => {
      const i = next++;
      expect((await ctx.submitVaried(i)).status).toBe(201);
    };
    for (let i = 0; i < 50; i++) await submit();
    const before = next;
    const backup = join(tmp.dir, 'busy-backup.sqlite');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'server/cli.ts'), 'backup', backup],
      { cwd: ROOT, env: { ...process.env, ...envFor(live) }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const chunks: string[] = [];
    child.stdout.on('data', (d) => chunks.push(String(d)));
    child.stderr.on('data', (d) => chunks.push(String(d)));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let running = true;
    void exited.then(() => {
      running = false;
    });
    while (running && next < ctx.tokens.length) await submit();
    const code = await exited;
    const after = next;
    await ctx.db.destroy();
    expect(chunks.join('')).toMatch(/Đã sao lưu/);
    expect(code).toBe(0);
    expect(after).toBeGreaterThan(before); // submits were really committed during the backup

    expect(integrity(backup)).toBe('ok');
    let forms = 0;
    const copy = new SQLite(backup, { readonly: true });
    try {
      forms = (copy.prepare('SELECT count(*) AS n FROM submission').get() as { n: number }).n;
      expect(forms).toBeGreaterThanOrEqual(before);
      expect(forms).toBeLessThanOrEqual(after);
      // One snapshot: every form whole (176 answers), tallies = recount, invitations agree.
      const partial = copy
        .prepare(
          'SELECT s.id FROM submission s LEFT JOIN answer a ON a.submission_id = s.id GROUP BY s.id HAVING count(a.submission_id) <> 176',
        )
        .all();
      expect(partial).toEqual([]);
      const tallied = copy.prepare('SELECT sum(n) AS n FROM answer_tally').get() as { n: number };
      expect(tallied.n).toBe(forms * 176);
      const submitted = copy
        .prepare("SELECT count(*) AS n FROM invitation WHERE status = 'submitted'")
        .get() as { n: number };
      expect(submitted.n).toBe(forms);
    } finally {
      copy.close();
    }

    // Restored as docs/operations.md §4 says (the file copied into place, no -wal or -shm beside
    // it), closed and scored: the results of exactly the first `forms` forms, as a database that
    // only ever received those scores them, and the fingerprint of the forms the backup holds.
    const restoredPath = join(tmp.dir, 'busy-restored', 'cchc.sqlite');
    mkdirSync(join(tmp.dir, 'busy-restored'));
    copyFileSync(backup, restoredPath);
    const held = openDb(backup);
    const inBackup = await submissionsFingerprint(held, ctx.campaignId);
    await held.destroy();
    const db = openDb(restoredPath);
    const reference = await fileApp(':memory:', forms);
    try {
      await migrateToLatest(db);
      await setCampaignOpen(db, ctx.campaignId, false);
      const restored = await officialRun(db, createApp({ db, config }), ctx.campaignId);
      expect(restored.submissionCount).toBe(forms);
      expect(restored.fingerprint).toBe(inBackup.fingerprint);
      for (let i = 0; i < forms; i++) {
        expect((await reference.submitVaried(i)).status).toBe(201);
      }
      await setCampaignOpen(reference.db, reference.campaignId, false);
      const expected = await officialRun(reference.db, reference.app, reference.campaignId);
      expect(restored.units).toEqual(expected.units);
    } finally {
      await db.destroy();
      await reference.db.destroy();
    }
  }, 180_000);
});
