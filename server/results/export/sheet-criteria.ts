import type ExcelJS from 'exceljs';
import type { Definition } from '../../../questionnaires';
import { NO_DATA_NOTE, nfc } from './format';
import {
  COUNT,
  fitHeight,
  header,
  indexSheetName,
  listBorders,
  RATIO,
  ratio4,
  SCORE,
  type SheetContext,
} from './sheet-kit';

/**
 * "Tiêu chí – <index>": one row per unit × criterion of the index (score, max, ratio, valid and
 * excluded answers). One sheet per index, so that each prints as its own table.
 */
export function criteriaSheet(
  book: ExcelJS.Workbook,
  { doc, criteria, officialCodes }: SheetContext,
  index: Definition['indexes'][number],
) {
  const official = doc.units.some((u) => u.index === index.code && officialCodes.has(u.code));
  const sheet = book.addWorksheet(indexSheetName(book, 'Tiêu chí', index));
  header(sheet, [
    { header: 'Mã đơn vị', key: 'unitCode', width: 14 },
    { header: 'Đơn vị', key: 'unit', width: 30 },
    { header: 'Lĩnh vực', key: 'field', width: 9 },
    { header: 'Mã tiêu chí', key: 'code', width: 10 },
    { header: 'Tiêu chí', key: 'name', width: 50 },
    { header: 'Điểm', key: 'score', width: 9 },
    { header: 'Tối đa', key: 'max', width: 9 },
    { header: 'Tỷ lệ', key: 'ratio', width: 9 },
    { header: 'Số câu trả lời hợp lệ', key: 'nValid', width: 12 },
    { header: 'Số "Không biết/Không trả lời"', key: 'nExcluded', width: 12 },
    ...(official ? [{ header: 'Mã ĐVHC', key: 'officialCode', width: 9 }] : []),
    { header: 'Ghi chú', key: 'note', width: 20 },
  ]);
  for (const u of doc.units.filter((x) => x.index === index.code))
    for (const c of u.criteria) {
      const def = criteria.get(c.code);
      const row = sheet.addRow({
        unitCode: u.code,
        ...(official ? { officialCode: officialCodes.get(u.code) ?? '' } : {}),
        unit: nfc(u.name),
        field: def?.field ?? '',
        code: c.code,
        name: nfc(def?.name ?? ''),
        score: c.score,
        max: c.max,
        ratio: ratio4(c.ratio),
        nValid: c.nValid,
        nExcluded: c.nExcluded,
        note: c.noData ? NO_DATA_NOTE : '',
      });
      row.getCell('score').numFmt = SCORE;
      row.getCell('max').numFmt = SCORE;
      row.getCell('ratio').numFmt = RATIO;
      row.alignment = { wrapText: true, vertical: 'top' };
      fitHeight(sheet, row);
      row.getCell('nValid').numFmt = COUNT;
      row.getCell('nExcluded').numFmt = COUNT;
    }
  listBorders(sheet);
}
