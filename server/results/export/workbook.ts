import ExcelJS from 'exceljs';
import type { Distribution, ResultsDocument } from '../../../contract/results';
import type { Definition } from '../../../questionnaires';
import { criteriaSheet } from './sheet-criteria';
import { distributionSheet } from './sheet-distributions';
import { groupSheet } from './sheet-groups';
import { sheetContext } from './sheet-kit';
import { methodSheet } from './sheet-method';
import { summarySheet } from './sheet-summary';

/** unit code → official code (Mã ĐVHC), for the units that have one. */
export const officialCodesOf = (units: readonly { code: string; officialCode: string | null }[]) =>
  new Map(units.flatMap((u) => (u.officialCode ? [[u.code, u.officialCode] as const] : [])));

/**
 * The workbook, ready to print: "Kết quả – <index>" per index first (the official table: title
 * block, ranked units, score, max, %, the PAR index once imported, each field), then
 * "Tiêu chí – <index>" per index, "Theo nhóm", "Phân bố A–E" (per question × unit) and
 * "Phương pháp". Sheet names come from the index's name ("UBND huyện"), not its code. Every
 * sheet is set up for A4, one page wide, its header row repeated, "Trang 3/12" in the footer.
 */
export async function resultsXlsx(
  doc: ResultsDocument,
  definition: Definition,
  distributions: readonly Distribution[],
  /** unit code → official code (Mã ĐVHC): a column beside "Mã đơn vị" where any unit has one. */
  officialCodes: ReadonlyMap<string, string> = new Map(),
): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  book.creator = 'cchc-survey';
  // The run's own time, not the export's: the same run gives the same workbook.
  book.created = new Date(doc.method.createdAt);
  book.modified = new Date(doc.method.createdAt);
  const ctx = sheetContext(doc, definition, officialCodes);
  for (const index of definition.indexes) summarySheet(book, ctx, index);
  for (const index of definition.indexes) criteriaSheet(book, ctx, index);
  groupSheet(book, ctx);
  distributionSheet(book, ctx, distributions);
  methodSheet(book, ctx);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
