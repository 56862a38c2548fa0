import type {
  Comparability,
  Comparison,
  PredecessorComparison,
} from '../../contract/console/compare';
import { toCsv } from '../csv';
import { nfc } from './export/format';

/**
 * The year-over-year comparison as a CSV (`GET …/runs/:run/compare.csv`, docs/method.md §14):
 * one row per unit of either year, with its official code, what it is compared with and the
 * predecessors across the 2025 mergers (their official codes and own figures). UTF-8 with a BOM.
 */

/** Headed in Vietnamese for the office that opens it (issue #13.11); scripts read the JSON. */
export const COMPARE_CSV_COLUMNS = [
  'Mã đơn vị',
  'Mã ĐVHC',
  'Tên đơn vị',
  'Bộ chỉ số',
  'Cách so sánh',
  'Điểm khảo sát năm nay',
  'Tỷ lệ % năm nay',
  'Điểm khảo sát năm trước',
  'Tỷ lệ % năm trước',
  'Thay đổi tỷ lệ %',
  'Hạng năm nay',
  'Hạng năm trước',
  'Thay đổi hạng',
  'Các đơn vị cũ',
  'Ghi chú',
];

const HOW: Record<Comparability, string> = {
  same_unit: 'cùng đơn vị',
  pooled: 'gộp các đơn vị cũ',
  not_comparable: 'không so sánh trực tiếp được',
  no_previous: 'không có năm trước',
  previous_only: 'chỉ có năm trước',
};

const fixed2 = new Intl.NumberFormat('vi-VN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
});
/** "70,00", "" for none. */
const two = (n: number | null | undefined) => (n == null ? '' : fixed2.format(n));

const NOTES: Record<Comparability, string> = {
  same_unit: '',
  pooled: 'so với số liệu các đơn vị cũ gộp lại như một đơn vị',
  not_comparable: 'không so sánh trực tiếp được',
  no_previous: 'không có số liệu năm trước',
  previous_only: 'chỉ có năm trước',
};

const WITHHELD = {
  small_groups: 'số liệu gộp không công bố: đơn vị cũ có nhóm dưới ngưỡng tối thiểu',
  counts_changed: 'dữ liệu đợt trước đã thay đổi sau khi khóa',
  other_index: 'các đơn vị cũ không cùng bộ chỉ số',
} as const;

/** "25327 Xã Thanh An (Nhập toàn bộ): 70.00%" or "25439 Xã Quang Minh (Nhập toàn bộ): không có trong đợt 2023". */
function predecessorText(p: PredecessorComparison, year: number): string {
  const figure = p.previous ? `${two(p.previous.surveyPercent)}%` : `không có trong đợt ${year}`;
  return `${p.officialCode} ${nfc(p.name)} (${p.how}): ${figure}`;
}

/** `indexName`: an index's name by its code ("Chỉ số CCHC cấp xã"), from the definition. */
export function comparisonCsv(c: Comparison, indexName: (code: string) => string): string {
  const year = c.previous.year;
  const rows = c.units.map((u) => {
    const acrossRanks = c.acrossMergers;
    const index = u.current?.index ?? u.previous?.index;
    return {
      'Mã đơn vị': u.code,
      'Mã ĐVHC': u.officialCode ?? '',
      'Tên đơn vị': nfc(u.name),
      'Bộ chỉ số': index ? indexName(index) : '',
      'Cách so sánh': HOW[u.comparability],
      'Điểm khảo sát năm nay': two(u.current?.surveyScore),
      'Tỷ lệ % năm nay': two(u.current?.surveyPercent),
      'Điểm khảo sát năm trước': two(u.previous?.surveyScore),
      'Tỷ lệ % năm trước': two(u.previous?.surveyPercent),
      'Thay đổi tỷ lệ %': two(u.change.surveyPercent),
      'Hạng năm nay': (acrossRanks ? u.rankAmongComparable?.current : u.current?.rank) ?? '',
      'Hạng năm trước': (acrossRanks ? u.rankAmongComparable?.previous : u.previous?.rank) ?? '',
      'Thay đổi hạng': u.change.rank ?? '',
      'Các đơn vị cũ': u.predecessors.map((p) => predecessorText(p, year)).join('; '),
      'Ghi chú': [NOTES[u.comparability], u.referenceWithheld ? WITHHELD[u.referenceWithheld] : '']
        .filter(Boolean)
        .join(': '),
    };
  });
  return toCsv(COMPARE_CSV_COLUMNS, rows);
}
