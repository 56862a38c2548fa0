import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import type { ErrorCode } from '../../contract/errors';
import { ApiError } from '../errors';
import { cleanText } from '../roster/normalize';
import { EXCEL_MAX_COLUMNS, type UploadLimits, vi } from './limits';
import { verifyInflation } from './zip';

/**
 * The parsing itself, run inside the reading worker (server/upload/worker.ts), streaming, with
 * every limit checked as the rows come rather than after: a hostile file stops at the first
 * row, column, cell or character too many.
 */

/** A sheet as read: non-empty rows only, each with its row number as the office sees it. */
export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: { row: number; cells: string[] }[];
}

const fail = (status: 400 | 413 | 422, code: ErrorCode, message: string) =>
  new ApiError(status, code, message);

export const startsWith = (bytes: Uint8Array, magic: number[]) =>
  magic.every((b, i) => bytes[i] === b);

export const notSpreadsheet = () =>
  fail(
    422,
    'roster_not_spreadsheet',
    'Tệp không phải là bảng tính Excel (.xlsx) hay CSV đọc được.',
  );

export const emptyFile = () => fail(422, 'roster_empty', 'Tệp trống, không có dữ liệu.');

export const tooManyRows = (max: number) =>
  fail(413, 'roster_too_many_rows', `Tệp có hơn ${vi(max)} dòng (tối đa ${vi(max)} dòng).`);

const tooManyColumns = (row: number, limits: UploadLimits) =>
  fail(
    413,
    'upload_too_many_columns',
    `Dòng ${vi(row)} có hơn ${vi(limits.maxColumns)} cột (tối đa ${vi(limits.maxColumns)} cột): ` +
      'hãy xóa các cột thừa bên phải rồi lưu lại.',
  );

const fieldTooLong = (row: number, limits: UploadLimits) =>
  fail(
    413,
    'upload_field_too_long',
    `Dòng ${vi(row)} có một ô dài hơn ${vi(limits.maxFieldChars)} ký tự (tối đa ` +
      `${vi(limits.maxFieldChars)} ký tự một ô).`,
  );

const tooManyCells = (limits: UploadLimits) =>
  fail(
    413,
    'upload_too_many_cells',
    `Tệp có hơn ${vi(limits.maxCells)} ô dữ liệu (tối đa ${vi(limits.maxCells)} ô): hãy chỉ giữ ` +
      'lại các cột cần nhập.',
  );

/** Counts rows, columns and cells as they come; throws at the first one over a limit. */
class Tally {
  private rows = 0;
  private cells = 0;
  constructor(private readonly limits: UploadLimits) {}
  row(rowNumber: number, cells: readonly string[]) {
    if (++this.rows > this.limits.maxRows) throw tooManyRows(this.limits.maxRows);
    if (cells.length > this.limits.maxColumns) throw tooManyColumns(rowNumber, this.limits);
    this.cells += cells.length;
    if (this.cells > this.limits.maxCells) throw tooManyCells(this.limits);
    for (const c of cells) {
      if (c.length > this.limits.maxFieldChars) throw fieldTooLong(rowNumber, this.limits);
    }
  }
}

// ————— .xlsx —————

/**
 * The first visible sheet with data, read row by row with exceljs' streaming WorkbookReader:
 * only the shared strings and the rows kept are ever in memory, never the whole workbook model.
 */
export async function readXlsx(bytes: Uint8Array, limits: UploadLimits): Promise<Sheet> {
  await verifyInflation(bytes, limits);
  // Loaded here, not at the top: exceljs takes 0.3–0.7 s to load, which a .csv upload's worker
  // (and the main thread, which only checks sizes) need not pay.
  const excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
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

// ————— .csv —————

/** UTF-8 with or without BOM; UTF-16 (Excel's "Unicode text") when it has its BOM. */
export function decode(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) throw notSpreadsheet();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fail(
      422,
      'roster_bad_encoding',
      'Tệp CSV không ở mã UTF-8 (có thể là bảng mã cũ hoặc tệp nhị phân): trong Excel chọn ' +
        'Lưu thành → "CSV UTF-8 (Comma delimited)".',
    );
  }
  // Text has tabs and line breaks; binary has the other control characters.
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  if (controls > Math.max(2, text.length / 1000)) throw notSpreadsheet();
  return text;
}

