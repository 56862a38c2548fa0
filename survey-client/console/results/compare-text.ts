import type { PredecessorComparison, UnitComparison } from '../../../contract/console/compare';
import { pct } from './format';

/**
 * The Vietnamese lines of the year-over-year view across the 2025 mergers (docs/method.md §14):
 * what a unit is compared with, or why it is not. Pure, so the console's tests read them.
 */

/** "Xã Thanh An" → "Thanh An": the kind is clear from the context of a commune list. */
export const shortName = (name: string) =>
  name.replace(/^(UBND\s+)?(xã|phường|thị trấn|đặc khu)\s+/iu, '');

/** "A", "A và B", "A, B và C". */
export function listVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`;
}

export const NOT_COMPARABLE = 'không so sánh trực tiếp được';

const WITHHELD: Record<NonNullable<UnitComparison['referenceWithheld']>, string> = {
  small_groups:
    'số liệu gộp không hiển thị vì một đơn vị cũ có nhóm đối tượng dưới ngưỡng tối thiểu (bảo đảm ẩn danh)',
  counts_changed: 'dữ liệu đợt trước đã thay đổi sau khi khóa kết quả',
  other_index: 'các đơn vị cũ không cùng bộ chỉ số',
};

const ISSUE: Record<NonNullable<PredecessorComparison['issue']>, string> = {
  part: 'chỉ nhập một phần',
  split: 'được chia cho nhiều đơn vị mới',
  outside: 'không thuộc đợt so sánh',
};

/** What the unit is set against, in one line; empty when it is the same unit both years. */
export function comparedWith(u: UnitComparison, year: number): string {
  const names = listVi(u.predecessors.map((p) => shortName(p.name)));
  switch (u.comparability) {
    case 'pooled':
      return `so với ${names} (${year}), số liệu ${year} gộp lại như một đơn vị`;
    case 'not_comparable':
      return u.referenceWithheld
        ? `${NOT_COMPARABLE}: ${WITHHELD[u.referenceWithheld]}`
        : `${NOT_COMPARABLE}: hình thành từ ${names}`;
    case 'no_previous':
      return u.predecessors.length > 0
        ? `không có số liệu năm trước (không đơn vị cũ nào có trong đợt ${year})`
        : 'không có số liệu năm trước';
    case 'previous_only':
      return 'chỉ có năm trước';
    default:
      return '';
  }
}

/** "Tân Lợi: 55,00% (hạng 3)" or "Quang Minh: không có trong đợt 2023 (không thuộc đợt so sánh)". */
export function predecessorLine(p: PredecessorComparison, year: number): string {
  const why = p.issue && p.issue !== 'outside' ? ` (${ISSUE[p.issue]})` : '';
  if (!p.previous) return `${shortName(p.name)}: không có trong đợt ${year}`;
  const rank = p.previous.rank == null ? '' : `, hạng ${p.previous.rank}`;
  return `${shortName(p.name)}: ${pct(p.previous.surveyPercent)}${rank}${why}`;
}
