import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  sql,
} from 'kysely';
import pg from 'pg';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-accounts';
import * as m0003 from './migrations/0003-reminders';
import * as m0004 from './migrations/0004-paper';
import * as m0005 from './migrations/0005-scoring-runs';
import * as m0006 from './migrations/0006-personal-data';
import * as m0007 from './migrations/0007-self-assessment';
import * as m0008 from './migrations/0008-run-withheld';
import * as m0009 from './migrations/0009-claim';
import * as m0010 from './migrations/0010-page-rewrite';
import * as m0011 from './migrations/0011-guess-budgets';
import * as m0012 from './migrations/0012-audit-paper-serials';
import * as m0013 from './migrations/0013-official-codes';
import * as m0014 from './migrations/0014-password-reset';
import * as m0015 from './migrations/0015-run-paper-waiting';
import * as m0016 from './migrations/0016-organisations';
import * as m0017 from './migrations/0017-campaign-history';
import * as m0018 from './migrations/0018-sipas';
import * as m0019 from './migrations/0019-sipas-answer';
import * as m0020 from './migrations/0020-tally-parts';
import type { Database } from './schema';
import { isPostgresUrl, maskUrl } from './url';

export type Db = Kysely<Database>;

/** What `openSqlite` sets; `bench/` compares it with NORMAL. */
export const DURABLE_SYNCHRONOUS = 'FULL';

/**
 * The SQLite connection at `url` (a file path or `:memory:`), creating the folder. The pragmas:
 * WAL so the CLI can work beside a running server; synchronous=FULL so that a commit is on the
 * disk (the WAL fsynced) before it returns: the 201 of a submit tells the phone to forget its
 * copy, so a power cut must not take back an acknowledged form (NORMAL fsyncs only at
 * checkpoints and can lose the last commits; the cost is measured by `npm run bench`);
 * secure_delete so deleted drafts are overwritten, not left in free pages; a busy timeout for
 * that second process.
 */
export function openSqlite(url: string): SQLite.Database {
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${DURABLE_SYNCHRONOUS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/** How many connections one server process keeps to PostgreSQL. */
export interface PostgresOptions {
  max?: number;
  idleTimeoutMillis?: number;
}

/**
 * The database at `url` through Kysely: a PostgreSQL server for `postgres://…` (a pool of `pg`
 * connections; nothing is sent until the first query, `connectDb` checks it), else openSqlite's
 * connection with compiled statements cached.
 */
export function openDb(url: string, options: PostgresOptions = {}): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
      connectionTimeoutMillis: 10_000,
      application_name: 'cchc-survey',
      types: SAME_AS_SQLITE,
    });
    // An idle connection the server drops (a restart) must not take the process down.
    pool.on('error', () => undefined);
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
  }
  const sqlite = openSqlite(url);
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * pg hands int8 (every count(*), sum() of integers) and numeric back as strings, to keep their
 * precision; SQLite gives numbers. Counts never come near 2^53, so both become numbers here and
 * every query answers the same on both databases.
 */
const INT8 = 20;
const NUMERIC = 1700;
const SAME_AS_SQLITE = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** True on PostgreSQL, false on SQLite: for the few statements the two spell differently. */
export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** The database cannot be used: printed as is, without a stack, and the start stops. */
export class DatabaseError extends Error {}

/** The oldest PostgreSQL the product is tested on. */
const MIN_POSTGRES = 150000;

/**
 * openDb, then for PostgreSQL one round trip to make sure the server answers and is recent
 * enough, so that a wrong URL stops the start with a clear message (DatabaseError) instead of
 * failing on the first request.
 */
export async function connectDb(url: string, options: PostgresOptions = {}): Promise<Db> {
  const db = openDb(url, options);
  if (!isPostgres(db)) return db;
  const where = `Không kết nối được PostgreSQL tại ${maskUrl(url)}`;
  let version: number;
  let commitTimes: string | undefined;
  try {
    const { rows } = await sql<{
      v: string;
      ts: string;
    }>`select current_setting('server_version_num') as v, current_setting('track_commit_timestamp') as ts`.execute(
      db,
    );
    version = Number(rows[0]?.v);
    commitTimes = rows[0]?.ts;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw new DatabaseError(`${where}: ${postgresReason(err, url)}`);
  }
  if (!(version >= MIN_POSTGRES)) {
    await db.destroy();
    throw new DatabaseError(
      `${where}: cần PostgreSQL 15 trở lên, máy chủ này là ${Math.floor(version / 10000)}.`,
    );
  }
  if (commitTimes === 'on')
    console.warn(
      'CẢNH BÁO: PostgreSQL đang bật track_commit_timestamp: máy chủ ghi giờ của từng giao dịch, kể cả giờ gửi của từng phiếu cho đến lần sắp xếp lại sau đó. Hãy tắt (track_commit_timestamp = off) rồi khởi động lại PostgreSQL (docs/anonymity.md §8).',
    );
  return db;
}

