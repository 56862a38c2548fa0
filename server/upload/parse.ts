import type { ErrorCode } from '../../contract/errors';
import { ApiError } from '../errors';
import { type UploadLimits, vi } from './limits';

/**
 * What the parsing shares; the formats are parse-csv.ts and parse-xlsx.ts. It runs inside the
 * reading worker (server/upload/worker.ts), streaming, with every limit checked as the rows
 * come rather than after: a hostile file stops at the first row, column, cell or character too
 * many.
 */

/** A sheet as read: non-empty rows only, each with its row number as the office sees it. */
export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: { row: number; cells: string[] }[];
}

export const fail = (status: 400 | 413 | 422, code: ErrorCode, message: string) =>
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

export const tooManyColumns = (row: number, limits: UploadLimits) =>
  fail(
    413,
    'upload_too_many_columns',
    `Dòng ${vi(row)} có hơn ${vi(limits.maxColumns)} cột (tối đa ${vi(limits.maxColumns)} cột): ` +
      'hãy xóa các cột thừa bên phải rồi lưu lại.',
  );

export const fieldTooLong = (row: number, limits: UploadLimits) =>
  fail(
    413,
    'upload_field_too_long',
    `Dòng ${vi(row)} có một ô dài hơn ${vi(limits.maxFieldChars)} ký tự (tối đa ` +
      `${vi(limits.maxFieldChars)} ký tự một ô).`,
  );

export const tooManyCells = (limits: UploadLimits) =>
  fail(
    413,
    'upload_too_many_cells',
    `Tệp có hơn ${vi(limits.maxCells)} ô dữ liệu (tối đa ${vi(limits.maxCells)} ô): hãy chỉ giữ ` +
      'lại các cột cần nhập.',
  );

/** Counts rows, columns and cells as they come; throws at the first one over a limit. */
export class Tally {
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
