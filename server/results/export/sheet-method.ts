import type ExcelJS from 'exceljs';
import { methodLines } from './method-lines';
import { header, type SheetContext } from './sheet-kit';

/** "Phương pháp": how the run was scored, one line a topic. */
export function methodSheet(book: ExcelJS.Workbook, { doc, definition }: SheetContext) {
  const sheet = book.addWorksheet('Phương pháp');
  header(sheet, [
    { header: 'Mục', key: 'item', width: 30 },
    { header: 'Nội dung', key: 'text', width: 120 },
  ]);
  for (const [item, text] of methodLines(doc, definition)) {
    sheet.addRow({ item, text }).getCell('text').alignment = { wrapText: true };
  }
}