/**
 * The delimiter among , ; and tab: the one found most often per line (median over the first
 * lines), so commas inside a semicolon file's unit names do not win. Counting, not parsing: a
 * broken quote further down must not change the answer.
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r?\n/, 200)
    .filter((l) => l.trim() !== '')
    .slice(0, 30);
  let best = { delimiter: ',', score: 0 };
  for (const delimiter of [',', ';', '\t']) {
    const counts = lines.map((l) => l.split(delimiter).length - 1).sort((a, b) => a - b);
    const score = counts[Math.floor(counts.length / 2)] ?? 0;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Characters handed to csv-parse at a time: the guard sees each piece before the parser does. */
const CSV_CHUNK = 64 * 1024;

/**
 * Reads fields the way csv-parse with relax_quotes does (a quote opens a field only at its
 * start, "" inside quotes is a quote), only to count: fields per line, characters per field,
 * cells. It runs over each chunk before the parser, so a line of a million columns is refused
 * at its first filled field past maxColumns (or, all empty, past Excel's own 16,384 columns),
 * not after csv-parse has built a million-string array.
 */
class CsvGuard {
  private quoted = false;
  private atFieldStart = true;
  private pendingQuote = false;
  private fields = 1;
  private fieldChars = 0;
  private cells = 0;
  private line = 1;
  constructor(
    private readonly delimiter: string,
    private readonly limits: UploadLimits,
  ) {}

  feed(text: string) {
    const { delimiter, limits } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (this.quoted) {
        if (this.pendingQuote) {
          this.pendingQuote = false;
          if (ch === '"') {
            this.char(ch);
            continue;
          }
          this.quoted = false; // the closing quote; this character is read unquoted below
        } else {
          if (ch === '"') this.pendingQuote = true;
          else this.char(ch);
          continue;
        }
      }
      if (ch === '"' && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
      } else if (ch === delimiter) {
        // Empty fields past the last column cost the parser an array slot each: bounded too.
        if (++this.fields > EXCEL_MAX_COLUMNS) throw tooManyColumns(this.line, limits);
        if (++this.cells > limits.maxCells) throw tooManyCells(limits);
        this.fieldChars = 0;
        this.atFieldStart = true;
      } else if (ch === '\n') {
        this.endLine();
      } else if (ch !== '\r') {
        this.atFieldStart = false;
        this.char(ch);
      }
    }
  }

  /** A character of a field's text: counted, and past maxColumns refused unless blank. */
  private char(ch: string) {
    const { limits } = this;
    if (++this.fieldChars > limits.maxFieldChars) throw fieldTooLong(this.line, limits);
    // Excel pads every line of its CSV to the sheet's used width: empty columns far to the
    // right are not a reason to refuse a file, text in them is.
    if (this.fields > limits.maxColumns && ch !== ' ' && ch !== '\t')
      throw tooManyColumns(this.line, limits);
  }

  private endLine() {
    if (++this.cells > this.limits.maxCells) throw tooManyCells(this.limits);
    this.line++;
    this.fields = 1;
    this.fieldChars = 0;
    this.atFieldStart = true;
  }
}

const CSV_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  trim: false,
} as const;

export async function readCsv(bytes: Uint8Array, limits: UploadLimits): Promise<Sheet> {
  const text = decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw emptyFile();
  const delimiter = detectDelimiter(text);
  const guard = new CsvGuard(delimiter, limits);
  const rows: Sheet['rows'] = [];
  let records = 0;
  let refused: unknown;
  const parser = parse({ ...CSV_OPTIONS, delimiter });
  parser.on('readable', () => {
    let cells: string[] | null = parser.read();
    while (cells !== null && refused === undefined) {
      // One record is one spreadsheet row, blank lines included, as Excel would show the file.
      records++;
      // Past maxColumns the guard let through only blank fields (Excel's padding).
      if (cells.length > limits.maxColumns) cells.length = limits.maxColumns;
      if (records > limits.maxRows) refused = tooManyRows(limits.maxRows);
      else if (cells.some((c) => cleanText(c) !== '')) rows.push({ row: records, cells });
      cells = parser.read();
    }
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  done.catch(() => undefined); // awaited below; refused first if the guard threw
  for (let i = 0; i < text.length && refused === undefined; i += CSV_CHUNK) {
    const chunk = text.slice(i, i + CSV_CHUNK);
    guard.feed(chunk); // throws at the first column, cell or character too many
    parser.write(chunk);
    // Let the parser hand over its records, so a row limit stops the reading early too.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (refused !== undefined) throw refused;
  parser.end();
  try {
    await done;
  } catch (err) {
    const where = err && typeof err === 'object' && 'lines' in err ? ` (dòng ${err.lines})` : '';
    throw fail(422, 'roster_bad_csv', `Tệp CSV bị hỏng${where}: có dấu ngoặc kép không đóng.`);
  }
  if (refused !== undefined) throw refused;
  return { format: 'csv', rows };
}
