import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../server/db/connect';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import type { ApiError } from '../../server/errors';
import { rosterCommand } from '../../server/roster/cli';
import { readSheet } from '../../server/roster/read';
import { MAX_ROWS, UPLOAD_LIMITS } from '../../server/upload/limits';
import { inspectZip } from '../../server/upload/zip';
import { setup, signIn } from './helpers';
import { HEADER } from './roster/helpers';

/**
 * Issue #9 point 8: hostile uploads (a million columns, a zip bomb, a huge field, too many rows,
 * a parse that does not end) are refused with a clear 4xx and a stable code, write nothing, and
 * never stop the server answering others; bodies are limited on every route.
 */

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
let analyst: Awaited<ReturnType<typeof signIn>>;
let campaignId: string;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
  analyst = await signIn(ctx, 'analyst');
  const res = await officer('/api/campaigns', {
    method: 'POST',
    body: JSON.stringify({
      name: 'Khảo sát 2024',
      opensAt: '2030-11-01T08:00:00+07:00',
      closesAt: '2030-12-15T17:00:00+07:00',
      contactName: null,
      contactPhone: null,
    }),
  });
  campaignId = ((await res.json()) as { id: string }).id;
});

const encode = (s: string) => new TextEncoder().encode(s);

/** multipart/form-data, as the console's file picker sends it. */
function post(path: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name));
  return officer(`/api/campaigns/${campaignId}/${path}`, { method: 'POST', body: form });
}

/** Every row of the tables an import may write, to compare before and after. */
async function everything(db: Db) {
  const tables = [
    'respondent',
    'invitation',
    'unitSet',
    'unit',
    'campaign',
    'selfAssessment',
    'auditLog',
  ] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await db.selectFrom(t).selectAll().execute();
  return out;
}

/** A roster line of 1,000,000 columns: "x,x,x,…" after a good header, ~2 MB. */
const millionColumns = () => encode(`${HEADER}\r\n${'x,'.repeat(1_000_000)}x\r\n`);

type Refusal = { error: { code: string; message: string } };

describe('a CSV of 1,000,000 columns', () => {
  it('is refused in seconds (413 upload_too_many_columns) while the server keeps answering', async () => {
    const before = await everything(ctx.db);
    // The event loop's longest pause while the upload is read.
    let last = performance.now();
    let longestPause = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    let uploadDone = 0;
    const upload = Promise.resolve(post('roster/preview', millionColumns(), 'ds.csv')).then(
      (res) => {
        uploadDone = performance.now();
        return res;
      },
    );
    // Asked after the upload started, answered before it is: the main thread is free.
    const health = await ctx.app.request('/api/health');
    const healthDone = performance.now();
    const res = await upload;
    clearInterval(ticker);
    expect(health.status).toBe(200);
    expect(healthDone).toBeLessThan(uploadDone);
    expect(res.status).toBe(413);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe('upload_too_many_columns');
    expect(body.error.message).toContain('tối đa 200 cột');
    expect(uploadDone - started).toBeLessThan(10_000);
    expect(longestPause).toBeLessThan(1_000);
    expect(await everything(ctx.db)).toEqual(before);
  });

  it('is refused by the unit import and the self-assessment import too, writing nothing', async () => {
    const before = await everything(ctx.db);
    const units = await post('units', millionColumns(), 'don-vi.csv');
    expect(units.status).toBe(413);
    expect(((await units.json()) as Refusal).error.code).toBe('upload_too_many_columns');
    const form = new FormData();
    form.set('file', new File([millionColumns()], 'tu-danh-gia.csv'));
    const self = await analyst(`/api/campaigns/${DEMO_CAMPAIGN_ID}/self-assessment`, {
      method: 'POST',
      body: form,
    });
    expect(self.status).toBe(413);
    expect(((await self.json()) as Refusal).error.code).toBe('upload_too_many_columns');
    expect(await everything(ctx.db)).toEqual(before);
  });
});

