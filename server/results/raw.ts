import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { type Definition, GRADED_OPTIONS } from '../../questionnaires';
import { csvLine } from '../csv';
import type { Db } from '../db/connect';
import { criterionMap } from '../respondent/submit';

/**
 * The anonymous raw answers (docs/method.md §12): one row per answer, with a form number made for
 * this export, the group, the question, its criterion, the unit and the option; nothing else. No
 * demographics, no free text, no submission id. Every unit × group with fewer than k forms (with
 * a valid answer about the unit) is left out, and the codebook says which. Forms are numbered in
 * the order of their random ids, so the numbers say nothing about when a form arrived.
 *
 * Past Excel's 1,048,576 rows the data is split: into sheets "Dữ liệu", "Dữ liệu (2)", … of the
 * workbook, or into CSV parts (`?part=2`).
 */

/** Excel's row limit; one row of each sheet or part is the header. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const ROWS_PER_PART = EXCEL_MAX_ROWS - 1;

export const RAW_COLUMNS = [
  'form',
  'group_code',
  'questionnaire_id',
  'question_id',
  'criterion',
  'unit_code',
  'option',
] as const;
export type RawRow = Record<(typeof RAW_COLUMNS)[number], string>;

export const CODEBOOK_COLUMNS = ['section', 'code', 'description'] as const;
export type CodebookRow = Record<(typeof CODEBOOK_COLUMNS)[number], string>;
/** The codebook is read by a person: its headings in Vietnamese, in the CSV as in the workbook. */
export const CODEBOOK_HEADINGS: Record<(typeof CODEBOOK_COLUMNS)[number], string> = {
  section: 'Mục',
  code: 'Mã',
  description: 'Mô tả',
};

const cellKey = (unitCode: string, groupCode: string) => `${unitCode}\u0000${groupCode}`;

export interface RawPlan {
  /** unit × group cells exported. */
  kept: Set<string>;
  /** unit × group cells with answers but fewer than k forms: left out. */
  leftOut: { unitCode: string; groupCode: string }[];
  /** Answer rows the export holds. */
  rows: number;
  k: number;
}

/**
 * Which unit × group cells the export holds: those with at least `k` forms that gave a valid
 * (A–D) answer about the unit. One GROUP BY over the campaign's answers.
 */
