import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ApiError } from '../errors';
import { headerScore, type ManualMapping } from './headers';
import { cleanText, normalizeEmail, normalizePhone } from './normalize';

/** Rosters are hundreds of rows; this leaves room for a province and stops a runaway file. */
export const MAX_ROWS = 100_000;
export const MAX_BYTES = 25 * 1024 * 1024;
/** Title lines ("UBND HUYỆN HỚN QUẢN", "DANH SÁCH …") may sit above the header row. */
const HEADER_SEARCH_ROWS = 20;

export interface RosterFile {
  name: string;
  bytes: Uint8Array;
}

/** A sheet as read: non-empty rows only, each with its row number as the office sees it. */
export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: { row: number; cells: string[] }[];
}

export interface RosterTable {
  format: 'csv' | 'xlsx';
  /** The spreadsheet row of the header (1 when the header is the first line). */
  headerRow: number;
  headers: string[];
  rows: string[][];
  /** `rowNumbers[i]` is the spreadsheet row of `rows[i]`. */
  rowNumbers: number[];
}

const fail = (status: 400 | 413 | 422, code: string, message: string) =>
  new ApiError(status, code, message);

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** Reads an .xlsx or .csv file into rows of text; throws ApiError with a stable code. */
export async function readSheet(file: RosterFile): Promise<Sheet> {
  const { bytes } = file;
  if (bytes.length === 0) throw fail(422, 'roster_empty', 'Tệp trống, không có dữ liệu.');
  if (bytes.length > MAX_BYTES) {
    throw fail(413, 'roster_too_large', `Tệp lớn hơn ${MAX_BYTES / 1024 / 1024} MB.`);
  }
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, OLE) || ext === 'xls') {
    throw fail(
      400,
      'roster_old_excel',
      'Tệp Excel 97–2003 (.xls) chưa được hỗ trợ: mở bằng Excel và lưu lại dạng .xlsx hoặc .csv.',
    );
  }
  // The content decides, not the name: an .xlsx renamed .csv is still a workbook.
  if (startsWith(bytes, ZIP)) return readXlsx(bytes);
  if (ext === 'xlsx') throw notSpreadsheet();
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return readCsv(bytes);
  throw fail(
    400,
    'roster_unsupported_type',
    `Không đọc được tệp ".${ext}": chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).`,
  );
}

const notSpreadsheet = () =>
  fail(
    422,
    'roster_not_spreadsheet',
    'Tệp không phải là bảng tính Excel (.xlsx) hay CSV đọc được.',
  );

const tooManyRows = () =>
  fail(413, 'roster_too_many_rows', `Tệp có hơn ${MAX_ROWS.toLocaleString('vi')} dòng.`);

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); a copy gives it exactly the bytes.
    await book.xlsx.load(bytes.slice().buffer);
  } catch {
    throw notSpreadsheet();
  }
  const sheets = book.worksheets.filter((s) => s.state === 'visible' || s.state === undefined);
  const sheet = sheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw fail(422, 'roster_empty', 'Bảng tính không có dữ liệu.');
  if (sheet.actualRowCount > MAX_ROWS + HEADER_SEARCH_ROWS) throw tooManyRows();
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value, cell.numFmt);
    });
    const filled = Array.from(cells, (c) => c ?? '');
    if (filled.some((c) => cleanText(c) !== '')) rows.push({ row: rowNumber, cells: filled });
  });
  return { format: 'xlsx', rows };
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

/** UTF-8 with or without BOM; UTF-16 (Excel's "Unicode text") when it has its BOM. */
function decode(bytes: Uint8Array): string {
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

const CSV_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  trim: false,
} as const;

/**
 * The delimiter among , ; and tab: the one found most often per line (median over the first
 * lines), so commas inside a semicolon file's unit names do not win. Counting, not parsing: a
 * broken quote further down must not change the answer.
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r?\n/)
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

function readCsv(bytes: Uint8Array): Sheet {
  const text = decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw fail(422, 'roster_empty', 'Tệp trống, không có dữ liệu.');
  let records: string[][];
  try {
    records = parse(text, {
      ...CSV_OPTIONS,
      delimiter: detectDelimiter(text),
      to: MAX_ROWS + HEADER_SEARCH_ROWS + 1,
    }) as string[][];
  } catch (err) {
    const where = err && typeof err === 'object' && 'lines' in err ? ` (dòng ${err.lines})` : '';
    throw fail(422, 'roster_bad_csv', `Tệp CSV bị hỏng${where}: có dấu ngoặc kép không đóng.`);
  }
  if (records.length > MAX_ROWS + HEADER_SEARCH_ROWS) throw tooManyRows();
  // One record is one spreadsheet row, blank lines included, as Excel would show the file.
  const rows = records
    .map((cells, i) => ({ row: i + 1, cells }))
    .filter((r) => r.cells.some((c) => cleanText(c) !== ''));
  return { format: 'csv', rows };
}

/** Whether a row looks like data rather than headers: a phone number or an e-mail address. */
const looksLikeData = (cells: string[]) =>
  cells.some((c) => normalizePhone(c)?.ok === true || normalizeEmail(c)?.ok === true);

/**
 * Finds the header row (the first of the top rows naming at least two known columns, else the
 * first row) and returns the rows below it. A first row holding data means there is no header.
 */
export function splitHeader(sheet: Sheet, manual: ManualMapping = {}): RosterTable {
  const top = sheet.rows.slice(0, HEADER_SEARCH_ROWS);
  if (top.length === 0) throw fail(422, 'roster_empty', 'Tệp trống, không có dữ liệu.');
  const at = Math.max(
    0,
    top.findIndex((r) => headerScore(r.cells, manual) >= 2),
  );
  const header = top[at];
  if (!header || (headerScore(header.cells, manual) === 0 && looksLikeData(header.cells))) {
    throw fail(
      422,
      'roster_no_header',
      'Không tìm thấy dòng tiêu đề (Họ và tên, Đơn vị công tác, Nhóm đối tượng…): dòng đầu tiên ' +
        'đã là dữ liệu. Hãy thêm một dòng tiêu đề.',
    );
  }
  const data = sheet.rows.slice(at + 1);
  if (data.length === 0) {
    throw fail(422, 'roster_no_data', 'Tệp chỉ có dòng tiêu đề, không có người nào.');
  }
  if (data.length > MAX_ROWS) throw tooManyRows();
  return {
    format: sheet.format,
    headerRow: header.row,
    headers: header.cells.map(cleanText),
    rows: data.map((r) => r.cells),
    rowNumbers: data.map((r) => r.row),
  };
}

/** readSheet + splitHeader. */
export async function readRoster(file: RosterFile, manual?: ManualMapping): Promise<RosterTable> {
  return splitHeader(await readSheet(file), manual);
}
