import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { openSqlite } from './connect';
import { isPostgresUrl } from './url';

/** A refusal or failure of the backup, its message in Vietnamese (the CLI prints it). */
export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  submissions: number;
  ms: number;
}

/**
 * A consistent copy of the live database at `sourceUrl` into `dest`, safe while the server runs
 * and takes submits: `VACUUM INTO` reads one snapshot (a WAL reader: it blocks no writer and no
 * writer disturbs it) and writes a fresh file. Chosen over the online backup API
 * (better-sqlite3 `db.backup()`): that copies the pages in steps and starts over whenever another
 * connection writes in between, so under a steady stream of submits it may never finish (an
 * 80 MB file, another process inserting every 10 ms: db.backup() at its default 100 pages a
 * step had restarted 4,205 times and not finished after 60 s; VACUUM INTO took 0.46 s); and
 * it copies the pages as they lie, so a copy made while a campaign is open would keep the page
 * order that dates its forms, where `VACUUM INTO` writes every table in key order (random ids).
 *
 * The copy is written beside `dest` under a temporary name, checked (`integrity_check`), fsynced,
 * and only then put in place: atomically refusing an existing file unless `overwrite`. A failed
 * backup leaves no file behind and `dest` as it was.
 */
export function backupDatabase(
  sourceUrl: string,
  dest: string,
  { overwrite = false } = {},
): BackupResult {
  const t = performance.now();
  if (sourceUrl === ':memory:')
    throw new BackupError('Cơ sở dữ liệu trong bộ nhớ (:memory:) không sao lưu được.');
  if (isPostgresUrl(sourceUrl))
    throw new BackupError(
      'Lệnh backup chỉ dành cho SQLite; với PostgreSQL dùng pg_dump (xem README, phần PostgreSQL).',
    );
  if (!existsSync(sourceUrl))
    throw new BackupError(`Không tìm thấy cơ sở dữ liệu ${sourceUrl} (DATABASE_URL).`);
  const file = resolve(dest);
  if (file === resolve(sourceUrl) || file.startsWith(`${resolve(sourceUrl)}-`))
    throw new BackupError('Tệp sao lưu phải khác tệp cơ sở dữ liệu đang dùng.');
  if (existsSync(file) && !overwrite)
    throw new BackupError(`Tệp ${dest} đã có. Chọn tên khác, hoặc thêm --overwrite để ghi đè.`);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    throw new BackupError(
      `Không tạo được thư mục ${dirname(file)} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`,
    );
  }
  const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    const source = openSqlite(sourceUrl);
    try {
      source.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      source.close();
    }
    const submissions = check(tmp);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (overwrite) renameSync(tmp, file);
    else {
      try {
        linkSync(tmp, file); // fails if a file appeared there meanwhile: never clobbered
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST')
          throw new BackupError(
            `Tệp ${dest} đã có. Chọn tên khác, hoặc thêm --overwrite để ghi đè.`,
          );
        throw err;
      }
      unlinkSync(tmp);
    }
    syncDir(dirname(file));
    return { file, bytes: statSync(file).size, submissions, ms: performance.now() - t };
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    if (err instanceof BackupError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC')
      throw new BackupError(
        `Đĩa đầy: không ghi được bản sao lưu ${dest}. Chưa có tệp nào được ghi.`,
      );
    throw new BackupError(
      `Không sao lưu được vào ${dest}: ${err instanceof Error ? err.message : String(err)}. Chưa có tệp nào được ghi.`,
    );
  }
}

/** integrity_check of the copy; its number of submissions. */
function check(path: string): number {
  const copy = new SQLite(path, { readonly: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok')
      throw new BackupError(`Bản sao lưu không toàn vẹn (${String(result)}); chưa ghi tệp nào.`);
    const row = copy.prepare('SELECT count(*) AS n FROM submission').get() as { n: number };
    return row.n;
  } finally {
    copy.close();
  }
}

/** So that the new name survives a power cut too. */
function syncDir(dir: string) {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the file itself is synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One decimal, as people here write it: 12,3. */
const vi = (n: number) =>
  n.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const BACKUP_USAGE =
  'backup FILE [--overwrite]                   sao lưu cơ sở dữ liệu (kể cả khi máy chủ đang chạy) vào FILE';

/** `npm run cli -- backup FILE [--overwrite]`: prints in Vietnamese; the exit code. */
export function backupCommand(databaseUrl: string, args: string[]): number {
  let file: string | undefined;
  let overwrite = false;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { overwrite: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new BackupError('');
    file = positionals[0];
    overwrite = values.overwrite === true;
  } catch {
    console.error(`Lỗi: cần đúng một tên tệp sao lưu.\nCách dùng: npm run cli -- ${BACKUP_USAGE}`);
    return 1;
  }
  try {
    const r = backupDatabase(databaseUrl, file as string, { overwrite });
    console.log(
      `Đã sao lưu cơ sở dữ liệu vào ${r.file}: ${r.submissions} phiếu, ` +
        `${vi(r.bytes / 1_048_576)} MB, kiểm tra toàn vẹn: ok (${vi(r.ms / 1000)} giây).`,
    );
    console.log(
      'Khôi phục: dừng máy chủ, xóa các tệp -wal và -shm bên cạnh tệp cơ sở dữ liệu, chép bản sao lưu vào chỗ DATABASE_URL rồi khởi động lại.',
    );
    return 0;
  } catch (err) {
    console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
