import type ExcelJS from 'exceljs';
import { add, parseFraction, ZERO } from '../../../analysis/fraction';
import type { RunUnitResult as UnitResult } from '../../../contract/results';
import type { Definition } from '../../../questionnaires';
import { selfAssessmentMax, spoken } from '../total';
import { NO_DATA_NOTE, NO_SELF_ASSESSMENT_NOTE, nfc, rankOf, viDateTime } from './format';
import {
  BORDER,
  COUNT,
  indexSheetName,
  POINTS,
  printSetup,
  SCORE,
  type SheetContext,
  shortFingerprint,
} from './sheet-kit';

/** The title block's lines above the table; the table's header row comes after a blank line. */
const TITLE_LINES = 5;
export const SUMMARY_HEADER_ROW = TITLE_LINES + 2;

interface Column {
  header: string;
  width: number;
  value: (u: UnitResult) => number | string | null;
  numFmt?: string;
}

/**
 * "Kết quả – <index>": the official table of one index as an office prints and files it. A title
 * block (campaign, run, official or trial, locked or not, time, fingerprint), then one row per unit
 * ranked (rank, code, unit, survey score and maximum, %, the total PAR index of docs/method.md §9
 * once the self-assessment is imported, each field's score), then the fields' names and what the
 * index's total is made of. A4 landscape, one page wide, the header row repeated on every page.
 * One sheet per index, because the indexes have different fields: one header row that repeats.
 */
