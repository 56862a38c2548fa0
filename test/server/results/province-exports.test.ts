import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  closeProvince,
  createProvince,
  PROVINCE_CAMPAIGN_ID,
  submitProvinceForms,
} from '../../../bench/province-fixture';
import type { ResultsDocument } from '../../../contract/results';
import { createApp } from '../../../server/app';
import type { openDb } from '../../../server/db/connect';
import { SUMMARY_HEADER_ROW } from '../../../server/results/export/sheet-summary';
import { freshDb } from '../../db';
import { config, SECRET, signIn } from '../helpers';

/**
 * A province's exports, one index at a time (issue #11 point 5): 20 departments (SO) and
 * 95 communes (XA) in one run; `?index=XA` gives the communes' files alone.
 */
const API = `/api/campaigns/${PROVINCE_CAMPAIGN_ID}`;
let analyst: Awaited<ReturnType<typeof signIn>>;
let db: ReturnType<typeof openDb>;
let doc: ResultsDocument;
let run: string;

beforeAll(async () => {
  db = await freshDb();
  const { definition } = await createProvince(db, SECRET, { scale: 0.2 });
  await submitProvinceForms(db, definition, 200);
  await closeProvince(db);
  const app = createApp({ db, config });
  analyst = await signIn({ db, app } as never, 'analyst');
  const res = await analyst(`${API}/runs`, { method: 'POST' });
  expect(res.status).toBe(201);
  doc = (await res.json()) as ResultsDocument;
  run = `${API}/runs/${doc.method.runId}`;
});

async function workbook(res: Response) {
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}
/** The unit codes in a column of a list sheet, header row left out. */
function column(sheet: ExcelJS.Worksheet | undefined, key: number, from = 2) {
  const out: string[] = [];
  sheet?.eachRow((row, n) => {
    if (n >= from) out.push(String(row.getCell(key).value ?? ''));
  });
  return out;
}

describe('exports of a province, per index', () => {
  it('the whole workbook names each index sheet in Vietnamese, whole words, none twice', async () => {
    const book = await workbook(await analyst(`${run}/export.xlsx`));
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Kết quả – các sở, ban, ngành',
      'Kết quả – UBND xã, phường…',
      'Tiêu chí – các sở, ban, ngành',
      'Tiêu chí – UBND xã, phường…',
      'Theo nhóm',
      'Phân bố A–E',
      'Phương pháp',
    ]);
  });

  it('?index=XA: the communes alone, every sheet, ranks as in the whole run', async () => {
    const res = await analyst(`${run}/export.xlsx?index=XA`);
    expect(res.headers.get('content-disposition')).toContain(`-${doc.method.runId}-XA.xlsx`);
    const book = await workbook(res);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Kết quả – UBND xã, phường…',
      'Tiêu chí – UBND xã, phường…',
      'Theo nhóm',
      'Phân bố A–E',
      'Phương pháp',
    ]);
    const summary = book.worksheets[0];
    const codes = column(summary, 2, SUMMARY_HEADER_ROW + 1).filter((c) => /^XA\d+$/.test(c));
    expect(codes).toHaveLength(95);
    expect(
      column(book.getWorksheet('Tiêu chí – UBND xã, phường…'), 1).every((c) => c.startsWith('XA')),
    ).toBe(true);
    const groupUnits = new Set(column(book.getWorksheet('Theo nhóm'), 2));
    expect([...groupUnits].every((c) => c.startsWith('XA'))).toBe(true);
    expect(groupUnits.size).toBe(95);
    const distUnits = new Set(column(book.getWorksheet('Phân bố A–E'), 5));
    expect([...distUnits].every((c) => c.startsWith('XA'))).toBe(true);
    // The rank column of the first unit row is 1, as in the whole run's XA ranking.
    expect(summary?.getRow(SUMMARY_HEADER_ROW + 1).getCell(1).value).toBe(1);
  });

  it('?index=SO as CSV and JSON: the departments alone', async () => {
    const csv = await analyst(`${run}/export.csv?index=SO`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).slice(1).trimEnd().split('\r\n').slice(1);
    const units = new Set(lines.map((l) => l.split(',')[0]).filter(Boolean));
    expect(units.size).toBe(20);
    expect([...units].every((c) => c?.startsWith('SO'))).toBe(true);

    const json = await analyst(`${run}/export.json?index=SO`);
    const one = (await json.json()) as ResultsDocument;
    expect(one.units).toEqual(doc.units.filter((u) => u.index === 'SO'));
    expect(one.fingerprint).toBe(doc.fingerprint);
  });

  it("adds the units' official codes (Mã ĐVHC) before the note once the units have them", async () => {
    const header = (book: ExcelJS.Workbook, sheet: number, row: number) =>
      ((book.worksheets[sheet]?.getRow(row).values ?? []) as unknown[]).filter(Boolean);
    const before = await workbook(await analyst(`${run}/export.xlsx?index=XA`));
    expect(header(before, 0, SUMMARY_HEADER_ROW)).not.toContain('Mã ĐVHC');
    await db
      .updateTable('unit')
      .set({ officialCode: '25345' })
      .where('code', '=', 'XA001')
      .execute();
    const after = await workbook(await analyst(`${run}/export.xlsx?index=XA`));
    const head = header(after, 0, SUMMARY_HEADER_ROW);
    expect(head.slice(-2)).toEqual(['Mã ĐVHC', 'Ghi chú']);
    const at = head.length - 1;
    const summary = after.worksheets[0];
    const rowOf = (code: string) => {
      let found: ExcelJS.Row | undefined;
      summary?.eachRow((r) => {
        if (r.getCell(2).value === code) found = r;
      });
      return found;
    };
    expect(rowOf('XA001')?.getCell(at).value).toBe('25345');
    expect(rowOf('XA002')?.getCell(at).value ?? '').toBe('');
    expect(header(after, 1, 1).slice(-2)).toEqual(['Mã ĐVHC', 'Ghi chú']);
    await db.updateTable('unit').set({ officialCode: null }).where('code', '=', 'XA001').execute();
  });

  it('an index the campaign does not have: 404 in Vietnamese, nothing exported or audited', async () => {
    const before = await db.selectFrom('auditLog').select('id').execute();
    const res = await analyst(`${run}/export.xlsx?index=HUYEN`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toBe(
      'Bộ chỉ số của đợt khảo sát không có chỉ số "HUYEN" (có: SO, XA).',
    );
    expect(await db.selectFrom('auditLog').select('id').execute()).toHaveLength(before.length);
  });
});
