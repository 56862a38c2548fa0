import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, isPostgres, migrateToLatest, openDb } from '../server/db/connect';
import { withDatabase } from './postgres/global-setup';

/**
 * Where the tests keep their data: SQLite in memory, or with TEST_DB=postgres a database of its
 * own on the PostgreSQL server test/postgres/global-setup.ts prepared (`npm run test:postgres`).
 */
export const onPostgres = process.env.TEST_DB === 'postgres';

let admin: pg.Pool | undefined;
/** The databases this test file made, dropped after it (test/postgres/cleanup.ts). */
const created: string[] = [];

/** Drops the databases this test file made (each ~8 MB), closing what still uses them. */
export async function dropFreshDatabases(): Promise<void> {
  if (!admin) return;
  for (const name of created.splice(0))
    await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  admin = undefined;
}

/**
 * The URL of a new empty PostgreSQL database on the test server: a copy of the migrated
 * template (a few milliseconds), or of template0 when `migrated` is false.
 */
export async function freshPostgresUrl(migrated = true): Promise<string> {
  const url = process.env.TEST_PG_URL;
  const template = migrated ? process.env.TEST_PG_TEMPLATE : 'template0';
  if (!url || !template)
    throw new Error('TEST_DB=postgres needs vitest globalSetup (vite.config.ts)');
  admin ??= new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000 });
  const name = `t_${randomBytes(8).toString('hex')}`;
  await admin.query(`create database ${name} template ${template} strategy file_copy`);
  created.push(name);
  return withDatabase(url, name);
}

/**
 * A fresh database, migrated unless `migrated` is false: `:memory:` SQLite, or a new PostgreSQL
 * database with a small pool. Each call is isolated from every other.
 */
export async function freshDb(options: { migrated?: boolean } = {}): Promise<Db> {
  const migrated = options.migrated ?? true;
  if (!onPostgres) {
    const db = openDb(':memory:');
    if (migrated) await migrateToLatest(db);
    return db;
  }
  return openDb(await freshPostgresUrl(migrated), { max: 4, idleTimeoutMillis: 1000 });
}

/**
 * Makes the database refuse inserts into `table` where `when` holds (SQL over `NEW.<column>`,
 * 'true' for every row) with `message`, as a full disk would half-way through a transaction.
 * A trigger on either database; the returned function removes it.
 */
export async function failInserts(
  db: Db,
  table: string,
  when: string,
  message: string,
): Promise<() => Promise<void>> {
  const name = `fail_${table}`;
  if (!isPostgres(db)) {
    await sql
      .raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN ${when}
      BEGIN SELECT RAISE(ABORT, '${message}'); END`)
      .execute(db);
    return async () => void (await sql.raw(`DROP TRIGGER ${name}`).execute(db));
  }
  await sql
    .raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW WHEN (${when})
      EXECUTE FUNCTION ${name}()`)
    .execute(db);
  return async () => {
    await sql.raw(`DROP TRIGGER ${name} ON ${table}`).execute(db);
    await sql.raw(`DROP FUNCTION ${name}()`).execute(db);
  };
}

/** The tables of the database, without Kysely's own. */
export async function tableNames(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name);
}

/** The column names of `table` (snake_case, as in the database). */
export async function tableColumns(db: Db, table: string): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? [];
}

/** The tables `table`'s foreign keys point at. */
export async function foreignTables(db: Db, table: string): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ target: string }>`
        SELECT ccu.table_name AS target
        FROM information_schema.table_constraints tc
        JOIN information_schema.constraint_column_usage ccu
          ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = ${table}`.execute(db)
    : await sql<{
        target: string;
      }>`SELECT "table" AS target FROM pragma_foreign_key_list(${table})`.execute(db);
  return rows.map((r) => r.target);
}

/**
 * Runs `fn` with foreign keys unchecked, to write rows as an older or broken deployment left
 * them: SQLite's pragma (left off afterwards), or PostgreSQL's replica mode for one transaction.
 */
export async function withoutForeignKeys(db: Db, fn: (db: Db) => Promise<void>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    return fn(db);
  }
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await fn(trx);
  });
}

/**
 * What a copy of the database holds, as bytes to search: SQLite's file (VACUUM INTO: every
 * live page), or on PostgreSQL every value of every table, one per line.
 */
export async function databaseCopy(db: Db, dir: string): Promise<Buffer> {
  if (!isPostgres(db)) {
    const file = join(dir, 'copy.db');
    await sql`VACUUM INTO ${file}`.execute(db);
    return readFileSync(file);
  }
  const lines: string[] = [];
  for (const table of await tableNames(db)) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
      db,
    );
    for (const row of rows) for (const v of Object.values(row)) lines.push(String(v));
  }
  return Buffer.from(lines.join('\n'));
}

/**
 * A DATABASE_URL for a test that runs the CLI: a SQLite file in `dir`, or a new empty
 * PostgreSQL database (the CLI migrates it, as on a first start).
 */
export async function cliDatabaseUrl(dir: string): Promise<string> {
  return onPostgres ? freshPostgresUrl(false) : join(dir, 'db.sqlite');
}
