import type ExcelJS from 'exceljs';
import { methodLines } from './method-lines';
import { fitHeight, header, listBorders, type SheetContext } from './sheet-kit';

/** "Phương pháp": how the run was scored, one line a topic. */
export function methodSheet(book: ExcelJS.Workbook, { doc, definition }: SheetContext) {
  const sheet = book.addWorksheet('Phương pháp');
  header(
    sheet,
    [
      { header: 'Mục', key: 'item', width: 24 },
      { header: 'Nội dung', key: 'text', width: 90 },
    ],
    { landscape: false },
  );
  for (const [item, text] of methodLines(doc, definition)) {
    const row = sheet.addRow({ item, text });
    row.alignment = { wrapText: true, vertical: 'top' };
    fitHeight(sheet, row);
  }
  listBorders(sheet);
}
