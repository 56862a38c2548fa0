import { EMPTY_CRITERION_WORDS, WEIGHTING_WORDS } from '../../../contract/console/audit-words';
import type { ResultsDocument } from '../../../contract/results';
import type { Definition } from '../../../questionnaires';
import { toCsv } from '../../csv';
import {
  hiddenNote,
  NO_DATA_NOTE,
  NO_SELF_ASSESSMENT_NOTE,
  nfc,
  rankOf,
  ranks,
  viDateTime,
} from './format';

/**
 * The results CSV the console downloads (`export.csv`), for a person to open (issue #13.11): the
 * rows of `csv.ts`'s long format under Vietnamese headings, each figure named in words with the
 * definition's names ("Lĩnh vực 2. Thủ tục hành chính: điểm"), indexes by name, settings in
 * words, times as "17 giờ 00 ngày 05/01/2027", numbers in vi-VN ("18,00", ratios "0,6").
 * Scripts read the same figures with their stable codes from `export.json` or the CLI's
 * `results --format csv` (docs/contract.md).
 */

export const PEOPLE_CSV_COLUMNS = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Bộ chỉ số',
  'Nội dung',
  'Giá trị',
  'Ghi chú',
];

const fixed2 = new Intl.NumberFormat('vi-VN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
});
const upTo4 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4, useGrouping: false });

/** Scores, maxima and percents as the method rounds them: "18,00". */
const two = (n: number | null | undefined) => (n == null ? '' : fixed2.format(n));
/** Ratios and imported points: up to 4 decimals, "0,6", "70,255". */
const four = (n: number | null | undefined) => (n == null ? '' : upTo4.format(n));

export function resultsCsvForPeople(doc: ResultsDocument, definition: Definition): string {
  const m = doc.method;
  const k = m.minCellSize;
  const indexName = new Map(definition.indexes.map((i) => [i.code, i.name]));
  // Per index: two indexes may both have a field "LV1".
  const fieldName = new Map(
    definition.indexes.flatMap((i) => i.fields.map((f) => [`${i.code} ${f.code}`, f.name])),
  );
  const criterionName = new Map(
    definition.indexes.flatMap((i) =>
      i.fields.flatMap((f) => f.criteria.map((c) => [`${i.code} ${c.code}`, c.name])),
    ),
  );
  const groupName = new Map(definition.groups.map((g) => [g.code, g.name]));
  const profile = definition.scaleProfiles.find((p) => p.code === m.profile);

  const rows: Record<string, string | number>[] = [];
  const runRow = (what: string, value: string | number) =>
    rows.push({ 'Nội dung': what, 'Giá trị': value });
  runRow('Lần tính', m.runId);
  runRow('Thời điểm tính', viDateTime(m.createdAt));
  runRow('Bộ chỉ số', `${definition.name} (phiên bản ${m.definitionVersion})`);
  runRow('Thang điểm', profile?.name ?? m.profile);
  runRow('Cách gộp các nhóm', WEIGHTING_WORDS[m.weighting] ?? m.weighting);
  runRow('Tiêu chí không có dữ liệu', EMPTY_CRITERION_WORDS[m.emptyCriterion] ?? m.emptyCriterion);
  runRow('Ngưỡng nhóm nhỏ (số phiếu)', k);
  runRow(
    'Loại lần tính',
    m.trial ? 'Thử nghiệm' : m.locked ? 'Chính thức, đã khóa để công bố' : 'Chính thức',
  );
  runRow('Dấu vân tay dữ liệu', doc.fingerprint);
  runRow('Số phiếu đã dùng', doc.submissionCount);
  const self = doc.selfAssessment;
  runRow('Điểm tự đánh giá nhập lúc', self ? viDateTime(self.importedAt) : '');
  runRow('Dấu vân tay điểm tự đánh giá', self?.fingerprint ?? '');

  const rank = ranks(doc.units);
  for (const u of doc.units) {
    const row = (what: string, value: string | number, note = '') =>
      rows.push({
        'Mã đơn vị': u.code,
        'Tên đơn vị': nfc(u.name),
        'Bộ chỉ số': indexName.get(u.index) ?? u.index,
        'Nội dung': nfc(what),
        'Giá trị': value,
        'Ghi chú': note,
      });
    const field = (code: string) => `Lĩnh vực ${fieldName.get(`${u.index} ${code}`) ?? code}`;
    const criterion = (code: string) => {
      const name = criterionName.get(`${u.index} ${code}`);
      return name ? `Tiêu chí ${code}. ${name}` : `Tiêu chí ${code}`;
    };
    const t = u.total;
    const noSelf = t ? '' : NO_SELF_ASSESSMENT_NOTE;
    row('Điểm khảo sát', two(u.surveyScore), u.noData ? NO_DATA_NOTE : '');
    row('Điểm khảo sát tối đa', two(u.maxScore));
    row('Tỷ lệ điểm khảo sát (%)', two(u.surveyPercent));
    row('Chỉ số CCHC (%)', two(u.parIndex), noSelf);
    row('Hạng theo điểm khảo sát', rankOf(rank, u) ?? '', u.noData ? NO_DATA_NOTE : '');
    row('Điểm tự đánh giá đã thẩm định', four(t?.selfAssessment), noSelf);
    row('Điểm tự đánh giá tối đa', two(t?.selfAssessmentMax), noSelf);
    row('Tổng điểm', four(t?.score), noSelf);
    row('Tổng điểm tối đa', two(t?.max), noSelf);
    row('Hạng theo Chỉ số CCHC', t?.rank ?? '', noSelf || (u.noData ? NO_DATA_NOTE : ''));
    const selfFields = new Map(t?.fields.map((f) => [f.code, f.selfAssessment]));
    for (const f of u.fields) {
      row(`${field(f.code)}: điểm`, two(f.score));
      row(`${field(f.code)}: điểm tối đa`, two(f.max));
      row(`${field(f.code)}: tỷ lệ (%)`, two(f.percent));
      const points = selfFields.get(f.code);
      if (points !== undefined) row(`${field(f.code)}: điểm tự đánh giá`, four(points));
    }
    for (const c of u.criteria) {
      const note = c.noData ? NO_DATA_NOTE : '';
      row(`${criterion(c.code)}: điểm`, two(c.score), note);
      row(`${criterion(c.code)}: điểm tối đa`, two(c.max));
      row(`${criterion(c.code)}: tỷ lệ`, four(c.ratio), note);
      row(`${criterion(c.code)}: số câu trả lời hợp lệ`, c.nValid);
      row(
        `${criterion(c.code)}: số câu "${nfc(definition.dontKnowLabel)}" (không tính)`,
        c.nExcluded,
      );
    }
    for (const g of u.groups)
      for (const c of g.criteria) {
        const hidden = c.nForms === null ? hiddenNote(k) : '';
        const who = `Nhóm ${groupName.get(g.code) ?? g.code}, tiêu chí ${c.code}`;
        row(`${who}: số phiếu`, c.nForms ?? '', hidden);
        row(`${who}: tỷ lệ`, four(c.ratio), hidden);
      }
  }
  return toCsv(PEOPLE_CSV_COLUMNS, rows);
}
