import { randomBytes } from 'node:crypto';
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
