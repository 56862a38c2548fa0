import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, sql } from 'kysely';
import { submissionsFingerprint } from '../results/queries';
import { connectDb, DatabaseError, type Db, MIGRATION_NAMES, migrateToLatest } from './connect';
import type { Database } from './schema';
import { isPostgresUrl, maskUrl } from './url';

/** A refusal or a failure of `db copy`, in Vietnamese (the CLI prints it). */
export class CopyError extends Error {}

/**
 * Every table, in an order where each row's foreign keys point at rows already copied, with the
 * key it is read and written in. The anonymous tables (submission, answer, demographic, comment
 * and the tallies) are read and inserted in the order of their random keys, never by rowid or
 * arrival: PostgreSQL lays rows out in insertion order, so the copy keeps no trace of which form
 * came first (docs/anonymity.md §4). `serial`: a counter PostgreSQL must continue after the copy.
 * Every column is text or integer on both databases (booleans as 0/1, JSON as text), so values
 * are copied as they are.
 */
export const COPY_TABLES: readonly { name: string; keys: readonly string[]; serial?: true }[] = [
  { name: 'organisation', keys: ['id'] }, // parents first: see organisationsInOrder
  { name: 'definition', keys: ['id'] },
  { name: 'unit_set', keys: ['id'] },
  { name: 'unit', keys: ['unit_set_id', 'code'] },
  { name: 'campaign', keys: ['id'] },
  { name: 'campaign_reopening', keys: ['campaign_id', 'reopened_at'] },
  { name: 'respondent', keys: ['id'] },
  { name: 'invitation', keys: ['id'] },
  { name: 'invitation_event', keys: ['id'], serial: true },
  { name: 'draft', keys: ['invitation_id'] },
  { name: 'reminder', keys: ['id'], serial: true },
  { name: 'paper_serial', keys: ['serial_hash'] },
  { name: 'submission', keys: ['id'] },
  { name: 'answer', keys: ['submission_id', 'questionnaire_id', 'question_id', 'unit_code'] },
  { name: 'demographic', keys: ['submission_id', 'key'] },
  { name: 'comment', keys: ['id'] },
  {
    name: 'answer_tally',
    keys: [
      'campaign_id',
      'unit_code',
      'questionnaire_id',
      'question_id',
      'group_code',
      'option',
      'part',
    ],
  },
  {
    name: 'form_tally',
    keys: ['campaign_id', 'unit_code', 'criterion_code', 'group_code', 'part'],
  },
  { name: 'self_assessment', keys: ['campaign_id', 'unit_code', 'field_code'] },
  { name: 'scoring_run', keys: ['id'] },
  { name: 'user', keys: ['id'] },
  { name: 'session', keys: ['id_hash'] },
  { name: 'login_attempt', keys: ['id'] },
  { name: 'audit_log', keys: ['id'], serial: true },
  { name: 'page_rewrite', keys: ['id'] },
  // SIPAS (issue #14): points and codes, then the anonymous forms and counts in key order.
  { name: 'collection_point', keys: ['id'] },
  { name: 'sipas_code_batch', keys: ['id'] },
  { name: 'sipas_code', keys: ['code_hash'] },
  { name: 'sipas_form', keys: ['id'] },
  { name: 'sipas_answer', keys: ['form_id', 'question_id', 'option'] },
  { name: 'sipas_comment', keys: ['id'] },
  {
    name: 'sipas_tally',
    keys: ['campaign_id', 'point_id', 'day', 'channel', 'question_id', 'option'],
  },
  { name: 'sipas_hour', keys: ['campaign_id', 'point_id', 'hour', 'channel'] },
  { name: 'sipas_slot', keys: ['campaign_id', 'point_id', 'slot'] },
  { name: 'sipas_recent', keys: ['point_id', 'hour', 'hash'] },
  { name: 'sipas_device_day', keys: ['key'] },
  { name: 'sipas_proof', keys: ['id'] },
  { name: 'sipas_receipt', keys: ['key'] },
  { name: 'sipas_run', keys: ['id'] },
  { name: 'sipas_link', keys: ['par_campaign_id', 'field_code'] },
];

/** The organisation the first migration makes: a migrated database holding only it is empty. */
const ROOT = 'root';
/** Rows per read and per insert (answer: 7 columns, 7,000 parameters, under PostgreSQL's 65,535). */
const PAGE = 1000;

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: every table alike, by its SQL name (as the migrations)
type Raw = Kysely<any>;

export interface TableCopy {
  table: string;
  rows: number;
}
export interface CampaignCheck {
  campaignId: string;
  submissions: number;
  fingerprint: string;
  answerTally: number;
  formTally: number;
  runs: number;
}
export interface CopyResult {
  tables: TableCopy[];
  campaigns: CampaignCheck[];
  ms: number;
}

