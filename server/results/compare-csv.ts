import type {
  Comparability,
  Comparison,
  PredecessorComparison,
} from '../../contract/console/compare';
import { toCsv } from '../csv';
import { nfc, two } from './export/format';

/**
 * The year-over-year comparison as a CSV (`GET …/runs/:run/compare.csv`, docs/method.md §14):
 * one row per unit of either year, with its official code, what it is compared with and the
 * predecessors across the 2025 mergers (their official codes and own figures). UTF-8 with a BOM.
 */

export const COMPARE_CSV_COLUMNS = [
  'unit_code',
  'official_code',
  'unit_name',
  'index',
  'comparability',
  'current_score',
  'current_percent',
  'previous_score',
  'previous_percent',
  'change_percent',
  'rank_current',
  'rank_previous',
  'rank_change',
  'predecessors',
  'note',
];

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

export function comparisonCsv(c: Comparison): string {
  const year = c.previous.year;
  const rows = c.units.map((u) => {
    const acrossRanks = c.acrossMergers;
    return {
      unit_code: u.code,
      official_code: u.officialCode ?? '',
      unit_name: nfc(u.name),
      index: u.current?.index ?? u.previous?.index ?? '',
      comparability: u.comparability,
      current_score: two(u.current?.surveyScore ?? null),
      current_percent: two(u.current?.surveyPercent ?? null),
      previous_score: two(u.previous?.surveyScore ?? null),
      previous_percent: two(u.previous?.surveyPercent ?? null),
      change_percent: two(u.change.surveyPercent),
      rank_current: (acrossRanks ? u.rankAmongComparable?.current : u.current?.rank) ?? '',
      rank_previous: (acrossRanks ? u.rankAmongComparable?.previous : u.previous?.rank) ?? '',
      rank_change: u.change.rank ?? '',
      predecessors: u.predecessors.map((p) => predecessorText(p, year)).join('; '),
      note: [NOTES[u.comparability], u.referenceWithheld ? WITHHELD[u.referenceWithheld] : '']
        .filter(Boolean)
        .join(': '),
    };
  });
  return toCsv(COMPARE_CSV_COLUMNS, rows);
}