describe('other hostile CSVs', () => {
  it("Excel's padding (empty columns up to the used width) is read; text past column 200 is not", async () => {
    const pad = ','.repeat(299);
    const padded = encode(`${HEADER}${pad}\r\n1,Người Thử${pad}\r\n`);
    const sheet = await readSheet({ name: 'ds.csv', bytes: padded });
    expect(sheet.rows.map((r) => r.cells.length)).toEqual([200, 200]);
    expect(sheet.rows[1]?.cells.slice(0, 2)).toEqual(['1', 'Người Thử']);
    const textFar = encode(`${HEADER}\r\n1,Người Thử${pad}ghi chú\r\n`);
    const err = (await readSheet({ name: 'ds.csv', bytes: textFar }).catch((e) => e)) as ApiError;
    expect(err.code).toBe('upload_too_many_columns');
    // All empty, a line is still bounded: Excel's own 16,384 columns.
    const commas = encode(`${HEADER}\r\n${','.repeat(20_000)}\r\n`);
    const bare = (await readSheet({ name: 'ds.csv', bytes: commas }).catch((e) => e)) as ApiError;
    expect(bare.code).toBe('upload_too_many_columns');
  });

  it('an .xlsx with text in column 300 is refused, with blank cells there it is read', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['1', 'Người Thử']).getCell(300).value = '   ';
    const blank = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const read = await readSheet({ name: 'ds.xlsx', bytes: blank });
    expect(read.rows[1]?.cells.length).toBe(200);
    sheet.getRow(2).getCell(300).value = 'ghi chú';
    const text = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const err = (await readSheet({ name: 'ds.xlsx', bytes: text }).catch((e) => e)) as ApiError;
    expect(err.code).toBe('upload_too_many_columns');
    expect(err.message).toContain('Dòng 2 có hơn 200 cột (tối đa 200 cột)');
  });

  it('a single field of 100,000 characters: 413 upload_field_too_long, with its row', async () => {
    const before = await everything(ctx.db);
    const line = `1,Người Thử,Chuyên viên,Văn phòng,Cán bộ,0912345678,,${'a'.repeat(100_000)}`;
    const res = await post('roster/import', encode(`${HEADER}\r\n${line}\r\n`), 'ds.csv');
    expect(res.status).toBe(413);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe('upload_field_too_long');
    expect(body.error.message).toBe(
      'Dòng 2 có một ô dài hơn 5.000 ký tự (tối đa 5.000 ký tự một ô).',
    );
    expect(await everything(ctx.db)).toEqual(before);
  });

  it(`more than ${MAX_ROWS.toLocaleString('en')} rows: 413 roster_too_many_rows`, async () => {
    const before = await everything(ctx.db);
    const lines = Array.from({ length: MAX_ROWS + 50 }, (_, i) => `${i},Người ${i}`);
    const res = await post('roster/import', encode(`${HEADER}\r\n${lines.join('\r\n')}`), 'ds.csv');
    expect(res.status).toBe(413);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe('roster_too_many_rows');
    expect(body.error.message).toContain('tối đa 100.020 dòng');
    expect(await everything(ctx.db)).toEqual(before);
  });
});

// ————— zip bombs —————

/** Deflates `total` bytes of one repeated sheet row, streaming (the test never holds them). */
async function deflatedRows(total: number): Promise<Buffer> {
  const row = Buffer.from(
    '<row><c t="inlineStr"><is><t>Người Thử</t></is></c></row>'.repeat(16_000),
  );
  const rows = function* () {
    for (let sent = 0; sent < total; sent += row.length) yield row;
  };
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(rows()).pipe(createDeflateRaw({ level: 9 })))
    out.push(chunk as Buffer);
  return Buffer.concat(out);
}

/**
 * A zip of one deflated xl/worksheets/sheet1.xml. `declared` is the expanded size its headers
 * state: the truth, or a lie (small) to get past the central directory.
 */
function zipOf(data: Buffer, declared: number): Uint8Array {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, eocd]));
}

const rss = () => process.memoryUsage().rss;

