import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from 'kysely';

// What the migrations spell differently on SQLite and PostgreSQL. Frozen like them: never
// change what a helper produces on either database; add a new helper instead.

export const onSqlite = (db: Kysely<any>): boolean =>
  db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * An integer key that counts up by itself: `integer primary key autoincrement` on SQLite,
 * `serial primary key` on PostgreSQL (it has no `autoincrement`). Use as
 * `.addColumn('id', ...autoId(db))`.
 */
export function autoId(
  db: Kysely<any>,
): ['integer' | 'serial', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return onSqlite(db)
    ? ['integer', (c) => c.primaryKey().autoIncrement()]
    : ['serial', (c) => c.primaryKey()];
}
