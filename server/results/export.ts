import ExcelJS from 'exceljs';
import { parseFraction } from '../../analysis/fraction';
import type { UnitResult } from '../../analysis/types';
import type { Definition } from '../../questionnaires';
import { toCsv } from '../csv';
import type { Distribution, ResultsDocument } from './runs';
import { decimalText, selfAssessmentMax, spoken } from './total';

/**
 * The exports of a scoring run: the results JSON, a long CSV (one row per unit × figure) and an
 * Excel workbook (a summary sheet per index, criteria, groups, distributions, and the method).
 * Everything comes from the stored run, so a locked run re-exports identically. Vietnamese text
 * is NFC; no person's name, phone or link is in any of them (runs hold aggregates only).
 */

const nfc = (s: string) => s.normalize('NFC');
export const hiddenNote = (k: number) => `ẩn (dưới ${k} phiếu)`;
export const NO_DATA_NOTE = 'không đủ dữ liệu';
export const NO_SELF_ASSESSMENT_NOTE = 'chưa nhập điểm tự đánh giá';

/** Scores, maxima and percents as the method rounds them: 2 decimals. */
const two = (n: number | null) => (n === null ? '' : n.toFixed(2));
/**
 * Imported points and their sums as they are: at least 2 decimals, up to the 4 an import may
 * have ("70.255" stays 70.255: rounding it to 70.25 or 70.26 would be a number nobody gave).
 */
const points = (n: number | null) => (n === null ? '' : decimalText(parseFraction(String(n))));
/** Ratios unrounded, as the contract gives them. */
const exact = (n: number | null) => (n === null ? '' : String(n));

