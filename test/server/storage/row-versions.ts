import { sql } from 'kysely';
import type { Db } from '../../../server/db/connect';

/** The transaction ids (xmin) of the live rows of `tables` (PostgreSQL). */
export async function xmins(db: Db, tables: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const t of tables) {
    const { rows } = await sql<{ x: string }>`
      SELECT DISTINCT xmin::text AS x FROM ${sql.table(t)}`.execute(db);
    for (const r of rows) out.add(r.x);
  }
  return out;
}

/** What a line pointer of a heap page holds: 0 unused, 1 a row version, 2 a redirect, 3 dead. */
export interface Version {
  lpFlags: number;
  /** The row version's xmin, when the pointer still has storage. */
  xmin: string | null;
}

/**
 * Every line pointer of every page of `table`, read from the file with pageinspect (PostgreSQL,
 * superuser; the test server's): the versions a copy of the data directory holds, dead ones
 * included, not only what a SELECT sees.
 */
export async function versions(db: Db, table: string): Promise<Version[]> {
  await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`.execute(db);
  const { rows } = await sql<{ f: number; x: string | null }>`
    SELECT i.lp_flags AS f, CASE WHEN i.lp_len > 0 THEN i.t_xmin::text END AS x
    FROM generate_series(0, pg_relation_size(${table}::regclass) / 8192 - 1) AS b,
      heap_page_items(get_raw_page(${table}, b::int)) AS i`.execute(db);
  return rows.map((r) => ({ lpFlags: Number(r.f), xmin: r.x }));
}
