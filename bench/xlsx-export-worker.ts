import { writeFileSync } from 'node:fs';
import { openDb } from '../server/db/connect';
import { loadCampaign, requireClosed } from '../server/results/context';
import { methodLines } from '../server/results/export/method-lines';
import { indexLabel, sheetName } from '../server/results/export/sheet-kit';
import { resultsXlsx } from '../server/results/export/workbook';
import { resultsDocument, runDistributions } from '../server/results/present';
import { submissionsFingerprint } from '../server/results/queries';
import {
  partsOf,
  planRawExport,
  ROWS_PER_PART,
  rawAnswerRows,
  rawAnswersXlsx,
} from '../server/results/raw';
import { codebookRows } from '../server/results/raw-codebook';
import { createRun } from '../server/results/service';

/**
 * One export of a closed campaign, alone in its own process so that its peak RSS is its own
 * (the kernel's high-water mark, `process.resourceUsage().maxRSS`), not the benchmark's:
 *
 *   node --import tsx bench/xlsx-export-worker.ts results|raw DB CAMPAIGN OUT
 *
 * The calls are those of the routes (server/results/routes.ts) and of `cli results`, minus the
 * sign-in and the audit line: `results` makes the official run as `cli results` does when no
 * run is locked, then its workbook; `raw` plans the raw-answers export as the route's
 * `rawExport` does (plan, fingerprint, codebook), then writes the workbook. Prints one line of
 * JSON (ExportRun) on stdout.
 */

export interface ExportRun {
  kind: 'results' | 'raw';
  /** ms: `results`: createRun (the official scoring run); `raw`: plan + fingerprint + codebook. */
  prepareMs: number;
  /** ms: resultsXlsx or rawAnswersXlsx, until the whole file is in memory. */
  xlsxMs: number;
  bytes: number;
  /** RSS once the modules are loaded and the database open, before the export (bytes). */
  rssBefore: number;
  /** The process's peak RSS, the export included (bytes). */
  maxRss: number;
  /** What the file must hold: sheet name → rows (header included), in order. */
  expected: [string, number][];
  /** `raw`: answer rows, cells left out by the small-group rule, forms, and the threshold k. */
  rows?: number;
  leftOut?: number;
  forms?: number;
  k?: number;
  official?: boolean;
}

async function main(): Promise<void> {
  const [kind, dbPath, campaignId, out] = process.argv.slice(2);
  if ((kind !== 'results' && kind !== 'raw') || !dbPath || !campaignId || !out)
    throw new Error('usage: xlsx-export-worker.ts results|raw DB CAMPAIGN OUT');
  const db = openDb(dbPath);
  try {
    await loadCampaign(db, campaignId); // modules and page cache warm, as in a running server
    const rssBefore = process.memoryUsage().rss;
    const result = kind === 'results' ? await results(db, campaignId) : await raw(db, campaignId);
    writeFileSync(out, result.file);
    const run: ExportRun = {
      ...result.run,
      bytes: result.file.byteLength,
      rssBefore,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
  } finally {
    await db.destroy();
  }
}

type Db = ReturnType<typeof openDb>;
type Measured = { run: Omit<ExportRun, 'bytes' | 'rssBefore' | 'maxRss'>; file: Uint8Array };

async function results(db: Db, campaignId: string): Promise<Measured> {
  let t = performance.now();
  const { campaign, definition } = await loadCampaign(db, campaignId);
  requireClosed(campaign);
  const stored = await createRun(db, campaignId);
  const prepareMs = performance.now() - t;
  t = performance.now();
  const doc = resultsDocument(stored, campaign);
  const distributions = runDistributions(stored);
  const file = await resultsXlsx(doc, definition, distributions);
  const xlsxMs = performance.now() - t;
  // The sheets resultsXlsx writes, each with at least its data rows under one header row (the
  // official tables and the method carry titles and notes too: read back, a sheet must hold at
  // least these rows).
  const name = (s: string) => sheetName(s);
  const expected: [string, number][] = [
    ...definition.indexes.map(
      (i) =>
        [
          name(`Kết quả – ${indexLabel(i)}`),
          1 + doc.units.filter((u) => u.index === i.code).length,
        ] as [string, number],
    ),
    ...definition.indexes.map(
      (i) =>
        [
          name(`Tiêu chí – ${indexLabel(i)}`),
          1 +
            doc.units.filter((u) => u.index === i.code).reduce((n, u) => n + u.criteria.length, 0),
        ] as [string, number],
    ),
    [
      'Theo nhóm',
      1 + doc.units.reduce((n, u) => n + u.groups.reduce((m, g) => m + g.criteria.length, 0), 0),
    ],
    ['Phân bố A–E', 1 + distributions.length],
    ['Phương pháp', 1 + methodLines(doc, definition).length],
  ];
  return {
    run: { kind: 'results', prepareMs, xlsxMs, expected, official: doc.method.official },
    file,
  };
}

async function raw(db: Db, campaignId: string): Promise<Measured> {
  let t = performance.now();
  const { campaign, definition, units } = await loadCampaign(db, campaignId);
  requireClosed(campaign);
  const k = definition.method.minCellSize;
  const plan = await planRawExport(db, campaign.id, k);
  const { fingerprint, count } = await submissionsFingerprint(db, campaign.id);
  const parts = partsOf(plan.rows);
  const codebook = codebookRows(definition, units, plan, {
    fingerprint,
    parts,
    perPart: ROWS_PER_PART,
  });
  const prepareMs = performance.now() - t;
  t = performance.now();
  const file = await rawAnswersXlsx(rawAnswerRows(db, campaign.id, definition, plan), codebook);
  const xlsxMs = performance.now() - t;
  const expected: [string, number][] = [];
  for (let p = 1; p <= parts; p++)
    expected.push([
      p === 1 ? 'Dữ liệu' : `Dữ liệu (${p})`,
      1 + Math.min(ROWS_PER_PART, plan.rows - (p - 1) * ROWS_PER_PART),
    ]);
  expected.push(['Mã hóa', 1 + codebook.length]);
  return {
    run: {
      kind: 'raw',
      prepareMs,
      xlsxMs,
      expected,
      rows: plan.rows,
      leftOut: plan.leftOut.length,
      forms: count,
      k,
    },
    file,
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
