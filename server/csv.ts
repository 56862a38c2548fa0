/**
 * A cell that a spreadsheet would run as a formula starts with one of these (OWASP, "CSV
 * Injection"): `=`, `+`, `-`, `@`, a tab or a carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number ("-3", "+1.5", in vi-VN "-1,25") is data, not a formula: kept as it is. */
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula — a name or a comment
 * typed as `=HYPERLINK(…)`, `@SUM(…)`, `-2+3` — gets a leading single quote, as OWASP
 * recommends, so Excel and LibreOffice show it as text: every CSV the server writes goes
 * through here.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v !== 'number' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record, CRLF-terminated. */
export const csvLine = (values: readonly unknown[]) => `${values.map(csvCell).join(',')}\r\n`;

/** RFC 4180 CSV with a UTF-8 BOM, so that Excel shows Vietnamese correctly. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return `\uFEFF${[columns, ...rows.map((r) => columns.map((c) => r[c]))].map(csvLine).join('')}`;
}
