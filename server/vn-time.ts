/**
 * "05/12/2026 08:30": an instant in Vietnam time (UTC+7 all year, no summer time), date before
 * time as the console's tables write it; '' for none. Documents spell it out instead
 * ("17 giờ 00 ngày 05/01/2027": results/export/format.ts viDateTime).
 */
export function vnDateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}
