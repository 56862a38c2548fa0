import { FIELD_LABELS, ROSTER_FIELDS } from '../format';
import type { ImportResult } from '../types';

/** The column that says where the row was, and the one that says what to fix. */
export const ORIGIN_HEADER = 'Dòng trong tệp gốc';
export const PROBLEM_HEADER = 'Vấn đề cần sửa';

/** A CSV cell: quoted when it holds a separator, a quote or a line break. */
const cell = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The rows the import did not take (errors, and rows waiting for a decision), as a CSV to fix
 * and import again: the file's own columns under the import's Vietnamese headers, the row it
 * was in the file, and its problems in words. UTF-8 with a BOM, so Excel reads the diacritics;
 * the two added columns are not the import's, so a re-import passes them by.
 */
export function problemRowsCsv(result: ImportResult): string {
  const fields = ROSTER_FIELDS.filter((f) => result.columns.some((c) => c.field === f));
  const lines = [[ORIGIN_HEADER, ...fields.map((f) => FIELD_LABELS[f]), PROBLEM_HEADER]];
  for (const r of result.rows) {
    if (r.status !== 'error' && r.status !== 'confirm') continue;
    const problems = result.problems
      .filter((p) => p.row === r.row && (p.severity === 'error' || p.severity === 'confirm'))
      .map((p) => p.message);
    lines.push([String(r.row), ...fields.map((f) => r.values[f] ?? ''), problems.join(' ')]);
  }
  return `\ufeff${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** "danh-sach.xlsx" → "danh-sach-can-sua.csv". */
export const problemFileName = (fileName: string) =>
  `${fileName.replace(/\.(xlsx|csv)$/i, '')}-can-sua.csv`;

/** How many rows the file would have. */
export const problemRowCount = (result: ImportResult) =>
  result.rows.filter((r) => r.status === 'error' || r.status === 'confirm').length;
