import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../../server/db/connect';

interface Page {
  pageno: number;
  pagetype: string;
  ncell: number;
}

/**
 * The page each row of a WITHOUT ROWID table lies on, in key order. dbstat lists every page of
 * the table's b-tree with its path from the root ('/', '/000/', '/000/001/', …) and its number of
 * cells; a WITHOUT ROWID table is an index b-tree, whose interior cells are rows too. Walking the
 * tree in order (child 0, cell 0, child 1, …, the right child) and giving each cell the page it
 * is on lines the pages up with the rows of a full scan in key order.
 */
export async function pagesInKeyOrder(db: Db, table: string): Promise<number[]> {
  const { rows } = await sql<{ path: string } & Page>`
    SELECT path, pageno, pagetype, ncell FROM dbstat WHERE name = ${table}`.execute(db);
  const byPath = new Map(rows.map((r) => [r.path, r]));
  const out: number[] = [];
  const walk = (path: string) => {
    const page = byPath.get(path);
    if (!page) throw new Error(`dbstat: no page at ${path} of ${table}`);
    if (page.pagetype === 'leaf') {
      for (let i = 0; i < page.ncell; i++) out.push(page.pageno);
      return;
    }
    for (let i = 0; i <= page.ncell; i++) {
      walk(`${path}${i.toString(16).padStart(3, '0')}/`);
      if (i < page.ncell) out.push(page.pageno);
    }
  };
  walk('/');
  return out;
}

/** Ranks (1-based), ties sharing their mean rank. */
function ranks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    for (let k = i; k <= j; k++) out[order[k]?.[1] as number] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's over the ranks. */
export function spearman(xs: number[], ys: number[]): number {
  const a = ranks(xs);
  const b = ranks(ys);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return num / Math.sqrt(da * db);
}

/** Where each value falls among all of them, from 0 (lowest) to 1 (highest). */
export function percentiles(xs: number[]): number[] {
  const r = ranks(xs);
  return r.map((x) => (x - 1) / Math.max(1, xs.length - 1));
}

/**
 * The page numbers the WAL file at `path` holds frames for (its 32-byte header, then frames of a
 * 24-byte header — the page number first — and a page): what a copy of the WAL would show.
 */
export function walPages(path: string): Set<number> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return new Set();
  }
  const out = new Set<number>();
  if (bytes.length < 32) return out;
  const pageSize = bytes.readUInt32BE(8);
  for (let at = 32; at + 24 + pageSize <= bytes.length; at += 24 + pageSize) {
    out.add(bytes.readUInt32BE(at));
  }
  return out;
}

/** The pages of the given tables (and their indexes) in the database, as dbstat lists them. */
export async function pagesOf(db: Db, tables: string[]): Promise<Set<number>> {
  const { rows } = await sql<{ pageno: number }>`
    SELECT pageno FROM dbstat WHERE name IN (
      SELECT name FROM sqlite_master WHERE tbl_name IN (${sql.join(tables)}))`.execute(db);
  return new Set(rows.map((r) => r.pageno));
}