describe('an .xlsx zip bomb', () => {
  it('expanding past the limit is refused from its directory, unparsed, without memory growth', async () => {
    const expanded = UPLOAD_LIMITS.maxExpandedBytes + 10 * 1024 * 1024;
    const data = await deflatedRows(expanded);
    expect(data.length).toBeLessThan(2 * 1024 * 1024); // a small upload
    const bomb = zipOf(data, expanded);
    const before = await everything(ctx.db);
    const rssBefore = rss();
    const started = performance.now();
    const res = await post('roster/preview', bomb, 'ds.xlsx');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(413);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe('upload_expands_too_much');
    expect(body.error.message).toContain('tối đa 200 MB');
    expect(rss() - rssBefore).toBeLessThan(50 * 1024 * 1024);
    expect(await everything(ctx.db)).toEqual(before);
  });

  it('lying about its size in its headers is refused as it inflates, in the worker', async () => {
    const limits = { maxExpandedBytes: 5 * 1024 * 1024 };
    const bomb = zipOf(await deflatedRows(50 * 1024 * 1024), 1000);
    expect(() => inspectZip(bomb, { ...UPLOAD_LIMITS, ...limits })).not.toThrow();
    const rssBefore = rss();
    const err = (await readSheet({ name: 'ds.xlsx', bytes: bomb }, { limits }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err.code).toBe('upload_expands_too_much');
    expect(err.message).toContain('tối đa 5 MB');
    expect(rss() - rssBefore).toBeLessThan(50 * 1024 * 1024);
  });
});

// ————— time, memory, and the largest real files —————

describe('the reading worker', () => {
  it("leaves the caller's bytes as they were, a Buffer (the CLI's readFileSync) included", async () => {
    const bytes = Buffer.from(`${HEADER}\r\n1,Người Thử\r\n`);
    const copy = Buffer.from(bytes);
    expect((await readSheet({ name: 'ds.csv', bytes })).rows).toHaveLength(2);
    expect(bytes.equals(copy)).toBe(true);
  });

  it('leaves no temporary file behind (exceljs spills a sheet read before its strings)', async () => {
    const mine = () =>
      readdirSync(tmpdir()).filter(
        (f) => f.startsWith(`tmp-${process.pid}-`) || f.startsWith(`cchc-upload-${process.pid}-`),
      );
    const before = mine();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Danh sách').addRows([HEADER.split(','), ['1', 'Người Thử']]);
    // exceljs writes sheet1.xml before sharedStrings.xml, as Excel does.
    const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await readSheet({ name: 'ds.xlsx', bytes })).rows).toHaveLength(2);
    const tiny = { limits: { maxColumns: 1 } };
    await expect(readSheet({ name: 'ds.xlsx', bytes }, tiny)).rejects.toThrow('tối đa 1 cột');
    expect(mine()).toEqual(before);
  });

  it('reads a workbook of many sheets whole: the entries after the sheets are not lost', async () => {
    // exceljs writes every sheet, then the shared strings, styles and workbook.xml last. Each
    // sheet read before the strings waits in a temporary file; unzipper announced the end of
    // the zip meanwhile, and the reader dropped what it had not yet taken: workbook.xml, then
    // the strings. A roster with 30 other tabs was «not a spreadsheet» (and 1 in 100 templates
    // filled in and sent back, with 3 tabs).
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Danh sách').addRows([HEADER.split(','), ['1', 'Người Thử']]);
    for (let i = 1; i <= 30; i++) book.addWorksheet(`Đơn vị ${i}`).addRow([`Ghi chú ${i}`]);
    const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    for (let i = 0; i < 3; i++) {
      const { rows } = await readSheet({ name: 'ds.xlsx', bytes });
      expect(rows.map((r) => r.cells[1])).toEqual(['Họ và tên', 'Người Thử']);
    }
  });

  it('reads two files at a time, lets 8 wait, and answers 503 upload_busy beyond', async () => {
    const file = { name: 'ds.csv', bytes: encode(`${HEADER}\r\n1,Người Thử\r\n`) };
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => readSheet(file)));
    const busy = results.filter(
      (r) => r.status === 'rejected' && (r.reason as ApiError).code === 'upload_busy',
    );
    expect(busy).toHaveLength(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect((busy[0] as PromiseRejectedResult).reason.status).toBe(503);
  });

  it('is stopped at its time limit: 422 upload_timeout, and the next upload reads fine', async () => {
    const file = { name: 'ds.csv', bytes: encode(`${HEADER}\r\n1,Người Thử\r\n`) };
    const started = performance.now();
    const err = (await readSheet(file, { limits: { timeMs: 1 } }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(err.status).toBe(422);
    expect(err.code).toBe('upload_timeout');
    expect(err.message).toContain('tối đa 1 giây');
    expect((await readSheet(file)).rows).toHaveLength(2);
  });

  it('out of its heap: 422 upload_too_complex, and the memory goes back with it', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `${i},Người Thử Số ${i},Chuyên viên`);
    const file = { name: 'ds.csv', bytes: encode(`${HEADER}\r\n${lines.join('\r\n')}`) };
    const rssBefore = rss();
    const err = (await readSheet(file, { limits: { heapMb: 8 } }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err.code).toBe('upload_too_complex');
    expect(err.status).toBe(422);
    expect(rss() - rssBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it(`a real roster .xlsx imports, and ${MAX_ROWS.toLocaleString('en')} rows of it fit the limits`, async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(HEADER.split(','));
    const rows = 2_000;
    for (let i = 0; i < rows; i++)
      sheet.addRow([
        String(i + 1),
        `Người Thử Số ${i + 1}`,
        'Chuyên viên',
        'Văn phòng HĐND và UBND huyện',
        'Cán bộ, công chức',
        `09${String(i).padStart(8, '0')}`,
        '',
        '',
      ]);
    const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const { expandedBytes } = inspectZip(bytes, UPLOAD_LIMITS);
    // Twice the largest roster allowed still fits: the limit refuses bombs, not big offices.
    expect(((expandedBytes / rows) * MAX_ROWS * 2) / UPLOAD_LIMITS.maxExpandedBytes).toBeLessThan(
      1,
    );
    const res = await post('roster/preview', bytes, 'ds.xlsx');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: { total: number } };
    expect(body.summary.total).toBe(rows);
  });
});

