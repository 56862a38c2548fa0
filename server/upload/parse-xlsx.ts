import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { ApiError } from '../errors';
import { cleanText } from '../roster/normalize';
import type { UploadLimits } from './limits';
import { fail, notSpreadsheet, type Sheet, Tally, tooManyColumns } from './parse';
import { verifyInflation } from './zip';

/**
 * The first visible sheet with data, read row by row with exceljs' streaming WorkbookReader:
 * only the shared strings and the rows kept are ever in memory, never the whole workbook model.
 */
export async function readXlsx(bytes: Uint8Array, limits: UploadLimits): Promise<Sheet> {
  await verifyInflation(bytes, limits);
  // Loaded here, not at the top: exceljs takes 0.3–0.7 s to load, which a .csv upload's worker
  // (and the main thread, which only checks sizes) need not pay.
  const excel = loadExcel();
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // numFmt: a phone typed as a number keeps its leading zero; dates
    hyperlinks: 'ignore', // a linked cell reads as its text
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      const state = (sheet as unknown as { state?: string }).state;
      const rows = await readWorksheet(sheet, limits, state === undefined || state === 'visible');
      if (rows.length > 0) return { format: 'xlsx', rows };
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw notSpreadsheet();
  }
  throw fail(422, 'roster_empty', 'Bảng tính không có dữ liệu.');
}

/** exceljs, with the zip reader it streams through made to end when it has given every entry. */
function loadExcel(): typeof ExcelJS {
  const require = createRequire(import.meta.url);
  const excel = require('exceljs') as typeof ExcelJS;
  endAfterLastEntry(createRequire(require.resolve('exceljs'))('unzipper') as Unzipper);
  return excel;
}

interface Unzipper {
  Parse: (opts?: object) => NodeJS.ReadableStream & { readableEnded: boolean };
}
const MENDED = Symbol('cchc.endAfterLastEntry');

/**
 * unzipper's Parse (exceljs' streaming reader reads the zip through it) emits 'end' as soon as
 * its input is written, while entries it has read still wait in its readable side; the reader
 * believes it and stops, dropping them. exceljs writes each sheet before the shared strings and
 * workbook.xml (Excel too puts the strings after the sheets), each such sheet waits in a
 * temporary file meanwhile, and the strings or workbook.xml were lost: a workbook with many tabs
 * was refused as «not a spreadsheet», 1 in 100 small ones too. Only the stream's own 'end' is
 * let through: it comes after the end of the central directory, once every entry is taken (a
 * broken zip still ends in an 'error').
 */
function endAfterLastEntry(unzipper: Unzipper & { [MENDED]?: true }): void {
  if (unzipper[MENDED]) return;
  const parse = unzipper.Parse;
  unzipper.Parse = (opts) => {
    const stream = parse(opts);
    const emit = stream.emit;
    stream.emit = function (this: typeof stream, event: string | symbol, ...args: unknown[]) {
      if (event === 'end' && !this.readableEnded) return false;
      return emit.call(this, event, ...args);
    } as typeof stream.emit;
    return stream;
  };
  unzipper[MENDED] = true;
}

type StreamSheet = AsyncIterable<ExcelJS.Row>;

async function readWorksheet(
  sheet: unknown,
  limits: UploadLimits,
  visible: boolean,
): Promise<Sheet['rows']> {
  const tally = new Tally(limits);
  const rows: Sheet['rows'] = [];
  for await (const row of sheet as StreamSheet) {
    if (!visible) continue; // drained, not kept: the next sheet follows in the zip
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value, cell.numFmt);
    });
    // Text past maxColumns is refused (a stray note in column XFD is 16,384 columns); blank
    // cells there are dropped.
    if (cells.length > limits.maxColumns) {
      if (cells.slice(limits.maxColumns).some((c) => cleanText(c) !== ''))
        throw tooManyColumns(row.number, limits);
      cells.length = limits.maxColumns;
    }
    const filled = Array.from(cells, (c) => c ?? '');
    if (!filled.some((c) => cleanText(c) !== '')) continue;
    tally.row(row.number, filled);
    rows.push({ row: row.number, cells: filled });
  }
  return rows;
}

/** A cell's value as the office sees it: rich text, hyperlinks and formulas become their text. */
export function cellText(value: unknown, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const text = Number.isSafeInteger(value) ? value.toFixed(0) : String(value);
    // A "0000000000" format shows the leading zero of a phone typed as a number.
    return numFmt && /^0+$/.test(numFmt) ? text.padStart(numFmt.length, '0') : text;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(value.getUTCDate())}/${p(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return v.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
    }
    if ('hyperlink' in v) return cellText(v.text);
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt);
  }
  return ''; // error values (#N/A, #REF!) read as empty
}
