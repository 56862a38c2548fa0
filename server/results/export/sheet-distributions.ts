import type ExcelJS from 'exceljs';
import type { Distribution } from '../../../contract/results';
import { hiddenNote, nfc } from './format';
import { COUNT, fitHeight, header, listBorders, type SheetContext } from './sheet-kit';

/** "Phân bố A–E": the A–E counts per question × unit, hidden ones noted (docs/method.md §12). */
export function distributionSheet(
  book: ExcelJS.Workbook,
  { definition, k, unitNames }: SheetContext,
  distributions: readonly Distribution[],
) {
  const sheet = book.addWorksheet('Phân bố A–E');
  header(sheet, [
    { header: 'Phiếu', key: 'questionnaire', width: 8 },
    { header: 'Câu', key: 'question', width: 6 },
    { header: 'Nội dung câu hỏi', key: 'text', width: 50 },
    { header: 'Mã tiêu chí', key: 'criterion', width: 10 },
    { header: 'Mã đơn vị', key: 'unitCode', width: 14 },
    { header: 'Đơn vị', key: 'unit', width: 30 },
    { header: 'A', key: 'A', width: 6 },
    { header: 'B', key: 'B', width: 6 },
    { header: 'C', key: 'C', width: 6 },
    { header: 'D', key: 'D', width: 6 },
    { header: 'E (Không biết/Không trả lời)', key: 'E', width: 10 },
    { header: 'Tổng', key: 'total', width: 7 },
    { header: 'Ghi chú', key: 'note', width: 18 },
  ]);
  const questionText = new Map(
    definition.questionnaires.flatMap((q) =>
      q.questions.map((x) => [`${q.id}\u0000${x.id}`, x.text] as const),
    ),
  );
  for (const d of distributions) {
    const row = sheet.addRow({
      questionnaire: d.questionnaireId,
      question: d.questionId,
      text: nfc(questionText.get(`${d.questionnaireId}\u0000${d.questionId}`) ?? ''),
      criterion: d.criterion,
      unitCode: d.unitCode,
      unit: unitNames.get(d.unitCode) ?? d.unitCode,
      ...(d.counts ?? {}),
      total: d.total,
      note: d.hidden ? hiddenNote(k) : '',
    });
    row.alignment = { wrapText: true, vertical: 'top' };
    fitHeight(sheet, row);
    for (const key of ['A', 'B', 'C', 'D', 'E', 'total'])
      if (typeof row.getCell(key).value === 'number') row.getCell(key).numFmt = COUNT;
  }
  listBorders(sheet);
}