/** What went wrong connecting, in Vietnamese, with pg's own code for whoever searches it. */
function postgresReason(err: unknown, url: string): string {
  const code = (err as { code?: unknown }).code;
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\/+/, ''));
  switch (code) {
    case 'ECONNREFUSED':
      return 'máy chủ không nhận kết nối (ECONNREFUSED); kiểm tra địa chỉ, cổng và máy chủ đã chạy chưa.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `không tìm thấy máy chủ (${code}); kiểm tra tên máy trong địa chỉ.`;
    case '3D000':
      return `chưa có cơ sở dữ liệu "${name}" (3D000); tạo nó trước, ví dụ: createdb ${name}.`;
    case '28P01':
    case '28000':
      return `sai tên người dùng hoặc mật khẩu, hoặc máy chủ không cho người dùng này vào (${code}).`;
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return `${message.replace(/\/\/[^@/\s]*@/g, '//***@')}${typeof code === 'string' ? ` (${code})` : ''}.`;
    }
  }
}

/**
 * Kysely asks better-sqlite3 to prepare every query anew; compiling the 180-row insert of a
 * submit cost 12% of its time (profiled). Compiled statements are kept here, by SQL text, in a
 * small LRU. A statement still being iterated is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database, size = 200): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      // On SQLITE_FULL, IOERR, NOMEM (and a failed COMMIT) SQLite has already rolled the whole
      // transaction back by itself; Kysely's ROLLBACK would then fail with "cannot rollback - no
      // transaction is active" and that error would replace the real one (a full disk logged as
      // 379 rollback errors). Nothing is left to undo, so that ROLLBACK does nothing.
      if (!sqlite.inTransaction && /^\s*rollback\s*;?\s*$/i.test(sql)) return NOTHING_TO_ROLL_BACK;
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}

/** Stands in for a ROLLBACK when SQLite has already rolled the transaction back. */
const NOTHING_TO_ROLL_BACK: SqliteStatement = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  all: () => [],
  iterate: () => [][Symbol.iterator](),
};

/** Every migration by name, in order: what `migrateToLatest` applies. */
const MIGRATIONS = {
  '0001-initial': m0001,
  '0002-accounts': m0002,
  '0003-reminders': m0003,
  '0004-paper': m0004,
  '0005-scoring-runs': m0005,
  '0006-personal-data': m0006,
  '0007-self-assessment': m0007,
  '0008-run-withheld': m0008,
  '0009-claim': m0009,
  '0010-page-rewrite': m0010,
  '0011-guess-budgets': m0011,
  '0012-audit-paper-serials': m0012,
  '0013-official-codes': m0013,
  '0014-password-reset': m0014,
  '0015-run-paper-waiting': m0015,
  '0016-organisations': m0016,
  '0017-campaign-history': m0017,
  '0018-sipas': m0018,
  '0019-sipas-answer': m0019,
  '0020-tally-parts': m0020,
};

/** The names of every migration this version knows, in order (`db copy` compares databases). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

/** Brings the schema up to date; first start needs no manual step. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () => MIGRATIONS,
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Không nâng cấp được cơ sở dữ liệu (${failed?.migrationName ?? ''}): ${String(error)}`,
    );
  }
}

/**
 * Runs reads that must describe the same data (the tallies and the fingerprint a run is made
 * of) in one snapshot: any SQLite transaction is one; PostgreSQL's default (read committed)
 * takes a new snapshot per statement, so there the transaction is REPEATABLE READ. Inside the
 * caller's transaction when `db` already is one.
 */
export function inSnapshot<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  const trx = db.transaction();
  return (isPostgres(db) ? trx.setIsolationLevel('repeatable read') : trx).execute(fn);
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