export async function planRawExport(db: Db, campaignId: string, k: number): Promise<RawPlan> {
  const cells = await db
    .selectFrom('answer')
    .select((eb) => [
      'unitCode',
      'groupCode',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when('option', 'in', [...GRADED_OPTIONS])
            .then(eb.ref('submissionId'))
            .end(),
        )
        .distinct()
        .as('forms'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy(['unitCode', 'groupCode'])
    .orderBy('unitCode')
    .orderBy('groupCode')
    .execute();
  const plan: RawPlan = { kept: new Set(), leftOut: [], rows: 0, k };
  for (const c of cells) {
    if (Number(c.forms) >= k) {
      plan.kept.add(cellKey(c.unitCode, c.groupCode));
      plan.rows += Number(c.n);
    } else plan.leftOut.push({ unitCode: c.unitCode, groupCode: c.groupCode });
  }
  return plan;
}

/**
 * The rows of the export, form by form in the order of the submissions' random ids, read in
 * batches (each batch its own query, so a slow download never holds the database).
 */
export async function* rawAnswerRows(
  db: Db,
  campaignId: string,
  definition: Definition,
  plan: RawPlan,
  batch = 200,
): AsyncGenerator<RawRow> {
  const criteria = criterionMap(definition);
  const ids = (
    await db
      .selectFrom('submission')
      .select('id')
      .where('campaignId', '=', campaignId)
      .orderBy('id')
      .execute()
  ).map((s) => s.id);
  const numbers = new Map<string, string>();
  const width = Math.max(4, String(ids.length).length);
  for (let i = 0; i < ids.length; i += batch) {
    const answers = await db
      .selectFrom('answer')
      .select(['submissionId', 'groupCode', 'questionnaireId', 'questionId', 'unitCode', 'option'])
      .where('submissionId', 'in', ids.slice(i, i + batch))
      .orderBy('submissionId')
      .orderBy('questionnaireId')
      .orderBy('questionId')
      .orderBy('unitCode')
      .execute();
    for (const a of answers) {
      if (!plan.kept.has(cellKey(a.unitCode, a.groupCode))) continue;
      let form = numbers.get(a.submissionId);
      if (!form) {
        form = `F${String(numbers.size + 1).padStart(width, '0')}`;
        numbers.set(a.submissionId, form);
      }
      yield {
        form,
        group_code: a.groupCode,
        questionnaire_id: a.questionnaireId,
        question_id: a.questionId,
        criterion: criteria.get(`${a.questionnaireId}\u0000${a.questionId}`) ?? '',
        unit_code: a.unitCode,
        option: a.option,
      };
    }
  }
}

/** How many CSV parts or data sheets `rows` rows need (at least one). */
export const partsOf = (rows: number, perPart = ROWS_PER_PART) =>
  Math.max(1, Math.ceil(rows / perPart));

/**
 * One part of the raw answers as CSV (UTF-8 with BOM), streamed: part `part` (1-based) holds
 * rows (part − 1) × perPart + 1 … part × perPart.
 */
export function rawAnswersCsvStream(
  rows: AsyncGenerator<RawRow>,
  part = 1,
  perPart = ROWS_PER_PART,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const first = (part - 1) * perPart;
  const last = part * perPart;
  let seen = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(RAW_COLUMNS)}`));
        return;
      }
      let chunk = '';
      while (chunk.length < 64 * 1024) {
        const next = seen < last ? await rows.next() : { done: true as const, value: undefined };
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          await rows.return(undefined);
          return;
        }
        if (seen++ >= first) chunk += csvLine(RAW_COLUMNS.map((c) => next.value[c]));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/** Rows between two looks at how much of the sheet's XML still waits for the zip. */
const ROWS_BETWEEN_CHECKS = 1000;
/** Past this much XML waiting, the rows wait for the zip to catch up. */
const MAX_PENDING_XML = 4 * 1024 * 1024;

type Buffered = { _readableState?: { length?: unknown }; _writableState?: { length?: unknown } };

/**
 * Bytes of a streaming sheet's XML not yet taken by the zip, or null if ExcelJS's internals are
 * not what they were (ExcelJS 4.4: the sheet's StreamBuf writes into the PassThrough that
 * archiver reads the zip entry from). ExcelJS ignores backpressure: each committed row's XML goes to that PassThrough at
 * once, and the rows come from better-sqlite3 (synchronous: every `await` resolves without giving
 * the event loop a turn), so zlib got no turn until the last row and the whole sheet's XML, 11
 * times the file (330 MB for a million answers), piled up in memory.
 */
export function pendingSheetXml(sheet: ExcelJS.Worksheet): number | null {
  const entry = (sheet as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes?.[0];
  const readable = entry?._readableState?.length;
  const writable = entry?._writableState?.length;
  return typeof readable === 'number' && typeof writable === 'number' ? readable + writable : null;
}

/** Gives the event loop a turn (zlib runs off it), then waits while the zip is still behind. */
async function letZipCatchUp(sheet: ExcelJS.Worksheet): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while ((pendingSheetXml(sheet) ?? 0) > MAX_PENDING_XML)
    await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * The raw answers as a workbook: data sheets "Dữ liệu", "Dữ liệu (2)", … of at most `perPart`
 * rows each, then the codebook "Mã hóa". Written with ExcelJS's streaming writer, row by row,
 * waiting for the zip whenever it falls behind (pendingSheetXml): it holds the compressed file
 * and a few MB of XML, however many answers there are.
 */
export async function rawAnswersXlsx(
  rows: AsyncGenerator<RawRow>,
  codebook: readonly CodebookRow[],
  perPart = ROWS_PER_PART,
): Promise<Uint8Array<ArrayBuffer>> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const dataSheet = (n: number) => {
    const sheet = book.addWorksheet(n === 1 ? 'Dữ liệu' : `Dữ liệu (${n})`);
    sheet.columns = RAW_COLUMNS.map((key) => ({ header: key, key, width: 16 }));
    return sheet;
  };
  let sheetNo = 1;
  let sheet = dataSheet(sheetNo);
  let inSheet = 0;
  for await (const row of rows) {
    if (inSheet === perPart) {
      sheet.commit();
      sheet = dataSheet(++sheetNo);
      inSheet = 0;
    }
    sheet.addRow(row).commit();
    if (++inSheet % ROWS_BETWEEN_CHECKS === 0) await letZipCatchUp(sheet);
  }
  sheet.commit();
  const codes = book.addWorksheet('Mã hóa');
  codes.columns = [
    { header: CODEBOOK_HEADINGS.section, key: 'section', width: 18 },
    { header: CODEBOOK_HEADINGS.code, key: 'code', width: 24 },
    { header: CODEBOOK_HEADINGS.description, key: 'description', width: 110 },
  ];
  for (const r of codebook) codes.addRow(r).commit();
  codes.commit();
  await book.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
