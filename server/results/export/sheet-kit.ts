import type ExcelJS from 'exceljs';
import type { ResultsDocument } from '../../../contract/results';
import type { Definition } from '../../../questionnaires';
import { nfc, ranks } from './format';

/** What every sheet of the results workbook reads: the run, its definition, and lookups. */
export interface SheetContext {
  doc: ResultsDocument;
  definition: Definition;
  /** The small-group threshold of the run. */
  k: number;
  rank: Map<string, number>;
  unitNames: Map<string, string>;
  criteria: Map<
    string,
    Definition['indexes'][number]['fields'][number]['criteria'][number] & { field: string }
  >;
  groupNames: Map<string, string>;
  /** The units' official codes (Mã ĐVHC of the General Statistics Office), where they have one. */
  officialCodes: Map<string, string>;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (s: string) => nfc(s.replace(/[:\\/?*[\]]/g, ' ')).slice(0, 31);

/**
 * A list sheet's columns: the header row bold, wrapped and frozen on screen, repeated on every
 * printed page; A4, fit to the page's width (landscape unless the sheet is narrow).
 */
export function header(
  sheet: ExcelJS.Worksheet,
  columns: { header: string; key: string; width: number }[],
  { landscape = true } = {},
) {
  sheet.columns = columns.map((c) => ({ ...c, header: nfc(c.header) }));
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  // LibreOffice and Excel do not grow a row for wrapped text written by a library: room for three lines.
  row.height = 42;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  printSetup(sheet, { landscape, titleRows: '1:1' });
}

/**
 * A row tall enough for its wrapped text. A library-written file carries no row heights, and
 * LibreOffice then prints one line per row, over the next row's text; so the rows say how tall.
 * About 1.2 characters of Vietnamese text per unit of column width, 13.5 points a line.
 */
export function fitHeight(sheet: ExcelJS.Worksheet, row: ExcelJS.Row) {
  let lines = 1;
  row.eachCell((cell, col) => {
    const width = sheet.getColumn(col).width ?? 10;
    if (typeof cell.value === 'string')
      lines = Math.max(lines, Math.ceil(cell.value.length / (width * 1.2)));
  });
  if (lines > 1) row.height = 13.5 * lines + 2;
}

/** Borders on a list sheet's header and rows, once they are written. */
export const listBorders = (sheet: ExcelJS.Worksheet) =>
  borders(sheet, 1, sheet.rowCount, sheet.columnCount);

/**
 * Number formats. A format code is stored in the file in Excel's neutral notation ("." decimal,
 * "," thousands) and shown with the reader's separators; the [$-42A] tag (Vietnamese) makes
 * LibreOffice show 1.234,56 whatever its own locale, and Excel on a Vietnamese system does the
 * same. The cell keeps a number, so sums and sorting still work.
 */
const VI = '[$-42A]';
/** Scores, maxima and % as the method rounds them: 2 decimals. */
export const SCORE = `${VI}#,##0.00`;
/** Imported points (and self + survey) show every decimal they have: 70.255, not 70.26. */
export const POINTS = `${VI}#,##0.00##`;
/** Ratios: 4 decimals shown, and stored (`ratio4`): what a reader sees is what the cell holds. */
export const RATIO = `${VI}0.0000`;
/** Counts and ranks. */
export const COUNT = `${VI}#,##0`;

/**
 * A ratio as the workbook shows it: 4 decimals, half-up, stored as such. The workbook is read and
 * printed by people; the exact fraction's nearest double stays in the JSON and the CSV.
 */
export const ratio4 = (n: number | null) => (n === null ? null : Math.round(n * 1e4 + 1e-9) / 1e4);

/** The short form of a fingerprint in titles; the full one is on the "Phương pháp" sheet. */
export const shortFingerprint = (f: string) => `${f.slice(0, 12)}…`;

/** "UBND huyện" from "Chỉ số CCHC của UBND huyện": what a sheet name can hold. */
export const indexLabel = (index: { code: string; name: string }) =>
  nfc(index.name.replace(/^\s*Chỉ số\s+(CCHC|PAR)\s+(của\s+)?/iu, '').trim() || index.code);

/**
 * "Kết quả – UBND xã, thị trấn": a sheet per index named in Vietnamese. Over Excel's 31
 * characters the name is cut at a word and ends in "…" ("Tiêu chí – UBND xã, phường,…"), never
 * mid-word; a name another index's sheet already took falls back to the code ("Kết quả – XA").
 */
export function indexSheetName(
  book: ExcelJS.Workbook,
  prefix: string,
  index: { code: string; name: string },
): string {
  const full = nfc(`${prefix} – ${indexLabel(index)}`.replace(/[:\\/?*[\]]/g, ' '));
  let name = full;
  if (full.length > 31) {
    const cut = full.slice(0, 30);
    const space = cut.lastIndexOf(' ');
    name = `${(space > prefix.length + 3 ? cut.slice(0, space) : cut).replace(/[\s,;–-]+$/u, '')}…`;
  }
  const taken = (n: string) =>
    book.worksheets.some((w) => w.name.toLowerCase() === n.toLowerCase());
  return taken(name) ? sheetName(`${prefix} – ${index.code}`) : name;
}

const THIN = { style: 'thin' } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Thin borders around every cell of rows `from`..`to`, columns 1..`columns`: reads on paper. */
export function borders(sheet: ExcelJS.Worksheet, from: number, to: number, columns: number) {
  for (let r = from; r <= to; r++)
    for (let c = 1; c <= columns; c++) sheet.getCell(r, c).border = BORDER;
}

/**
 * Page setup for printing: A4, landscape where the sheet is wide, fit to one page wide and as
 * many long as needed, the header rows repeated on every page, "Trang 3/12" in the footer.
 */
export function printSetup(
  sheet: ExcelJS.Worksheet,
  { landscape, titleRows }: { landscape: boolean; titleRows: string },
) {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: titleRows,
  };
  sheet.headerFooter = {
    oddFooter: `&L&8${sheet.name.replace(/&/g, '&&')}&R&8Trang &P/&N`,
  };
}

export function sheetContext(
  doc: ResultsDocument,
  definition: Definition,
  officialCodes: ReadonlyMap<string, string> = new Map(),
): SheetContext {
  return {
    officialCodes: new Map(officialCodes),
    doc,
    definition,
    k: doc.method.minCellSize,
    rank: ranks(doc.units),
    unitNames: new Map(doc.units.map((u) => [u.code, nfc(u.name)])),
    criteria: new Map(
      definition.indexes.flatMap((i) =>
        i.fields.flatMap((f) => f.criteria.map((c) => [c.code, { ...c, field: f.code }] as const)),
      ),
    ),
    groupNames: new Map(definition.groups.map((g) => [g.code, g.name])),
  };
}
