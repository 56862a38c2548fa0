import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { RAW_COLUMNS } from '../server/results/raw';
import { runCommand, tsxArgs } from './processes';
import { table } from './report';
import type { ExportRun } from './xlsx-export-worker';

const ROOT = resolve(import.meta.dirname, '..');
/** An export that takes longer than this is a finding in itself: it is stopped and reported. */
const EXPORT_TIMEOUT_MS = 6 * 60_000;

/** One export, timed in its own process, then read back with exceljs (not timed with it). */
export interface ExportMeasure extends ExportRun {
  /** Sheet name → rows read back (header included), in the file's order. */
  sheets: [string, number][];
  /** The sheets and their rows are those the export was meant to write. */
  asExpected: boolean;
  /** `raw`: distinct form numbers read back, and whether each data sheet starts with the header. */
  formsRead?: number;
  headersOk?: boolean;
  /** ms spent reading the file back (exceljs; streaming reader for the raw answers). */
  readBackMs: number;
  /** Wall clock of the worker process, start-up included (ms). */
  processMs: number;
}

export interface ExportsResult {
  label: string;
  answers: number;
  forms: number;
  results: ExportMeasure | string;
  raw: ExportMeasure | string;
}

/**
 * The results workbook of the official run and the anonymous raw-answers workbook of a closed
 * campaign in `dbPath`, each made in a process of its own (bench/xlsx-export-worker.ts) through
 * the functions the routes and the CLI call, then read back here.
 */
export async function measureExports(
  dir: string,
  dbPath: string,
  campaignId: string,
  about: { label: string; answers: number; forms: number },
  log: (m: string) => void,
): Promise<ExportsResult> {
  log(`exports: the results .xlsx of the official run (${about.label} answers)…`);
  const results = await attempt(() => exportOnce('results', dir, dbPath, campaignId));
  log(`exports: the raw-answers .xlsx (${about.label} answers)…`);
  const raw = await attempt(() => exportOnce('raw', dir, dbPath, campaignId));
  return { ...about, results, raw };
}

