import type { AnswerCount, Counts, FormCount } from './types';

/**
 * Year over year across the 2025 mergers (docs/method.md §14): which old units a new unit was
 * made of, and whether the old campaign's counts give it an exact reference. Pure: the
 * conversion table's rows come in, a verdict goes out.
 */

/** What the conversion table needs here: new unit `code` took (part of) old unit `oldCode`. */
export interface LineageRow {
  code: string;
  oldCode: string;
  oldName: string;
  /** As published: "Nhập toàn bộ", "Nhập một phần", "Giữ nguyên", "Đổi tên", … */
  how: string;
}

/** `whole`: the old unit went into the new one entirely; `part`: a part of it (or unknown). */
export type Transfer = 'whole' | 'part';

/** Lower case, NFC, single spaces, and the table's one typo ("Nhâp") mended. */
const normalised = (how: string) =>
  how.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim().replace('nhâp', 'nhập');

/**
 * How an old unit went into a new one, read from the table's `how`. Anything that says "một
 * phần" ("Nhập một phần", "Nhập một phần diện tích, toàn bộ dân số", "Đổi tên từ một phần
 * Phường 15") or "phần còn lại" is a part; "toàn bộ", "giữ nguyên", "đổi tên", "đổi loại hình"
 * and "sắp xếp toàn bộ …" are whole; a wording not seen before is a part: an unknown transfer
 * must never make a comparison exact.
 */
export function transferOf(how: string): Transfer {
  const h = normalised(how);
  if (h.includes('một phần') || h.includes('phần còn lại')) return 'part';
  if (/^(nhập toàn bộ|giữ nguyên|đổi tên|đổi loại hình|sắp xếp toàn bộ)/.test(h)) return 'whole';
  return 'part';
}

/** Why a predecessor keeps its new unit from an exact comparison; null when it does not. */
export type PredecessorIssue = 'part' | 'split' | 'outside' | null;

export interface Predecessor {
  /** The old official code; empty when the table has none (a whole district). */
  oldCode: string;
  oldName: string;
  how: string;
  transfer: Transfer;
  /** The old unit also went (in whole or in part) into another new unit. */
  split: boolean;
  /** The old campaign rated a unit with this official code. */
  inPrevious: boolean;
  /** The first reason, in this order: part, split, outside the old campaign. */
  issue: PredecessorIssue;
}

/**
 * - `exact`: every predecessor went in whole, none was split among new units, and the old
 *   campaign rated each: the old counts pooled are the new unit's reference.
 * - `not_comparable`: at least one predecessor is in the old campaign, but not all of the above.
 * - `none`: no predecessor is in the old campaign (no previous data).
 */
export type LineageStatus = 'exact' | 'not_comparable' | 'none';

export interface Lineage {
  code: string;
  status: LineageStatus;
  predecessors: Predecessor[];
}

/** The table indexed both ways, built once per comparison. */
export interface LineageTable {
  byNew: ReadonlyMap<string, readonly LineageRow[]>;
  /** old code → the distinct new codes it went into. */
  newCodesOf: ReadonlyMap<string, ReadonlySet<string>>;
}

export function lineageTable(rows: readonly LineageRow[]): LineageTable {
  const byNew = new Map<string, LineageRow[]>();
  const newCodesOf = new Map<string, Set<string>>();
  for (const r of rows) {
    byNew.set(r.code, [...(byNew.get(r.code) ?? []), r]);
    if (!r.oldCode) continue;
    const set = newCodesOf.get(r.oldCode) ?? new Set<string>();
    set.add(r.code);
    newCodesOf.set(r.oldCode, set);
  }
  return { byNew, newCodesOf };
}

/**
 * The verdict for new unit `code` against an old campaign whose units carry `previousCodes`
 * (official codes). A new unit the table does not list has no predecessor: `none`.
 */
export function lineageOf(
  table: LineageTable,
  code: string,
  previousCodes: ReadonlySet<string>,
): Lineage {
  const rows = table.byNew.get(code) ?? [];
  const predecessors: Predecessor[] = [];
  for (const r of rows) {
    // The same old unit listed twice for one new unit (area and population rows) is one
    // predecessor; the weaker transfer wins.
    const key = r.oldCode || `\u0000${r.oldName}`;
    const transfer = transferOf(r.how);
    const before = predecessors.find((p) => (p.oldCode || `\u0000${p.oldName}`) === key);
    if (before) {
      if (transfer === 'part') Object.assign(before, { transfer, issue: 'part', how: r.how });
      continue;
    }
    const split = r.oldCode !== '' && (table.newCodesOf.get(r.oldCode)?.size ?? 0) > 1;
    const inPrevious = r.oldCode !== '' && previousCodes.has(r.oldCode);
    const issue: PredecessorIssue =
      transfer === 'part' ? 'part' : split ? 'split' : inPrevious ? null : 'outside';
    predecessors.push({
      oldCode: r.oldCode,
      oldName: r.oldName,
      how: r.how,
      transfer,
      split,
      inPrevious,
      issue,
    });
  }
  const status: LineageStatus = !predecessors.some((p) => p.inPrevious)
    ? 'none'
    : predecessors.every((p) => p.issue === null)
      ? 'exact'
      : 'not_comparable';
  return { code, status, predecessors };
}

/**
 * The counts of `unitCodes` as if they were one unit `pooled`: every answer and form row of
 * those units relabelled and summed; the other units' rows left out. A form that rated two of
 * the units counts in each (its answers are two answers): form counts pooled are no longer
 * numbers of people, which is why a pooled reference shows no group breakdown.
 */
export function poolCounts(counts: Counts, unitCodes: readonly string[], pooled: string): Counts {
  const members = new Set(unitCodes);
  const answers = new Map<string, AnswerCount>();
  for (const a of counts.answers) {
    if (!members.has(a.unitCode)) continue;
    const key = [a.questionnaireId, a.questionId, a.groupCode, a.option].join('\u0000');
    const prev = answers.get(key);
    answers.set(key, { ...a, unitCode: pooled, n: (prev?.n ?? 0) + a.n });
  }
  const forms = new Map<string, FormCount>();
  for (const f of counts.forms) {
    if (!members.has(f.unitCode)) continue;
    const key = `${f.criterion}\u0000${f.groupCode}`;
    const prev = forms.get(key);
    forms.set(key, { ...f, unitCode: pooled, n: (prev?.n ?? 0) + f.n });
  }
  return { answers: [...answers.values()], forms: [...forms.values()] };
}
