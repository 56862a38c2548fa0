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
}

/** Number formats: 2 decimals for scores, 4 shown for ratios (stored unrounded). */
export const SCORE = '0.00';
/** Imported points (and self + survey) show every decimal they have: 70.255, not 70.26. */
export const POINTS = '0.00##';
export const RATIO = '0.0000';

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (s: string) => nfc(s.replace(/[:\\/?*[\]]/g, ' ')).slice(0, 31);

/** A sheet's columns, its header row bold and frozen. */
export function header(
  sheet: ExcelJS.Worksheet,
  columns: { header: string; key: string; width: number }[],
) {
  sheet.columns = columns.map((c) => ({ ...c, header: nfc(c.header) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

export function sheetContext(doc: ResultsDocument, definition: Definition): SheetContext {
  return {
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