async function attempt<T>(fn: () => Promise<T>): Promise<T | string> {
  try {
    return await fn();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

async function exportOnce(
  kind: 'results' | 'raw',
  dir: string,
  dbPath: string,
  campaignId: string,
): Promise<ExportMeasure> {
  const out = join(dir, `export-${kind}.xlsx`);
  const [command, args] = tsxArgs('bench/xlsx-export-worker.ts', [kind, dbPath, campaignId, out]);
  const t = performance.now();
  const done = await runCommand(command, args, { cwd: ROOT, timeoutMs: EXPORT_TIMEOUT_MS });
  const processMs = performance.now() - t;
  if (done.code !== 0) {
    const why =
      done.code === null
        ? `stopped after ${EXPORT_TIMEOUT_MS / 60_000} min`
        : `exited with code ${done.code}`;
    throw new Error(`the ${kind} export ${why}: ${done.stderr.trim().slice(-400)}`);
  }
  const run = JSON.parse(done.stdout.trim().split('\n').at(-1) ?? '') as ExportRun;
  if (statSync(out).size !== run.bytes) throw new Error(`${out}: not the size the export gave`);
  const r = performance.now();
  const read = kind === 'results' ? await readResults(out) : await readRaw(out);
  const readBackMs = performance.now() - r;
  const asExpected =
    read.sheets.length === run.expected.length &&
    read.sheets.every(([name, rows], i) => {
      const [wantName, wantRows] = run.expected[i] ?? [];
      // Raw answers: exactly; the results workbook: at least its data rows (titles and notes too).
      return (
        name === wantName && (kind === 'results' ? rows >= (wantRows ?? 0) : rows === wantRows)
      );
    });
  return { ...run, ...read, asExpected, readBackMs, processMs };
}

/** The whole workbook, as the tests read it: rowCount per sheet. */
async function readResults(file: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return { sheets: book.worksheets.map((s) => [s.name, s.rowCount] as [string, number]) };
}

/** Row by row with exceljs's streaming reader: a million rows would not fit a Workbook well. */
async function readRaw(file: string) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: [string, number][] = [];
  const forms = new Set<string>();
  let headersOk = true;
  const header = RAW_COLUMNS.join(',');
  for await (const sheet of reader) {
    const ws = sheet as unknown as ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>;
    const data = ws.name.startsWith('Dữ liệu');
    let rows = 0;
    for await (const row of ws) {
      rows++;
      const values = row.values as unknown[];
      if (!data) continue;
      if (rows === 1) headersOk &&= values.slice(1).join(',') === header;
      else forms.add(String(values[1]));
    }
    sheets.push([ws.name, rows]);
  }
  return { sheets, formsRead: forms.size, headersOk };
}

/** The BENCHMARKS.md section: both exports of the largest scoring campaign, and the read-back. */
export function exportsSection(x: ExportsResult | string | undefined): string[] {
  if (x === undefined) return [];
  const head = ['## Exports of the largest campaign: results and raw answers as .xlsx', ''];
  if (typeof x === 'string') return [...head, `Not measured: ${x}`];
  const row = (name: string, m: ExportMeasure | string, prepare: string, what: string) =>
    typeof m === 'string'
      ? [name, `not measured: ${m}`, '', '', '', '', '', '']
      : [
          name,
          what,
          `${prepare} ${sec(m.prepareMs)}`,
          `**${sec(m.xlsxMs)}**`,
          `${m.bytes.toLocaleString('en-US')} B`,
          `${mb(m.rssBefore)} → **${mb(m.maxRss)}**`,
          `${m.sheets.map(([s, n]) => `${s}: ${n.toLocaleString('en-US')}`).join(', ')} (${sec(m.readBackMs)})`,
          m.asExpected && m.headersOk !== false ? 'yes' : '**no**',
        ];
  const raw = x.raw;
  const lines = [
    ...head,
    ...table(
      [
        'Export',
        'Holds',
        'Before the file',
        'Writing the .xlsx',
        'File',
        'RSS before → peak',
        'Read back: rows per sheet (time)',
        'As expected',
      ],
      [
        row(
          'Results of the official run: `resultsXlsx`',
          x.results,
          'createRun',
          typeof x.results === 'string' ? '' : 'scores, criteria, groups, A–E distributions',
        ),
        row(
          'Anonymous raw answers: `rawAnswersXlsx`',
          raw,
          'plan + fingerprint + codebook',
          typeof raw === 'string'
            ? ''
            : `${(raw.rows ?? 0).toLocaleString('en-US')} answers of ${(raw.forms ?? 0).toLocaleString('en-US')} forms (${raw.leftOut ?? 0} unit × group cells under k = ${raw.k ?? '?'} left out)`,
        ),
      ],
    ),
    '',
    `The ${x.label} campaign of the scoring table (${x.answers.toLocaleString('en-US')} answers, ` +
      `${x.forms.toLocaleString('en-US')} forms), closed. Each export runs in a process of its own ` +
      '(bench/xlsx-export-worker.ts) through the functions the routes and `cli results` call, minus ' +
      'sign-in and audit: the results workbook makes the official run first (createRun, as `cli ' +
      'results` does when no run is locked), then resultsDocument + resultsXlsx; the raw answers ' +
      'plan the export as GET /raw-answers.xlsx does (planRawExport, submissionsFingerprint, ' +
      'codebookRows), then rawAnswersXlsx over rawAnswerRows. Seconds; "Writing the .xlsx" ends ' +
      'when the whole file is in memory, as the route sends it. "RSS before → peak": the process ' +
      "once its modules are loaded and the database open, then the kernel's high-water mark " +
      '(`process.resourceUsage().maxRSS`), in MB.',
  ];
  if (typeof raw !== 'string') {
    const perRow = (raw.xlsxMs * 1000) / Math.max(1, raw.rows ?? 1);
    lines.push(
      '',
      `The raw answers: ${perRow.toFixed(0)} µs per answer row; the file holds the rows and the ` +
        `codebook, ${(raw.bytes / Math.max(1, raw.rows ?? 1)).toFixed(0)} B per row compressed (the ` +
        "sheet XML is about 11 times that). ExcelJS's streaming writer does not wait for its zip, " +
        'and rows read through better-sqlite3 never give the event loop a turn, so until rawAnswersXlsx ' +
        'waited for the zip (pendingSheetXml in server/results/raw.ts, every 1,000 rows) the whole ' +
        "sheet's XML was held in memory before any of it was compressed. " +
        `Read back with exceljs's streaming reader: ${(raw.formsRead ?? 0).toLocaleString('en-US')} ` +
        `distinct form numbers, headers ${raw.headersOk ? 'as written' : '**not as written**'}. ` +
        `${(raw.rows ?? 0) + 1 <= 1_048_576 ? `${(raw.rows ?? 0).toLocaleString('en-US')} rows fit one sheet (Excel's limit is 1,048,576 with the header), so this file has one data sheet; the split into "Dữ liệu (2)", … is tested with 400 rows a sheet (test/server/results/exports.test.ts).` : 'Past Excel\'s 1,048,576 rows the data is split over sheets "Dữ liệu", "Dữ liệu (2)", …'}`,
    );
  }
  if (typeof x.results !== 'string')
    lines.push(
      '',
      `The results workbook reads the run, not the answers: its size does not grow with them. Read ` +
        `back whole with exceljs (as the tests do); the run was ${x.results.official ? 'official' : '**not official**'}.`,
    );
  return lines;
}

const sec = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const mb = (bytes: number) => (bytes / 1_000_000).toFixed(0);
