/**
 * A deadline as the respondent reads it, in Vietnam's time (UTC+7, no daylight saving), whatever
 * the phone's zone: "17:00 ngày 15/12/2023". Pure: the form and the page the server draws
 * (server/respondent/opening-html.ts) both show it.
 */
export function formatDeadline(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