export function summarySheet(
  book: ExcelJS.Workbook,
  { doc, rank, officialCodes }: SheetContext,
  index: Definition['indexes'][number],
) {
  const official = doc.units.some((u) => u.index === index.code && officialCodes.has(u.code));
  const m = doc.method;
  const sheet = book.addWorksheet(indexSheetName(book, 'Kết quả', index));
  const self = doc.selfAssessment;
  const surveyRank = (u: UnitResult) => rankOf(rank, u) ?? null;
  const columns: Column[] = [
    {
      header: self ? 'Xếp hạng theo Chỉ số CCHC' : 'Xếp hạng',
      width: self ? 10 : 8,
      value: (u) => (self ? (u.total?.rank ?? null) : surveyRank(u)),
      numFmt: COUNT,
    },
    { header: 'Mã đơn vị', width: 13, value: (u) => u.code },

    { header: 'Đơn vị', width: 30, value: (u) => nfc(u.name) },
    { header: 'Điểm khảo sát', width: 10, value: (u) => u.surveyScore, numFmt: SCORE },
    { header: 'Tối đa', width: 8, value: (u) => u.maxScore, numFmt: SCORE },
    { header: 'Tỷ lệ %', width: 9, value: (u) => u.surveyPercent, numFmt: SCORE },
    ...(self
      ? [
          {
            header: 'Xếp hạng theo điểm khảo sát',
            width: 10,
            value: surveyRank,
            numFmt: COUNT,
          },
          {
            header: 'Tự đánh giá',
            width: 10,
            value: (u: UnitResult) => u.total?.selfAssessment ?? null,
            numFmt: POINTS,
          },
          {
            header: 'Tổng điểm',
            width: 10,
            value: (u: UnitResult) => u.total?.score ?? null,
            numFmt: POINTS,
          },
          {
            header: 'Chỉ số CCHC %',
            width: 10,
            value: (u: UnitResult) => u.parIndex,
            numFmt: SCORE,
          },
        ]
      : []),
    ...index.fields.map((f) => ({
      header: f.code,
      width: 8,
      value: (u: UnitResult) => u.fields.find((x) => x.code === f.code)?.score ?? null,
      numFmt: SCORE,
    })),
    // After the figures, before the note: the official table's columns stay where offices know them.
    ...(official
      ? [{ header: 'Mã ĐVHC', width: 9, value: (u: UnitResult) => officialCodes.get(u.code) ?? '' }]
      : []),
    {
      header: 'Ghi chú',
      width: 16,
      value: (u) =>
        [u.noData ? NO_DATA_NOTE : '', self && !u.total ? NO_SELF_ASSESSMENT_NOTE : '']
          .filter(Boolean)
          .join('; '),
    },
  ];
  const last = columns.length;
  sheet.columns = columns.map((c) => ({ width: c.width }));

  // The title block, each line across the table.
  const line = (n: number, text: string, font: Partial<ExcelJS.Font> = {}) => {
    sheet.mergeCells(n, 1, n, last);
    const cell = sheet.getCell(n, 1);
    cell.value = nfc(text);
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  line(1, `Kết quả điều tra xã hội học — ${index.name}`.toLocaleUpperCase('vi'), {
    bold: true,
    size: 14,
  });
  sheet.getRow(1).height = 24;
  line(2, `Đợt khảo sát: ${doc.campaign.name}`, { bold: true, size: 12 });
  line(
    3,
    `Lần tính ${m.runId} — ${m.trial ? 'thử nghiệm (chỉ để xem, không công bố)' : 'chính thức'} — ${
      m.locked && m.lockedAt ? `đã khóa lúc ${viDateTime(m.lockedAt)}` : 'chưa khóa'
    }`,
  );
  line(
    4,
    `Tính lúc ${viDateTime(m.createdAt)} (giờ Việt Nam) trên ${doc.submissionCount} phiếu — dấu vân tay dữ liệu ${shortFingerprint(doc.fingerprint)} (đầy đủ ở trang "Phương pháp")`,
  );
  line(
    5,
    `Phần điều tra xã hội học tối đa ${spoken(parseFraction(index.budget))} điểm; ${
      self
        ? `Chỉ số CCHC tính với điểm tự đánh giá đã thẩm định nhập lúc ${viDateTime(self.importedAt)}`
        : 'chưa nhập điểm tự đánh giá đã thẩm định: chưa có Chỉ số CCHC tổng'
    }`,
    { italic: true },
  );

  // The table.
  const head = sheet.getRow(SUMMARY_HEADER_ROW);
  head.values = columns.map((c) => nfc(c.header));
  head.font = { bold: true };
  head.height = self ? 58 : 42;
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  // Ranked: by the PAR index once imported (units it lacks after), then the survey score.
  const LAST = Number.POSITIVE_INFINITY;
  const units = doc.units
    .filter((x) => x.index === index.code)
    .sort(
      (a, b) =>
        (self ? (a.total?.rank ?? LAST) - (b.total?.rank ?? LAST) : 0) ||
        (rankOf(rank, a) ?? LAST) - (rankOf(rank, b) ?? LAST) ||
        a.code.localeCompare(b.code),
    );
  let n = SUMMARY_HEADER_ROW;
  for (const u of units) {
    const row = sheet.getRow(++n);
    row.values = columns.map((c) => c.value(u));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
      if (i === 0) cell.alignment = { horizontal: 'center' };
    });
  }
  for (let r = SUMMARY_HEADER_ROW; r <= n; r++)
    for (let c = 1; c <= last; c++) sheet.getCell(r, c).border = BORDER;
  for (let c = 1; c <= last; c++)
    sheet.getCell(SUMMARY_HEADER_ROW, c).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFE7E6E6' },
    };

  // Below the table: the fields' names and maxima, and what the total is made of.
  const note = (text: string) => {
    n++;
    sheet.mergeCells(n, 1, n, last);
    const cell = sheet.getCell(n, 1);
    cell.value = nfc(text);
    cell.alignment = { wrapText: false };
  };
  n++;
  for (const f of index.fields)
    note(
      `${f.code}: ${f.name} (tối đa ${spoken(f.criteria.reduce((s, c) => add(s, parseFraction(c.maxPoints)), ZERO))} điểm)`,
    );
  note(
    self
      ? `Chỉ số CCHC % = (tự đánh giá + điều tra XHH) / (${spoken(selfAssessmentMax(index.budget))} + ${spoken(parseFraction(index.budget))}) × 100, làm tròn 2 chữ số thập phân`
      : 'Xếp hạng theo điểm khảo sát trong chỉ số; bằng điểm thì cùng hạng; đơn vị không đủ dữ liệu không xếp hạng',
  );
  if (doc.withheld.length > 0)
    note(
      `${doc.withheld.length} đơn vị không hiện trong lần tính thử này: xem trang "Phương pháp"`,
    );

  sheet.views = [{ state: 'frozen', ySplit: SUMMARY_HEADER_ROW, xSplit: 3 }];
  printSetup(sheet, {
    landscape: true,
    titleRows: `${SUMMARY_HEADER_ROW}:${SUMMARY_HEADER_ROW}`,
  });
}
