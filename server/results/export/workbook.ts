import ExcelJS from 'exceljs';
import type { Distribution, ResultsDocument } from '../../../contract/results';
import type { Definition } from '../../../questionnaires';
import { criteriaSheet } from './sheet-criteria';
import { distributionSheet } from './sheet-distributions';
import { groupSheet } from './sheet-groups';
import { sheetContext } from './sheet-kit';
import { methodSheet } from './sheet-method';
import { summarySheet } from './sheet-summary';

/**
 * The workbook: "Tổng hợp <index>" per index (unit, score, max, %, rank, and each field),
 * "Tiêu chí", "Nhóm", "Phân bố" (A–E per question × unit) and "Phương pháp".
 */
export async function resultsXlsx(
  doc: ResultsDocument,
  definition: Definition,
  distributions: readonly Distribution[],
): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  book.creator = 'cchc-survey';
  // The run's own time, not the export's: the same run gives the same workbook.
  book.created = new Date(doc.method.createdAt);
  book.modified = new Date(doc.method.createdAt);
  const ctx = sheetContext(doc, definition);
  for (const index of definition.indexes) summarySheet(book, ctx, index);
  criteriaSheet(book, ctx);
  groupSheet(book, ctx);
  distributionSheet(book, ctx, distributions);
  methodSheet(book, ctx);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
