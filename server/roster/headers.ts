import {
  type Column,
  FIELD_LABELS,
  type ManualMapping,
  REQUIRED_FIELDS,
  ROSTER_FIELDS,
  type RosterField,
} from '../../contract/console/roster';
import { foldKey, similarity } from './normalize';

export type { RosterField };
export { FIELD_LABELS, REQUIRED_FIELDS, ROSTER_FIELDS };

/** Headers seen in offices' lists, as comparison keys (see foldKey). */
const SYNONYMS: Record<RosterField, string[]> = {
  stt: ['stt', 'tt', 'so tt', 'so thu tu', 'no'],
  name: ['ho va ten', 'ho ten', 'ten', 'ho va ten dai bieu', 'full name', 'name'],
  position: ['chuc vu', 'chuc danh', 'chuc vu chuc danh', 'chuc vu hien nay', 'position'],
  unit: [
    'don vi cong tac',
    'don vi',
    'noi cong tac',
    'co quan',
    'co quan don vi',
    'co quan cong tac',
    'noi lam viec',
    'workplace',
    'unit',
  ],
  group: [
    'nhom doi tuong',
    'nhom',
    'doi tuong',
    'doi tuong khao sat',
    'nhom khao sat',
    'thanh phan',
    'group',
  ],
  phone: [
    'so dien thoai',
    'dien thoai',
    'sdt',
    'so dt',
    'dt',
    'dtdd',
    'di dong',
    'so di dong',
    'dien thoai di dong',
    'phone',
    'mobile',
    'zalo',
  ],
  email: ['email', 'e mail', 'thu dien tu', 'dia chi email', 'dia chi thu dien tu', 'mail'],
  note: ['ghi chu', 'note'],
};

const EXACT = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((f) => SYNONYMS[f].map((s) => [s, f] as const)),
);

export type { Column, ManualMapping };

export interface HeaderMapping {
  columns: Column[];
  missing: RosterField[];
  /** Manual entries naming a header that is not in the file. */
  unknownManual: string[];
}

/** The best guess for one header: an exact synonym (sure) or a near one (unsure). */
function guess(header: string): { field: RosterField; score: number } | undefined {
  const key = foldKey(header);
  if (key === '') return undefined;
  const exact = EXACT.get(key);
  if (exact) return { field: exact, score: 1 };
  let best: { field: RosterField; score: number } | undefined;
  for (const [synonym, field] of EXACT) {
    // Short synonyms ("tt", "dt", "no") only ever match exactly.
    if (synonym.length < 4) continue;
    const score = similarity(key, synonym);
    if (score >= 0.8 && (!best || score > best.score)) best = { field, score: score * 0.99 };
  }
  return best;
}

/**
 * Which column holds which field. Exact synonyms win; near matches ("Họ và tên người được
 * khảo sát", a typo) are taken only for fields still free and marked unsure. A manual mapping
 * overrides the guesses field by field.
 */
export function mapHeaders(headers: string[], manual: ManualMapping = {}): HeaderMapping {
  const taken = new Set<number>();
  const columns: Column[] = [];
  const unknownManual: string[] = [];
  const byKey = headers.map((h) => foldKey(h));
  for (const field of ROSTER_FIELDS) {
    if (!(field in manual)) continue;
    const wanted = manual[field];
    if (wanted === null || wanted === undefined || wanted === '') continue;
    const index = byKey.findIndex((k, i) => k === foldKey(wanted) && !taken.has(i));
    if (index < 0) unknownManual.push(wanted);
    else {
      taken.add(index);
      columns.push({ field, index, header: headers[index] ?? '', sure: true });
    }
  }
  const guesses = headers
    .map((h, index) => ({ index, header: h, g: guess(h) }))
    .filter((x) => x.g !== undefined && !taken.has(x.index))
    .sort((a, b) => (b.g?.score ?? 0) - (a.g?.score ?? 0) || a.index - b.index);
  for (const { index, header, g } of guesses) {
    if (!g || field(columns, g.field) || g.field in manual || taken.has(index)) continue;
    taken.add(index);
    columns.push({ field: g.field, index, header, sure: g.score === 1 });
  }
  const missing = REQUIRED_FIELDS.filter((f) => !field(columns, f));
  columns.sort((a, b) => a.index - b.index);
  return { columns, missing, unknownManual };
}

const field = (columns: Column[], f: RosterField) => columns.find((c) => c.field === f);

/** How much a row looks like the header row: the number of exact (or manually named) headers. */
export function headerScore(cells: string[], manual: ManualMapping = {}): number {
  const manualKeys = new Set(
    Object.values(manual)
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map(foldKey),
  );
  const fields = new Set<string>();
  for (const cell of cells) {
    const key = foldKey(cell);
    if (manualKeys.has(key)) fields.add(`manual:${key}`);
    const f = EXACT.get(key);
    if (f) fields.add(f);
  }
  return fields.size;
}
