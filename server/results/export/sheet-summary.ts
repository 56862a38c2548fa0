import type ExcelJS from 'exceljs';
import { parseFraction } from '../../../analysis/fraction';
import type { Definition } from '../../../questionnaires';
import { selfAssessmentMax, spoken } from '../total';
import { NO_DATA_NOTE, NO_SELF_ASSESSMENT_NOTE, nfc, rankOf, vnTime } from './format';
import { header, POINTS, SCORE, type SheetContext, sheetName } from './sheet-kit';

/**
 * "Tổng hợp <index>": one row per unit of the index (score, max, %, rank, the total PAR index
 * of docs/method.md §9 beside it, each field), then what the index's total is made of.
 */
export function summarySheet(
  book: ExcelJS.Workbook,
  { doc, rank }: SheetContext,
  index: Definition['indexes'][number],
) {
  const sheet = book.addWorksheet(sheetName(`Tổng hợp ${index.code}`));
  header(sheet, [
    { header: 'Mã đơn vị', key: 'code', width: 14 },
    { header: 'Đơn vị', key: 'name', width: 34 },
    { header: 'Điểm khảo sát', key: 'score', width: 14 },
    { header: 'Tối đa', key: 'max', width: 10 },
    { header: 'Tỷ lệ %', key: 'percent', width: 10 },
    { header: 'Xếp hạng', key: 'rank', width: 10 },
    // Step 8, the two parts side by side: columns 7–11.
    { header: 'Tự đánh giá', key: 'self', width: 12 },
    { header: 'Điều tra XHH', key: 'survey', width: 12 },
    { header: 'Tổng', key: 'total', width: 10 },
    { header: 'Chỉ số CCHC %', key: 'par', width: 13 },
    { header: 'Xếp hạng theo Chỉ số CCHC', key: 'parRank', width: 13 },
    ...index.fields.map((f) => ({ header: f.code, key: `f:${f.code}`, width: 9 })),
    { header: 'Ghi chú', key: 'note', width: 20 },
  ]);
  for (const u of doc.units.filter((x) => x.index === index.code)) {
    const t = u.total;
    const row = sheet.addRow({
      code: u.code,
      name: nfc(u.name),
      score: u.surveyScore,
      max: u.maxScore,
      percent: u.surveyPercent,
      rank: rankOf(rank, u) ?? null,
      self: t?.selfAssessment ?? null,
      survey: t ? t.survey : null,
      total: t?.score ?? null,
      par: u.parIndex,
      parRank: t?.rank ?? null,
      ...Object.fromEntries(u.fields.map((f) => [`f:${f.code}`, f.score])),
      note: [u.noData ? NO_DATA_NOTE : '', t ? '' : NO_SELF_ASSESSMENT_NOTE]
        .filter(Boolean)
        .join('; '),
    });
    row.eachCell((cell, col) => {
      if (col >= 3 && col !== 6 && col !== 11 && typeof cell.value === 'number')
        cell.numFmt = col === 7 || col === 9 ? POINTS : SCORE;
    });
  }
  sheet.addRow({});
  sheet.addRow({ name: nfc(`${index.name} — phần khảo sát, tối đa ${index.budget} điểm`) });
  sheet.addRow({
    name: nfc(
      doc.selfAssessment
        ? `Chỉ số CCHC = (tự đánh giá + điều tra XHH) / (${spoken(selfAssessmentMax(index.budget))} + ${spoken(parseFraction(index.budget))}) × 100; tự đánh giá đã thẩm định, nhập lúc ${vnTime(doc.selfAssessment.importedAt)}`
        : 'Chỉ số CCHC tổng: chưa nhập điểm tự đánh giá đã thẩm định khi tính lần này',
    ),
  });
}