// ————— the CLI —————

describe('cli roster import of hostile files', () => {
  let out: string[];
  let errs: string[];
  beforeEach(() => {
    out = [];
    errs = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void errs.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('a million columns: exit 1, the limit in Vietnamese, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-cli-'));
    const path = join(dir, 'ds.csv');
    writeFileSync(path, millionColumns());
    const before = await everything(ctx.db);
    const code = await rosterCommand(ctx.db, { secret: 'x'.repeat(40) }, [
      'import',
      '--campaign',
      campaignId,
      path,
    ]);
    expect(code).toBe(1);
    expect(errs).toEqual([
      'Lỗi: Dòng 2 có hơn 200 cột (tối đa 200 cột): hãy xóa các cột thừa bên phải rồi lưu lại.',
    ]);
    expect(await everything(ctx.db)).toEqual(before);
  });
});

// ————— body limits —————

describe('a body limit on every route', () => {
  const tenMegabytes = () => new Uint8Array(10 * 1024 * 1024).fill(0x61);

  it('POST /code with 10 MB: 413, the home page says so', async () => {
    const res = await ctx.app.request('/code', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: tenMegabytes(),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Dữ liệu gửi lên quá lớn.');
  });

  it('another page (POST /console) and a non-upload API route with 10 MB: 413', async () => {
    const page = await ctx.app.request('/console', { method: 'POST', body: tenMegabytes() });
    expect(page.status).toBe(413);
    const api = await officer(`/api/campaigns/${campaignId}/respondents`, {
      method: 'POST',
      body: tenMegabytes(),
    });
    expect(api.status).toBe(413);
    expect(((await api.json()) as Refusal).error.code).toBe('payload_too_large');
  });

  it('every upload route takes a file over the API limit (1 MB) and refuses over 26 MB', async () => {
    const note = 'Ghi chú dài để tệp lớn hơn giới hạn của API, như một danh sách thật.';
    const lines = Array.from(
      { length: 12_000 },
      (_, i) => `${i + 1},Người Thử Số ${i + 1},,,,,,${note}`,
    );
    const big = encode(`${HEADER}\r\n${lines.join('\r\n')}\r\n`);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect((await post('roster/preview', big, 'ds.csv')).status).toBe(200);
    // Read, then refused for what it says (a roster is not a unit set), not for its size.
    const units = await post('units', big, 'don-vi.csv');
    expect(((await units.json()) as Refusal).error.code).toBe('units_columns_missing');
    const huge = new Uint8Array(27 * 1024 * 1024).fill(0x61);
    const res = await post('units', huge, 'don-vi.csv');
    expect(res.status).toBe(413);
  });
});
