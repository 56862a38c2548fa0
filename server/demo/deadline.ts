/**
 * A demo's deadline as an office sets one: 17:00 Vietnam time (UTC+7 all year), `days` calendar
 * days after `now`'s Vietnam date — not the minute the demo happened to be made (qa8: «Hạn trả
 * lời: 01:37 ngày 05/02/2027»).
 */
export function demoDeadline(now: Date, days = 60): string {
  const vietnamDay = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const at = new Date(`${vietnamDay}T10:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString();
}
