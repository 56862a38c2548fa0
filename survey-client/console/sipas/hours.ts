/** The weekdays as the points table and the point form write them (1 = thứ Hai … 7 = Chủ nhật). */
export const DAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'] as const;

/**
 * Working days in one style (qa6: «T2, T3…» beside «Thứ Hai – thứ Sáu» in one table): a run of
 * three days or more as a range, «T2–T6», other days listed, «T2–T4, T6», «T7, CN».
 */
export function dayNames(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const name = (d: number | undefined) => DAYS[(d ?? 1) - 1] ?? '';
    if (j - i >= 2) parts.push(`${name(sorted[i])}–${name(sorted[j])}`);
    else for (let k = i; k <= j; k++) parts.push(name(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

type Hours = { opens: string; closes: string; weekdays: readonly number[] };

/** The hours and the days apart, «07:30–17:00» and «T2–T6», for a cell that breaks between them. */
export const hoursAndDays = (p: Hours): [string, string] => [
  `${p.opens}–${p.closes}`,
  dayNames(p.weekdays),
];

/** «07:30–17:00, T2–T6»: a collection point's opening hours and days. */
export const openingHours = (p: Hours) => hoursAndDays(p).join(', ');

/**
 * An hour as an office types it, in 24-hour «HH:MM»: «7:30», «7h30», «7 giờ 30», «16.30», «16,30», «0730»,
 * «17», «17g». Anything else is returned as typed, for the server to refuse in words (the form's
 * fields are plain text: a browser's time field shows «07:30 AM» in an English browser).
 */
export function readClock(typed: string): string {
  const text = typed.trim().toLowerCase();
  const m =
    /^(\d{1,2})\s*(?::|\.|,|h|g|giờ)\s*(\d{2})?$/.exec(text) ??
    /^(\d{1,2})(\d{2})$/.exec(text) ??
    /^(\d{1,2})()$/.exec(text);
  if (!m) return typed;
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2] || '00'}`;
}
