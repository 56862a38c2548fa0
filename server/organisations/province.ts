import { findProvince, mergerRows, officialUnits } from '../../questionnaires/official';
import type { Db } from '../db/connect';

/**
 * The 2026 province an organisation is in (issue #12, qa6): its own official code when that is one
 * of the 34 provinces, the province of its commune when it is a commune's code, else its parent's.
 * A code from before the 1 July 2025 mergers counts too: an old province's («70», Bình Phước →
 * «75», Đồng Nai: where most of its communes went), an old commune's. The console's «Tạo đợt khảo
 * sát» starts from that province's units; an organisation with none (the whole system, a district
 * of the 2023 template: a district's code is neither) starts from the Hớn Quản 2023 list.
 */
export function provinceOfCode(code: string | null): string | null {
  if (!code) return null;
  if (findProvince(code)) return code;
  const commune = officialUnits().find((u) => u.code === code);
  if (commune) return commune.provinceCode;
  const rows = mergerRows().filter((m) =>
    code.length <= 2 ? m.oldProvinceCode === code : m.oldCode === code,
  );
  const counts = new Map<string, number>();
  for (const m of rows) counts.set(m.provinceCode, (counts.get(m.provinceCode) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** `id` and its ancestors up to the root, nearest first, with their official codes. */
async function ancestry(db: Db, id: string) {
  const rows = await db
    .withRecursive('up(id, parentId, officialCode, depth)', (qb) =>
      qb
        .selectFrom('organisation')
        .select(['id', 'parentId', 'officialCode', (eb) => eb.lit(0).as('depth')])
        .where('id', '=', id)
        .unionAll((qb2) =>
          qb2
            .selectFrom('organisation as o')
            .innerJoin('up', 'up.parentId', 'o.id')
            .select([
              'o.id',
              'o.parentId',
              'o.officialCode',
              (eb) => eb(eb.ref('up.depth'), '+', eb.lit(1)).as('depth'),
            ]),
        ),
    )
    .selectFrom('up')
    .select(['id', 'officialCode', 'depth'])
    .execute();
  return rows.sort((a, b) => Number(a.depth) - Number(b.depth));
}

/** The province of organisation `id`: its own, or its nearest ancestor's (above reach too). */
export async function provinceOf(db: Db, id: string): Promise<string | null> {
  for (const o of await ancestry(db, id)) {
    const code = provinceOfCode(o.officialCode);
    if (code) return code;
  }
  return null;
}

/**
 * The provinces of a subtree listed from its top (`top`): one query up from the top, then down
 * the tree in memory.
 */
export async function provincesOf(
  db: Db,
  top: string,
  rows: readonly { id: string; parentId: string | null; officialCode: string | null }[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>([[top, await provinceOf(db, top)]]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const of = (id: string): string | null => {
    const known = out.get(id);
    if (known !== undefined) return known;
    const row = byId.get(id);
    const code =
      provinceOfCode(row?.officialCode ?? null) ?? (row?.parentId ? of(row.parentId) : null);
    out.set(id, code);
    return code;
  };
  for (const r of rows) of(r.id);
  return out;
}
