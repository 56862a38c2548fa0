import type { Kysely } from 'kysely';

// Frozen in time: never edit after merge; add a new migration instead.

/** The official codes of the 2023 Hớn Quản units (the GSO's, before the 2025 mergers). */
const HON_QUAN_2023: Record<string, string> = {
  '70': '70',
  '694': '694',
  'X-THANHBINH': '25354',
  'X-THANHAN': '25327',
  'X-ANKHUONG': '25330',
  'X-TANHUNG': '25345',
  'X-ANPHU': '25339',
  'X-MINHDUC': '25348',
  'X-MINHTAM': '25349',
  'X-TANLOI': '25342',
  'X-PHUOCAN': '25351',
  'X-TANQUAN': '25438',
  'TT-TANKHAI': '25357',
  'X-DONGNO': '25360',
  'X-TANHIEP': '25361',
};

export async function up(db: Kysely<any>): Promise<void> {
  // Units carry the official code (year over year crosses the 2025 mergers by it) and the former
  // district the form groups them by. SQLite adds one column per statement.
  await db.schema.alterTable('unit').addColumn('official_code', 'text').execute();
  await db.schema.alterTable('unit').addColumn('area', 'text').execute();
  // The built-in 2023 set was stored before units had official codes: give them theirs, so a
  // 2026 campaign can be compared with the 2023 demo on a deployment that already has it.
  const sets = await db
    .selectFrom('unit_set')
    .select('id')
    .where('code', '=', 'hon-quan-2023')
    .execute();
  for (const { id } of sets) {
    for (const [code, official] of Object.entries(HON_QUAN_2023)) {
      await db
        .updateTable('unit')
        .set({ official_code: official })
        .where('unit_set_id', '=', id)
        .where('code', '=', code)
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit').dropColumn('area').execute();
  await db.schema.alterTable('unit').dropColumn('official_code').execute();
}