/**
 * Copies the SQLite database at `fromUrl` into the empty PostgreSQL database at `toUrl`, then
 * checks the copy. The source is opened read-only and read in one snapshot (a running server may
 * keep writing to it: forms after the snapshot are not copied). The target is migrated, then
 * filled and checked in one transaction: on any failure or difference it is left empty.
 */
export async function copyDatabase(fromUrl: string, toUrl: string): Promise<CopyResult> {
  const started = performance.now();
  if (!isPostgresUrl(toUrl))
    throw new CopyError(
      `--to phải là địa chỉ một cơ sở dữ liệu PostgreSQL (postgres://người-dùng:mật-khẩu@máy:5432/tên), không phải "${maskUrl(toUrl)}".`,
    );
  if (isPostgresUrl(fromUrl))
    throw new CopyError(
      'Nguồn phải là một tệp SQLite; lệnh này chỉ chép từ SQLite sang PostgreSQL.',
    );
  if (fromUrl === ':memory:')
    throw new CopyError('Cơ sở dữ liệu trong bộ nhớ (:memory:) không sao chép được.');
  if (!existsSync(fromUrl)) throw new CopyError(`Không tìm thấy cơ sở dữ liệu nguồn ${fromUrl}.`);
  const source = openReadOnly(fromUrl);
  try {
    await checkMigrations(source);
    let target: Db;
    try {
      target = await connectDb(toUrl, { max: 2 });
    } catch (err) {
      if (err instanceof DatabaseError) throw new CopyError(err.message);
      throw err;
    }
    try {
      await requireEmpty(target, toUrl);
      await migrateToLatest(target);
      return await source.transaction().execute((src) =>
        target.transaction().execute(async (dst) => {
          await requireEmpty(dst, toUrl); // again, now inside the transaction that fills it
          const tables = await copyTables(src.withoutPlugins(), dst.withoutPlugins());
          const campaigns = await compareCampaigns(src, dst);
          return { tables, campaigns, ms: performance.now() - started };
        }),
      );
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

/** The source file, read-only: nothing it holds, not even its journal mode, is changed. */
function openReadOnly(path: string): Db {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    throw new CopyError(
      `Không mở được ${path} như một cơ sở dữ liệu SQLite: ${err instanceof Error ? err.message : String(err)}.`,
    );
  }
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
}

/** The source must be at this version's schema: it is read as such, and never migrated here. */
async function checkMigrations(source: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`
    .execute(source)
    .catch(() => ({ rows: [] as { name: string }[] }));
  const names = rows.map((r) => r.name);
  if (names.join() === MIGRATION_NAMES.join()) return;
  if (names.some((n) => !MIGRATION_NAMES.includes(n)))
    throw new CopyError(
      'Nguồn được tạo bởi một phiên bản mới hơn phiên bản này; dùng đúng phiên bản của máy chủ để sao chép.',
    );
  throw new CopyError(
    'Nguồn chưa ở phiên bản cơ sở dữ liệu hiện tại: khởi động máy chủ phiên bản này trên nó một lần (nó tự nâng cấp), dừng máy chủ rồi chạy lại lệnh.',
  );
}

/**
 * Refuses a target holding anything: a row in any table, except the root organisation alone (a
 * database this version migrated and never used is empty).
 */
async function requireEmpty(db: Db, url: string): Promise<void> {
  const raw = db.withoutPlugins() as Raw;
  const full: string[] = [];
  for (const table of await db.introspection.getTables()) {
    const { n } = (await raw
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()) as { n: number };
    if (n === 0) continue;
    if (table.name === 'organisation' && n === 1) {
      const only = await raw
        .selectFrom('organisation')
        .select(['id', 'parent_id'])
        .executeTakeFirst();
      if (only?.id === ROOT && only.parent_id === null) continue;
    }
    full.push(`${table.name}: ${n.toLocaleString('vi-VN')} dòng`);
  }
  if (full.length > 0)
    throw new CopyError(
      `Cơ sở dữ liệu đích ${maskUrl(url)} đã có dữ liệu (${full.slice(0, 5).join(', ')}${full.length > 5 ? ', …' : ''}); chỉ sao chép vào một cơ sở dữ liệu trống. Không có gì được ghi.`,
    );
}

/** Every table copied page by page in key order; the rows counted and compared as they go. */
async function copyTables(src: Raw, dst: Raw): Promise<TableCopy[]> {
  // The migration's own root organisation makes way for the source's (same id, its own date).
  await dst.deleteFrom('organisation').execute();
  const copied: TableCopy[] = [];
  for (const spec of COPY_TABLES) {
    const sent = new Digest();
    if (spec.name === 'organisation') {
      const rows = organisationsInOrder(await src.selectFrom('organisation').selectAll().execute());
      for (let i = 0; i < rows.length; i += PAGE) {
        const page = rows.slice(i, i + PAGE);
        await dst.insertInto('organisation').values(page).execute();
        sent.add(page);
      }
    } else {
      for await (const page of pages(src, spec.keys, spec.name)) {
        await dst.insertInto(spec.name).values(page).execute();
        sent.add(page);
      }
    }
    if (spec.serial)
      await sql`SELECT setval(pg_get_serial_sequence(${spec.name}, 'id'),
        coalesce((SELECT max(id) FROM ${sql.table(spec.name)}), 0) + 1, false)`.execute(dst);
    const [expected, got] = [await count(src, spec.name), new Digest()];
    for await (const page of pages(dst, spec.keys, spec.name)) got.add(page);
    if (sent.rows !== expected || got.rows !== expected || got.hex() !== sent.hex())
      throw new CopyError(
        `Bảng ${spec.name} không khớp sau khi chép (nguồn ${expected} dòng, đích ${got.rows} dòng).`,
      );
    copied.push({ table: spec.name, rows: expected });
  }
  return copied;
}

/** The rows of `table` in pages of PAGE, in the order of `keys` (each page after the last key). */
async function* pages(db: Raw, keys: readonly string[], table: string): AsyncGenerator<Row[]> {
  let last: unknown[] | undefined;
  for (;;) {
    let query = db.selectFrom(table).selectAll().limit(PAGE);
    for (const key of keys) query = query.orderBy(key);
    if (last) {
      const after = last;
      query = query.where(
        sql<boolean>`(${sql.join(keys.map((k) => sql.ref(k)))}) > (${sql.join(after)})`,
      );
    }
    const page = (await query.execute()) as Row[];
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    const end = page[page.length - 1] as Row;
    last = keys.map((k) => end[k]);
  }
}

async function count(db: Raw, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Parents before their children (the tree's foreign key), by id among equals. */
export function organisationsInOrder(rows: Row[]): Row[] {
  const placed = new Set<unknown>();
  const left = [...rows].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  const ordered: Row[] = [];
  while (left.length > 0) {
    const ready = left.filter((r) => r.parent_id === null || placed.has(r.parent_id));
    if (ready.length === 0) throw new CopyError('Cây tổ chức ở nguồn có vòng lặp hoặc thiếu cha.');
    for (const r of ready) {
      placed.add(r.id);
      ordered.push(r);
      left.splice(left.indexOf(r), 1);
    }
  }
  return ordered;
}

/**
 * What a table holds regardless of the order it is read in: its rows counted, and the XOR of
 * each row's SHA-256 (columns by name), so SQLite's and PostgreSQL's key orders (collations)
 * compare equal. Every table has a primary key: no two rows cancel out.
 */
class Digest {
  rows = 0;
  private readonly sum = Buffer.alloc(32);
  add(page: Row[]) {
    for (const row of page) {
      const line = JSON.stringify(
        Object.keys(row)
          .sort()
          .map((k) => [k, row[k] ?? null]),
      );
      const h = createHash('sha256').update(line).digest();
      for (let i = 0; i < 32; i++) this.sum[i] = (this.sum[i] as number) ^ (h[i] as number);
      this.rows++;
    }
  }
  hex = () => this.sum.toString('hex');
}

/** Per campaign: the tallies' sums, the submissions' fingerprint and the runs, equal on both. */
async function compareCampaigns(src: Db, dst: Db): Promise<CampaignCheck[]> {
  const ids = (await src.selectFrom('campaign').select('id').orderBy('id').execute()).map(
    (r) => r.id,
  );
  const checks: CampaignCheck[] = [];
  for (const campaignId of ids) {
    const [a, b] = [await campaignFacts(src, campaignId), await campaignFacts(dst, campaignId)];
    if (JSON.stringify(a) !== JSON.stringify(b))
      throw new CopyError(
        `Đợt ${campaignId} không khớp sau khi chép (số phiếu, bảng đếm, dấu vân tay hoặc lượt tính điểm).`,
      );
    checks.push(a.check);
  }
  return checks;
}

/** What must agree for one campaign; its scoring runs as one hash (ids sorted here, not by SQL). */
async function campaignFacts(db: Db, campaignId: string) {
  const { fingerprint, count: submissions } = await submissionsFingerprint(db, campaignId);
  const sum = async (table: 'answerTally' | 'formTally') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), sql<number>`0`).as('n'))
          .where('campaignId', '=', campaignId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const runs = (
    await db
      .selectFrom('scoringRun')
      .select(['id', 'fingerprint', 'submissionCount', 'settings', 'results', 'distributions'])
      .where('campaignId', '=', campaignId)
      .execute()
  ).sort((x, y) => (x.id < y.id ? -1 : 1));
  const check: CampaignCheck = {
    campaignId,
    submissions,
    fingerprint,
    answerTally: await sum('answerTally'),
    formTally: await sum('formTally'),
    runs: runs.length,
  };
  return { check, runs: createHash('sha256').update(JSON.stringify(runs)).digest('hex') };
}
