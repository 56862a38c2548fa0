import type ExcelJS from 'exceljs';
import { hiddenNote, nfc } from './format';
import {
  COUNT,
  fitHeight,
  header,
  listBorders,
  RATIO,
  ratio4,
  type SheetContext,
} from './sheet-kit';

/**
 * "Theo nhóm": one row per unit × group × criterion (forms, ratio), hidden where the small-group
 * rule hides the breakdown (docs/method.md §12).
 */
export function groupSheet(book: ExcelJS.Workbook, { doc, k, criteria, groupNames }: SheetContext) {
  const sheet = book.addWorksheet('Theo nhóm');
  header(sheet, [
    { header: 'Chỉ số', key: 'index', width: 8 },
    { header: 'Mã đơn vị', key: 'unitCode', width: 14 },
    { header: 'Đơn vị', key: 'unit', width: 30 },
    { header: 'Mã nhóm', key: 'group', width: 16 },
    { header: 'Nhóm đối tượng', key: 'groupName', width: 44 },
    { header: 'Mã tiêu chí', key: 'code', width: 10 },
    { header: 'Tiêu chí', key: 'name', width: 50 },
    { header: 'Số phiếu', key: 'nForms', width: 9 },
    { header: 'Tỷ lệ', key: 'ratio', width: 9 },
    { header: 'Ghi chú', key: 'note', width: 18 },
  ]);
  for (const u of doc.units)
    for (const g of u.groups)
      for (const c of g.criteria) {
        const row = sheet.addRow({
          index: u.index,
          unitCode: u.code,
          unit: nfc(u.name),
          group: g.code,
          groupName: nfc(groupNames.get(g.code) ?? g.code),
          code: c.code,
          name: nfc(criteria.get(c.code)?.name ?? ''),
          nForms: c.nForms,
          ratio: ratio4(c.ratio),
          note: c.nForms === null ? hiddenNote(k) : '',
        });
        row.getCell('ratio').numFmt = RATIO;
        row.alignment = { wrapText: true, vertical: 'top' };
        fitHeight(sheet, row);
        row.getCell('nForms').numFmt = COUNT;
      }
  listBorders(sheet);
}
