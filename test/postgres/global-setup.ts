import pg from 'pg';
import { migrateToLatest, openDb } from '../../server/db/connect';
import { type PostgresServer, startPostgres } from './server';

/**
 * vitest's globalSetup. With TEST_DB=postgres: a PostgreSQL server (TEST_PG_URL's, else a
 * throwaway one started here and stopped at the end) and a template database migrated once;
 * test/db.ts copies it for each fresh database. Workers find both in the environment.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DB !== 'postgres') return undefined;
  let server: PostgresServer | undefined;
  if (!process.env.TEST_PG_URL) {
    server = await startPostgres();
    process.env.TEST_PG_URL = server.url;
  }
  const url = process.env.TEST_PG_URL;
  const template = `cchc_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const db = openDb(withDatabase(url, template), { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  process.env.TEST_PG_TEMPLATE = template;
  return async () => {
    if (server) return server.stop();
    // TEST_PG_URL's server stays up: only the template goes.
    const end = new pg.Client({ connectionString: url });
    await end.connect();
    await end.query(`drop database if exists ${template} with (force)`).finally(() => end.end());
  };
}

/** `url` pointing at database `name` on the same server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