export function resultsJsonText(doc: ResultsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Rank within an index by survey score, highest first; equal scores share a rank ("1, 2, 2, 4").
 * A unit without data is not ranked.
 */
export function ranks(units: readonly UnitResult[]): Map<string, number> {
  const out = new Map<string, number>();
  const byIndex = new Map<string, UnitResult[]>();
  for (const u of units) if (!u.noData) byIndex.set(u.index, [...(byIndex.get(u.index) ?? []), u]);
  for (const list of byIndex.values())
    for (const u of list)
      out.set(
        `${u.index}\u0000${u.code}`,
        1 + list.filter((v) => v.surveyScore > u.surveyScore).length,
      );
  return out;
}
const rankOf = (r: Map<string, number>, u: UnitResult) => r.get(`${u.index}\u0000${u.code}`);

export const CSV_COLUMNS = ['unit_code', 'unit_name', 'index', 'figure', 'value', 'note'];

/**
 * Long format: first the run's own figures (`run:…`, no unit), then per unit `survey_score`,
 * `survey_max`, `survey_percent`, `par_index`, `rank`, then step 8's `self_assessment`,
 * `self_assessment_max`, `total_score`, `total_max`, `par_rank` (empty, noted, until the
 * self-assessment is imported), `field:<code>:score|max|percent` (and
 * `field:<code>:self_assessment` where the office gave points per field),
 * `criterion:<code>:score|max|ratio|n_valid|n_excluded`, and
 * `group:<group>:criterion:<code>:n_forms|ratio` (empty, noted "ẩn (dưới k phiếu)", where the
 * small-group rule hides them). UTF-8 with a BOM, so that Excel shows Vietnamese.
 */
export function resultsCsv(doc: ResultsDocument): string {
  const m = doc.method;
  const k = m.minCellSize;
  const rows: Record<string, string | number>[] = [];
  const runRow = (figure: string, value: string | number) =>
    rows.push({
      unit_code: '',
      unit_name: '',
      index: '',
      figure: `run:${figure}`,
      value,
      note: '',
    });
  runRow('id', m.runId);
  runRow('created_at', m.createdAt);
  runRow('definition', `${m.definitionCode}@${m.definitionVersion}`);
  runRow('profile', m.profile);
  runRow('weighting', m.weighting);
  runRow('empty_criterion', m.emptyCriterion);
  runRow('min_cell_size', k);
  runRow('status', m.trial ? 'trial' : m.locked ? 'official_locked' : 'official');
  runRow('fingerprint', doc.fingerprint);
  runRow('submissions', doc.submissionCount);
  runRow('self_assessment_imported_at', doc.selfAssessment?.importedAt ?? '');
  runRow('self_assessment_fingerprint', doc.selfAssessment?.fingerprint ?? '');
  const rank = ranks(doc.units);
  for (const u of doc.units) {
    const row = (figure: string, value: string | number, note = '') =>
      rows.push({ unit_code: u.code, unit_name: nfc(u.name), index: u.index, figure, value, note });
    const t = u.total;
    const noSelf = t ? '' : NO_SELF_ASSESSMENT_NOTE;
    row('survey_score', two(u.surveyScore), u.noData ? NO_DATA_NOTE : '');
    row('survey_max', two(u.maxScore));
    row('survey_percent', two(u.surveyPercent));
    row('par_index', two(u.parIndex), noSelf);
    row('rank', rankOf(rank, u) ?? '', u.noData ? NO_DATA_NOTE : '');
    row('self_assessment', points(t?.selfAssessment ?? null), noSelf);
    row('self_assessment_max', points(t?.selfAssessmentMax ?? null), noSelf);
    row('total_score', points(t?.score ?? null), noSelf);
    row('total_max', points(t?.max ?? null), noSelf);
    row('par_rank', t?.rank ?? '', noSelf || (u.noData ? NO_DATA_NOTE : ''));
    const selfFields = new Map(t?.fields.map((f) => [f.code, f.selfAssessment]));
    for (const f of u.fields) {
      row(`field:${f.code}:score`, two(f.score));
      row(`field:${f.code}:max`, two(f.max));
      row(`field:${f.code}:percent`, two(f.percent));
      const self = selfFields.get(f.code);
      if (self !== undefined) row(`field:${f.code}:self_assessment`, points(self));
    }
    for (const c of u.criteria) {
      const note = c.noData ? NO_DATA_NOTE : '';
      row(`criterion:${c.code}:score`, two(c.score), note);
      row(`criterion:${c.code}:max`, two(c.max));
      row(`criterion:${c.code}:ratio`, exact(c.ratio), note);
      row(`criterion:${c.code}:n_valid`, c.nValid);
      row(`criterion:${c.code}:n_excluded`, c.nExcluded);
    }
    for (const g of u.groups)
      for (const c of g.criteria) {
        const hidden = c.nForms === null ? hiddenNote(k) : '';
        row(`group:${g.code}:criterion:${c.code}:n_forms`, c.nForms ?? '', hidden);
        row(`group:${g.code}:criterion:${c.code}:ratio`, exact(c.ratio), hidden);
      }
  }
  return toCsv(CSV_COLUMNS, rows);
}

const vnTime = (iso: string | null) =>
  iso
    ? `${new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })} (giờ Việt Nam)`
    : '';

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => nfc(s.replace(/[:\\/?*[\]]/g, ' ')).slice(0, 31);

const WEIGHTING_TEXT = {
  EQUAL_GROUP:
    'EQUAL_GROUP: tỷ lệ của tiêu chí là bình quân tỷ lệ của các nhóm đối tượng có dữ liệu, mỗi nhóm có trọng số như nhau (hoặc trọng số đã đặt)',
  POOLED:
    'POOLED: mọi câu trả lời hợp lệ về tiêu chí có trọng số như nhau, không phân biệt nhóm hay câu hỏi',
} as const;
const EMPTY_TEXT = {
  ZERO: 'ZERO: tiêu chí không có câu trả lời hợp lệ nào được tính 0 điểm và ghi "không đủ dữ liệu"',
  RESCALE:
    'RESCALE: tiêu chí không có dữ liệu được bỏ ra; điểm khảo sát quy đổi lại theo tổng điểm tối đa (làm tròn một lần)',
} as const;

/** The "Phương pháp" sheet: what was scored, how, over which data, and what it cannot hide. */
export function methodLines(doc: ResultsDocument, definition: Definition): [string, string][] {
  const m = doc.method;
  const profile = definition.scaleProfiles.find((p) => p.code === m.profile);
  const coefficients = profile
    ? (['A', 'B', 'C', 'D'] as const).map((o) => `${o} = ${profile.coefficients[o]}`).join('; ')
    : '';
  const weights = Object.entries(m.groupWeights);
  const k = m.minCellSize;
  return [
    ['Đợt khảo sát', `${doc.campaign.name} (${doc.campaign.id})`],
    ['Bộ chỉ số', `${definition.name} — mã ${m.definitionCode}, phiên bản ${m.definitionVersion}`],
    ['Lần tính', m.runId],
    ['Thời điểm tính', `${vnTime(m.createdAt)}; ${m.createdAt}`],
    [
      'Loại lần tính',
      m.trial
        ? 'Thử nghiệm: thiết lập khác với thiết lập của đợt khảo sát; chỉ để xem, không được khóa hay công bố'
        : 'Chính thức: đúng thiết lập của đợt khảo sát',
    ],
    [
      'Khóa để công bố',
      m.locked ? `Đã khóa lúc ${vnTime(m.lockedAt)}; ${m.lockedAt}` : 'Chưa khóa',
    ],
    ['Thang điểm', `${m.profile}${profile ? ` — ${profile.name}: ${coefficients}` : ''}`],
    [
      'Câu trả lời không tính',
      `E = "${definition.dontKnowLabel}", câu bỏ trống và phiếu chưa gửi không tính vào tỷ lệ`,
    ],
    ['Cách gộp các nhóm', WEIGHTING_TEXT[m.weighting]],
    [
      'Trọng số nhóm',
      weights.length ? weights.map(([g, w]) => `${g}: ${w}`).join('; ') : 'mỗi nhóm có trọng số 1',
    ],
    ['Tiêu chí không có dữ liệu', EMPTY_TEXT[m.emptyCriterion]],
    [
      'Làm tròn',
      'Điểm tiêu chí = điểm tối đa × tỷ lệ, tính bằng phân số chính xác, làm tròn 2 chữ số thập phân (từ 5 trở lên làm tròn lên) chỉ ở bước này; điểm lĩnh vực và điểm khảo sát là tổng các điểm tiêu chí đã làm tròn; tỷ lệ % làm tròn 2 chữ số',
    ],
    [
      'Quy tắc nhóm nhỏ',
      `Số liệu theo nhóm đối tượng của một đơn vị × tiêu chí chỉ hiện khi mọi nhóm đã trả lời có ít nhất ${k} phiếu có câu trả lời hợp lệ về đơn vị đó; nếu không, ghi "${hiddenNote(k)}", kể cả phân bố A–E các câu hỏi của tiêu chí đó cho đơn vị đó`,
    ],
    [
      'Giới hạn của quy tắc',
      `Điểm tiêu chí công bố luôn tính mọi câu trả lời, kể cả của nhóm dưới ${k} phiếu: phần đóng góp nhỏ của nhóm đó vẫn nằm trong điểm chung. Đó là phần còn lại của phương pháp, không phải lỗi`,
    ],
    ...(doc.withheld.length > 0
      ? ([
          [
            'Đơn vị không hiện',
            `Lần tính thử này gộp nhóm hoặc dùng thang điểm khác với cách tính của đợt: ${doc.withheld.length} đơn vị có nhóm dưới ${k} phiếu không được hiện, vì đặt cạnh lần tính chính thức, điểm của đơn vị sẽ lộ ý kiến của nhóm đó: ${doc.withheld.map((u) => `${u.name} (${u.code})`).join('; ')}`,
          ],
        ] as [string, string][])
      : []),
    ['Chỉ số CCHC tổng', totalLine(doc, definition)],
    ['Số phiếu đã dùng', String(doc.submissionCount)],
    ['Dấu vân tay dữ liệu (SHA-256)', doc.fingerprint],
    [
      'Ý nghĩa dấu vân tay',
      'Băm SHA-256 các mã băm của từng phiếu đã gửi, sắp theo thứ tự: tính lại trên cùng dữ liệu cho cùng dấu vân tay và cùng kết quả; chỉ cần thêm, bớt hay sửa một phiếu là dấu vân tay đổi',
    ],
  ].map(([a, b]) => [nfc(a as string), nfc(b as string)]);
}

/** Step 8 as the "Phương pháp" sheet states it, with the import the run used. */
function totalLine(doc: ResultsDocument, definition: Definition): string {
  const s = doc.selfAssessment;
  if (!s)
    return 'Chưa tính: khi lần tính này được thực hiện chưa có điểm tự đánh giá đã thẩm định (bước 8 của phương pháp); nhập điểm rồi tính lại';
  const maxima = definition.indexes
    .map(
      (i) =>
        `${i.code}: ${spoken(selfAssessmentMax(i.budget))} + ${spoken(parseFraction(i.budget))}`,
    )
    .join('; ');
  return (
    'Chỉ số CCHC % = (điểm tự đánh giá đã thẩm định + điểm điều tra xã hội học) / (điểm tự đánh giá tối đa + điểm điều tra tối đa) × 100, ' +
    `tính bằng phân số chính xác, làm tròn 2 chữ số thập phân (từ 5 trở lên làm tròn lên); điểm tự đánh giá tối đa = 100 − điểm điều tra tối đa (${maxima}). ` +
    `Xếp hạng theo Chỉ số CCHC trong từng chỉ số, bằng nhau cùng hạng. Điểm tự đánh giá nhập lúc ${vnTime(s.importedAt)} (${s.units} đơn vị; dấu vân tay ${s.fingerprint}); nhập lại sau đó không làm thay đổi lần tính này`
  );
}

/** Number formats: 2 decimals for scores, 4 shown for ratios (stored unrounded). */
const SCORE = '0.00';
/** Imported points (and self + survey) show every decimal they have: 70.255, not 70.26. */
const POINTS = '0.00##';
const RATIO = '0.0000';

function header(
  sheet: ExcelJS.Worksheet,
  columns: { header: string; key: string; width: number }[],
) {
  sheet.columns = columns.map((c) => ({ ...c, header: nfc(c.header) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

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
  const k = doc.method.minCellSize;
  const rank = ranks(doc.units);
  const unitNames = new Map(doc.units.map((u) => [u.code, nfc(u.name)]));
  const criteria = new Map(
    definition.indexes.flatMap((i) =>
      i.fields.flatMap((f) => f.criteria.map((c) => [c.code, { ...c, field: f.code }] as const)),
    ),
  );
  const groupNames = new Map(definition.groups.map((g) => [g.code, g.name]));

  for (const index of definition.indexes) {
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

  const criteriaSheet = book.addWorksheet('Tiêu chí');
  header(criteriaSheet, [
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
      const row = criteriaSheet.addRow({
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

  const groupSheet = book.addWorksheet('Nhóm');
  header(groupSheet, [
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
        const row = groupSheet.addRow({
          index: u.index,
          unitCode: u.code,
          unit: nfc(u.name),
          group: g.code,
          groupName: nfc(groupNames.get(g.code) ?? g.code),
          code: c.code,
          name: nfc(criteria.get(c.code)?.name ?? ''),
          nForms: c.nForms,
          ratio: c.ratio,
          note: c.nForms === null ? hiddenNote(k) : '',
        });
        row.getCell('ratio').numFmt = RATIO;
      }

  const distSheet = book.addWorksheet('Phân bố');
  header(distSheet, [
    { header: 'Phiếu', key: 'questionnaire', width: 8 },
    { header: 'Câu', key: 'question', width: 6 },
    { header: 'Nội dung câu hỏi', key: 'text', width: 60 },
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
  for (const d of distributions)
    distSheet.addRow({
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

  const methodSheet = book.addWorksheet('Phương pháp');
  header(methodSheet, [
    { header: 'Mục', key: 'item', width: 30 },
    { header: 'Nội dung', key: 'text', width: 120 },
  ]);
  for (const [item, text] of methodLines(doc, definition)) {
    methodSheet.addRow({ item, text }).getCell('text').alignment = { wrapText: true };
  }

  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
