import type { SelfAssessmentColumn } from '../../contract/console/self-assessment';
import type { Definition } from '../../questionnaires';
import { cleanText, foldKey } from '../roster/normalize';

/**
 * Recognising the columns of a council's sheet (server/results/self-assessment-read.ts): the
 * header texts offices use, compared as fold keys (no diacritics, lower case), and the field
 * columns named after the definition's fields.
 */

export type { SelfAssessmentColumn };

/** Title lines ("HỘI ĐỒNG THẨM ĐỊNH …", "BẢNG TỔNG HỢP …") may sit above the header. */
export const HEADER_SEARCH_ROWS = 20;

const CODE_HEADERS = ['ma don vi', 'ma dv', 'ma', 'ma don vi hanh chinh'];
const UNIT_HEADERS = [
  'don vi',
  'ten don vi',
  'don vi duoc danh gia',
  'don vi duoc tham dinh',
  'co quan don vi',
  'ten co quan don vi',
];
/** The appraised points, best first: a sheet often has the unit's own score beside them. */
const POINTS_HEADERS = [
  [
    'diem tu danh gia da tham dinh',
    'diem tu danh gia sau tham dinh',
    'tong diem tu danh gia da tham dinh',
    'diem da tham dinh',
    'diem sau tham dinh',
    'diem tham dinh',
    'tong diem tham dinh',
    'tong diem da tham dinh',
    'ket qua tham dinh',
  ],
  ['diem', 'tong diem', 'tong', 'diem tong', 'tong cong'],
];
/** The unit's own score, before the council: never taken for the appraised one. */
const UNAPPRAISED_HEADERS = [
  'diem tu danh gia',
  'diem tu cham',
  'tu danh gia',
  'diem don vi tu cham',
];

const squash = (s: string) => s.replace(/ /g, '');

/** "LV1", "LV 1", "Lĩnh vực 1" → the field code of the definition, if it has one. */
export function fieldHeaders(definition: Definition): Map<string, string> {
  const out = new Map<string, string>();
  for (const index of definition.indexes)
    for (const f of index.fields) {
      out.set(squash(foldKey(f.code)), f.code);
      const n = /^lv(\d+)$/i.exec(f.code)?.[1];
      if (n) out.set(`linhvuc${n}`, f.code);
    }
  return out;
}

export interface Mapping {
  code?: number;
  unit?: number;
  points?: number;
  /** Header text of an unappraised-points column, kept to explain a refusal. */
  unappraised?: string;
  fields: Map<string, number>;
  columns: { header: string; column: SelfAssessmentColumn }[];
}

export function mapHeader(cells: string[], fields: Map<string, string>): Mapping {
  const m: Mapping = { fields: new Map(), columns: [] };
  let pointsRank = Number.POSITIVE_INFINITY;
  cells.forEach((raw, i) => {
    const header = cleanText(raw);
    const key = foldKey(header);
    if (key === '') return;
    const take = (column: SelfAssessmentColumn) => m.columns.push({ header, column });
    const rank = POINTS_HEADERS.findIndex((list) => list.includes(key));
    if (m.code === undefined && CODE_HEADERS.includes(key)) {
      m.code = i;
      take('code');
    } else if (m.unit === undefined && UNIT_HEADERS.includes(key)) {
      m.unit = i;
      take('unit');
    } else if (rank >= 0 && rank < pointsRank) {
      if (m.points !== undefined) m.columns = m.columns.filter((c) => c.column !== 'points');
      m.points = i;
      pointsRank = rank;
      take('points');
    } else if (UNAPPRAISED_HEADERS.includes(key)) {
      m.unappraised ??= header;
    } else {
      const field = fields.get(squash(key));
      if (field && !m.fields.has(field)) {
        m.fields.set(field, i);
        take(`field:${field}`);
      }
    }
  });
  return m;
}

export const usable = (m: Mapping) =>
  (m.code !== undefined || m.unit !== undefined) && (m.points !== undefined || m.fields.size > 0);
