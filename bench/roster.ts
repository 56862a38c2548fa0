import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { type ImportResult, importRoster } from '../server/roster/import';
import { workplaceUnits } from '../server/roster/match';

export const ROSTER_HEADER =
  'STT,Họ và tên,Chức vụ,Đơn vị công tác,Nhóm đối tượng,Số điện thoại,Email,Ghi chú';

export interface RosterRun {
  format: 'csv' | 'xlsx';
  rows: number;
  fileBytes: number;
  /** Making the file (the .xlsx with exceljs); not part of the import. */
  makeMs: number;
  dryRunMs: number;
  commitMs: number;
  /** Importing the same file again: every row unchanged. */
  reimportMs: number;
  /** What the commit reported: new rows, and rows that were not new. */
  created: number;
  notNew: number;
  committed: boolean;
}

/**
 * `rows` distinct people over every group and unit, typed a little differently each time, as
 * test/server/roster/large.test.ts builds them: STT, name, position, unit, group, phone, and
 * empty e-mail and note.
 */
export function bigRoster(rows: number): string[][] {
  const units = workplaceUnits(builtInUnitSet().units);
  const groups = builtInDefinition().groups;
  return Array.from({ length: rows }, (_, i) => {
    const g = groups[i % groups.length];
    const u = units[i % units.length];
    const unit = (i % 3 === 0 ? u?.name.replace(/^UBND /, '') : u?.name) ?? '';
    const group = (i % 2 === 0 ? g?.name : g?.aliases[0]) ?? '';
    const phone = `09${String(i).padStart(8, '0')}`;
    return [String(i + 1), `Người Thử Số ${i + 1}`, 'Chuyên viên', unit, group, phone, '', ''];
  });
}

/** The test's CSV: UTF-8, CRLF, the unit and group quoted. */
function csvOf(rows: string[][]): Uint8Array {
  const lines = rows.map((r) => r.map((c, j) => (j === 3 || j === 4 ? `"${c}"` : c)).join(','));
  return new TextEncoder().encode(`${[ROSTER_HEADER, ...lines].join('\r\n')}\r\n`);
}

/** The same people as a workbook: one sheet, the header on row 1, every cell text. */
async function xlsxOf(rows: string[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(ROSTER_HEADER.split(','));
  sheet.addRows(rows);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * A dry run, the commit, then the same file again, in-process with importRoster, each format
 * into its own campaign in its own file database (so the .xlsx import starts as empty as the
 * .csv one did).
 */
export async function measureRosterImport(
  dir: string,
  rows: number,
  formats: ('csv' | 'xlsx')[],
  log: (m: string) => void,
): Promise<RosterRun[]> {
  const people = bigRoster(rows);
  const results: RosterRun[] = [];
  for (const format of formats) {
    const t = performance.now();
    const bytes = format === 'csv' ? csvOf(people) : await xlsxOf(people);
    const makeMs = performance.now() - t;
    const file = { name: `danh-sach.${format}`, bytes };
    const db = openDb(join(dir, `roster-${format}.sqlite`));
    try {
      await migrateToLatest(db);
      const now = Date.now();
      const campaignId = await createCampaign(db, {
        name: 'Benchmark: roster import',
        definition: builtInDefinition(),
        unitSet: builtInUnitSet(),
        opensAt: new Date(now).toISOString(),
        closesAt: new Date(now + 60 * 86_400_000).toISOString(),
      });
      const step = async (label: string, dryRun: boolean) => {
        log(`roster: ${rows.toLocaleString('en-US')} rows, .${format}, ${label}…`);
        const start = performance.now();
        const result = await importRoster(db, 'x'.repeat(40), campaignId, file, { dryRun });
        return { ms: performance.now() - start, result };
      };
      const dry = await step('dry run', true);
      check(dry.result, rows, format);
      const commit = await step('commit', false);
      const again = await step('again (unchanged)', false);
      results.push({
        format,
        rows,
        fileBytes: bytes.length,
        makeMs,
        dryRunMs: dry.ms,
        commitMs: commit.ms,
        reimportMs: again.ms,
        created: commit.result.summary.new,
        notNew: commit.result.summary.total - commit.result.summary.new,
        committed: commit.result.committed && again.result.summary.unchanged === rows,
      });
    } finally {
      await db.destroy();
    }
  }
  return results;
}

/** A dry run that did not see every row as new would measure the wrong thing. */
function check(result: ImportResult, rows: number, format: string) {
  const { summary } = result;
  if (summary.total !== rows || summary.new !== rows || summary.invalid > 0) {
    const problems = result.problems
      .filter((p) => p.severity !== 'warning')
      .slice(0, 3)
      .map((p) => p.message);
    throw new Error(
      `the .${format} dry run saw ${summary.total} rows, ${summary.new} new, ${summary.invalid} invalid: ${problems.join('; ')}`,
    );
  }
}
