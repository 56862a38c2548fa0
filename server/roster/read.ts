import type { ErrorCode } from '../../contract/errors';
import { ApiError } from '../errors';
import { HEADER_SEARCH_ROWS, MAX_ROWS, UPLOAD_LIMITS } from '../upload/limits';
import { tooManyRows } from '../upload/parse';
import { type ReadOptions, readUpload, type Sheet, type UploadFile } from '../upload/read';
import { headerScore, type ManualMapping } from './headers';
import { cleanText, normalizeEmail, normalizePhone } from './normalize';

export { HEADER_SEARCH_ROWS, MAX_ROWS } from '../upload/limits';
export { detectDelimiter } from '../upload/parse-csv';
export { cellText } from '../upload/parse-xlsx';
export type { Sheet } from '../upload/read';

/** The largest file accepted (also the upload routes' body limit, server/app.ts). */
export const MAX_BYTES = UPLOAD_LIMITS.maxBytes;

export type RosterFile = UploadFile;

export interface RosterTable {
  format: 'csv' | 'xlsx';
  /** The spreadsheet row of the header (1 when the header is the first line). */
  headerRow: number;
  headers: string[];
  rows: string[][];
  /** `rowNumbers[i]` is the spreadsheet row of `rows[i]`. */
  rowNumbers: number[];
}

const fail = (status: 400 | 413 | 422, code: ErrorCode, message: string) =>
  new ApiError(status, code, message);

/**
 * Reads an .xlsx or .csv file into rows of text; throws ApiError with a stable code. The
 * reading is server/upload's: off the main thread, streaming, within UPLOAD_LIMITS.
 */
export function readSheet(file: RosterFile, options?: ReadOptions): Promise<Sheet> {
  return readUpload(file, options);
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
  if (data.length > MAX_ROWS) throw tooManyRows(MAX_ROWS);
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
