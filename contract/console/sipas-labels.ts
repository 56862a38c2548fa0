/**
 * SIPAS words both the server (a run's method, the CLI) and the console (badges) use. No zod
 * here: the console imports it.
 */
import type { SipasDays } from './sipas-analysis';

export type SipasFlagCode = 'burst' | 'full_day' | 'repeats' | 'outside_hours';

/** The flags as people read them, in the order they are shown. */
export const FLAG_LABELS: Record<SipasFlagCode, string> = {
  burst: 'Dồn dập',
  full_day: '100% hài lòng (trực tuyến)',
  repeats: 'Phiếu trùng lặp',
  outside_hours: 'Ngoài giờ làm việc',
};

/** What each flag means, for a badge's title and the legend. */
export const FLAG_HINTS: Record<SipasFlagCode, string> = {
  burst: 'Nhiều phiếu trong vài phút tại một điểm',
  full_day:
    'Mọi phiếu trực tuyến (áp phích, mã) trong ngày đều hài lòng, với nhiều phiếu; phiếu giấy không xét, nên tỷ lệ hài lòng của ngày (gồm phiếu giấy) có thể dưới 100%',
  repeats: 'Nhiều phiếu giống hệt một phiếu trước đó trong cùng giờ',
  outside_hours: 'Có phiếu gửi ngoài giờ hoặc ngày làm việc của điểm',
};

export const CHANNEL_LABELS = {
  poster: 'Áp phích (QR)',
  code: 'Mã dùng một lần',
  paper: 'Phiếu giấy',
} as const;

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
export const viDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

const WEEKDAYS = [
  ['CN', 'Chủ nhật'],
  ['T2', 'Thứ hai'],
  ['T3', 'Thứ ba'],
  ['T4', 'Thứ tư'],
  ['T5', 'Thứ năm'],
  ['T6', 'Thứ sáu'],
  ['T7', 'Thứ bảy'],
] as const;

/** The weekday of "2026-03-08", short and in full: ['CN', 'Chủ nhật'] (opening days are by weekday). */
export const viWeekday = (day: string) =>
  WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? WEEKDAYS[0];

/** "43.06" (the server's exact text) → "43,06%". */
export const viPercent = (text: string | null) =>
  text === null ? '—' : `${text.replace('.', ',')}%`;

const viCount = (n: number) => n.toLocaleString('vi-VN');

/**
 * What the days table holds, in words: the days (calendar days) and the points that had forms, and
 * its rows, one per point × day ("3 ngày có phiếu, tại 2 trong 3 điểm: 4 dòng (điểm × ngày);").
 * The console and `sipas days` say it alike.
 */
export function daysSummary(days: Pick<SipasDays, 'days' | 'points'>): string {
  const dates = new Set(days.days.map((d) => d.day)).size;
  const points = new Set(days.days.map((d) => d.pointId)).size;
  const all = days.points.length;
  const at =
    points === all ? `${viCount(all)} điểm` : `${viCount(points)} trong ${viCount(all)} điểm`;
  return `${viCount(dates)} ngày có phiếu, tại ${at}: ${viCount(days.days.length)} dòng (điểm × ngày);`;
}
