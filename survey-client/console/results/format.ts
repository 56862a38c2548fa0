import type { Method } from './types';

/** Scores, maxima and percents as the method rounded them: always two decimals, "12,35". */
const two = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Ratios are given unrounded; four decimals are enough to read them. */
const four = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });

export const score = (n: number | null | undefined) => (n == null ? '—' : two.format(n));
export const pct = (n: number | null | undefined) => (n == null ? '—' : `${two.format(n)}%`);
export const ratio = (n: number | null | undefined) => (n == null ? '—' : four.format(n));

export const NO_DATA = 'không đủ dữ liệu';
/** What a cell hidden by the small-group rule reads (docs/method.md §12). */
export const hidden = (k: number) => `ẩn (dưới ${k} phiếu)`;

/** How groups combine, in words: the trial form and the method panel show no code (#13.11). */
export const WEIGHTING_NAMES: Record<Method['weighting'], string> = {
  EQUAL_GROUP: 'Bình quân các nhóm đối tượng',
  POOLED: 'Gộp mọi câu trả lời hợp lệ',
};

export const EMPTY_NAMES: Record<Method['emptyCriterion'], string> = {
  ZERO: 'Tính 0 điểm, ghi "không đủ dữ liệu"',
  RESCALE: 'Bỏ tiêu chí, quy đổi lại theo tổng điểm',
};

/** The short words of a run's settings line (issue #13.11: no method code reaches a reader). */
const WEIGHTING_SHORT: Record<Method['weighting'], string> = {
  EQUAL_GROUP: 'bình quân các nhóm',
  POOLED: 'gộp mọi câu trả lời',
};
const EMPTY_SHORT: Record<Method['emptyCriterion'], string> = {
  ZERO: 'thiếu dữ liệu tính 0',
  RESCALE: 'thiếu dữ liệu thì quy đổi',
};

/**
 * A run's settings in one short line: "Thang YB4 · bình quân các nhóm · thiếu dữ liệu tính 0",
 * with the group weights set, if any, by group name: "bình quân các nhóm (Đại biểu HĐND huyện
 * × 2)". The scale keeps its name, which is how the definition names it.
 */
export function settingsLine(
  m: Pick<Method, 'scaleProfile' | 'weighting' | 'emptyCriterion'> & {
    groupWeights?: Record<string, string>;
  },
  groupName: (code: string) => string = (code) => code,
): string {
  const two = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
  const weights = Object.entries(m.groupWeights ?? {}).map(
    ([g, w]) => `${groupName(g)} × ${/^\d+(\.\d+)?$/.test(w) ? two.format(Number(w)) : w}`,
  );
  const weighting =
    m.weighting === 'EQUAL_GROUP' && weights.length > 0
      ? `${WEIGHTING_SHORT[m.weighting]} (${weights.join(', ')})`
      : WEIGHTING_SHORT[m.weighting];
  return `Thang ${m.scaleProfile} · ${weighting} · ${EMPTY_SHORT[m.emptyCriterion]}`;
}

/** The run's standing in words: what may be published and what may not. */
export function runStatus(r: { official: boolean; locked: boolean }): string {
  if (r.locked) return 'Chính thức, đã khóa để công bố';
  return r.official ? 'Chính thức' : 'Thử nghiệm';
}
