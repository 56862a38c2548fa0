import type { Db } from '../db/connect';
import type { Organisation } from '../db/schema';

/**
 * The organisation tree (issue #12). Everything an account may reach is decided here: its
 * organisation and every organisation below it. Recursive queries, the same on SQLite and
 * PostgreSQL; nothing is kept in a process's memory (two servers must agree at once).
 */

export function findOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An organisation's id and name, as the console shows them (an unknown id: its name empty). */
export async function organisationRef(db: Db, id: string): Promise<{ id: string; name: string }> {
  return { id, name: (await findOrganisation(db, id))?.name ?? '' };
}

/** `id` and every organisation below it, each with its depth below `id` (0 for `id`). */
export async function subtree(db: Db, id: string): Promise<(Organisation & { depth: number })[]> {
  const rows = await db
    .withRecursive('sub(id, depth)', (qb) =>
      qb
        .selectFrom('organisation')
        .select(['id', (eb) => eb.lit(0).as('depth')])
        .where('id', '=', id)
        .unionAll((qb2) =>
          qb2
            .selectFrom('organisation as o')
            .innerJoin('sub', 'sub.id', 'o.parentId')
            .select(['o.id', (eb) => eb(eb.ref('sub.depth'), '+', eb.lit(1)).as('depth')]),
        ),
    )
    .selectFrom('sub')
    .innerJoin('organisation', 'organisation.id', 'sub.id')
    .selectAll('organisation')
    .select('sub.depth')
    .execute();
  return rows.map((r) => ({ ...r, depth: Number(r.depth) }));
}

/** The ids of `id`'s subtree (`id` included). */
export async function subtreeIds(db: Db, id: string): Promise<string[]> {
  return (await subtree(db, id)).map((o) => o.id);
}

/** Whether organisation `id` is `ancestor` or lies below it. */
export async function isWithin(db: Db, id: string, ancestor: string): Promise<boolean> {
  const row = await db
    .withRecursive('up(id, parentId)', (qb) =>
      qb
        .selectFrom('organisation')
        .select(['id', 'parentId'])
        .where('id', '=', id)
        .unionAll((qb2) =>
          qb2
            .selectFrom('organisation as o')
            .innerJoin('up', 'up.parentId', 'o.id')
            .select(['o.id', 'o.parentId']),
        ),
    )
    .selectFrom('up')
    .select('id')
    .where('id', '=', ancestor)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertOrganisation(db: Db, org: Organisation): Promise<void> {
  await db.insertInto('organisation').values(org).execute();
}
