import { parseFraction } from '../../../analysis/fraction';
import type { UnitResult } from '../../../analysis/types';
import type { ResultsDocument } from '../../../contract/results';
import { decimalText } from '../total';

/**
 * What the exports of a scoring run share: notes, number texts, ranks, times. Everything comes
 * from the stored run, so a locked run re-exports identically. Vietnamese text is NFC; no
 * person's name, phone or link is in any export (runs hold aggregates only).
 */

export const nfc = (s: string) => s.normalize('NFC');
export const hiddenNote = (k: number) => `ẩn (dưới ${k} phiếu)`;
export const NO_DATA_NOTE = 'không đủ dữ liệu';
export const NO_SELF_ASSESSMENT_NOTE = 'chưa nhập điểm tự đánh giá';

/** Scores, maxima and percents as the method rounds them: 2 decimals. */
export const two = (n: number | null) => (n === null ? '' : n.toFixed(2));
/**
 * Imported points and their sums as they are: at least 2 decimals, up to the 4 an import may
 * have ("70.255" stays 70.255: rounding it to 70.25 or 70.26 would be a number nobody gave).
 */
export const points = (n: number | null) =>
  n === null ? '' : decimalText(parseFraction(String(n)));
/** Ratios unrounded, as the contract gives them. */
export const exact = (n: number | null) => (n === null ? '' : String(n));

export function resultsJsonText(doc: ResultsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Rank within an index by survey score, highest first; equal scores share a rank ("1, 2, 2, 4").
 * A unit without data is not ranked.
 */
export function ranks(units: readonly UnitResult[]): Map<string, number> {
  const out = new Map<string, number>();
  const byIndex = new Map<string, UnitResult[]>();
  for (const u of units) if (!u.noData) byIndex.set(u.index, [...(byIndex.get(u.index) ?? []), u]);
  for (const list of byIndex.values())
    for (const u of list)
      out.set(
        `${u.index}\u0000${u.code}`,
        1 + list.filter((v) => v.surveyScore > u.surveyScore).length,
      );
  return out;
}
export const rankOf = (r: Map<string, number>, u: UnitResult) => r.get(`${u.index}\u0000${u.code}`);

/** "17 giờ 00 ngày 05/01/2027": Vietnam time, as an office writes it on a document. */
export function viDateTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour} giờ ${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** The same, saying whose clock: "17 giờ 00 ngày 05/01/2027 (giờ Việt Nam)". */
export const vnTime = (iso: string | null) => (iso ? `${viDateTime(iso)} (giờ Việt Nam)` : '');
