import type ExcelJS from 'exceljs';
import { NO_DATA_NOTE, nfc } from './format';
import { header, RATIO, SCORE, type SheetContext } from './sheet-kit';

/** "Tiêu chí": one row per unit × criterion (score, max, ratio, valid and excluded answers). */
export function criteriaSheet(book: ExcelJS.Workbook, { doc, criteria }: SheetContext) {
  const sheet = book.addWorksheet('Tiêu chí');
  header(sheet, [
    { header: 'Chỉ số', key: 'index', width: 8 },
    { header: 'Mã đơn vị', key: 'unitCode', width: 14 },
    { header: 'Đơn vị', key: 'unit', width: 30 },
    { header: 'Lĩnh vực', key: 'field', width: 9 },
    { header: 'Mã tiêu chí', key: 'code', width: 10 },
    { header: 'Tiêu chí', key: 'name', width: 60 },
    { header: 'Điểm', key: 'score', width: 9 },
    { header: 'Tối đa', key: 'max', width: 9 },
    { header: 'Tỷ lệ', key: 'ratio', width: 9 },
    { header: 'Số câu trả lời hợp lệ', key: 'nValid', width: 12 },
    { header: 'Số "Không biết/Không trả lời"', key: 'nExcluded', width: 12 },
    { header: 'Ghi chú', key: 'note', width: 20 },
  ]);
  for (const u of doc.units)
    for (const c of u.criteria) {
      const def = criteria.get(c.code);
      const row = sheet.addRow({
        index: u.index,
        unitCode: u.code,
        unit: nfc(u.name),
        field: def?.field ?? '',
        code: c.code,
        name: nfc(def?.name ?? ''),
        score: c.score,
        max: c.max,
        ratio: c.ratio,
        nValid: c.nValid,
        nExcluded: c.nExcluded,
        note: c.noData ? NO_DATA_NOTE : '',
      });
      row.getCell('score').numFmt = SCORE;
      row.getCell('max').numFmt = SCORE;
      row.getCell('ratio').numFmt = RATIO;
    }
}
