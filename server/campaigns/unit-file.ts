import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import { listUnits } from './queries';

/**
 * The columns of a unit file, as `POST /api/campaigns/:id/units` reads them (unit-import.ts):
 * the office downloads the current list, edits it in a spreadsheet, and imports it back.
 */
export const UNIT_FILE_COLUMNS = [
  'Mã',
  'Tên đơn vị',
  'Loại',
  'Đơn vị cấp trên',
  'Mã ĐVHC',
  'Huyện cũ',
] as const;

/** The kinds as a person writes them; the import folds them back to `co_quan`, `dac_khu`, … */
const KIND_WORDS: Record<string, string> = {
  tinh: 'tỉnh',
  huyen: 'huyện',
  xa: 'xã',
  phuong: 'phường',
  dac_khu: 'đặc khu',
  thi_tran: 'thị trấn',
  co_quan: 'cơ quan',
};

/** A unit set as that file (CSV, UTF-8 with BOM, formulas neutralised by server/csv.ts). */
export async function unitFileCsv(db: Db, unitSetId: string): Promise<string> {
  const units = await listUnits(db, unitSetId);
  return toCsv(
    [...UNIT_FILE_COLUMNS],
    units.map((u) => ({
      Mã: u.code,
      'Tên đơn vị': u.name,
      Loại: KIND_WORDS[u.kind] ?? u.kind,
      'Đơn vị cấp trên': u.parentCode ?? '',
      'Mã ĐVHC': u.officialCode ?? '',
      'Huyện cũ': u.area ?? '',
    })),
  );
}
