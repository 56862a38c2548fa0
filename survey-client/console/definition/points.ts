/**
 * Points as the definition writes them ("1.00", "0.5"): added exactly, as ten-thousandths, the
 * way questionnaires/load.ts checks budgets (that module brings zod, so it stays on the server).
 */

const POINTS = /^\d{1,4}(\.\d{1,4})?$/;

/** "1.50" → 15000; null when it is not a valid points value. */
export function pointsToUnits(points: string): number | null {
  if (!POINTS.test(points)) return null;
  const [whole = '0', frac = ''] = points.split('.');
  return Number(whole) * 10_000 + Number(`${frac}0000`.slice(0, 4));
}

/** 300000 → "30.00"; 12345 → "1.2345". */
export function unitsToPoints(units: number): string {
  const frac = String(units % 10_000)
    .padStart(4, '0')
    .replace(/0{1,2}$/, '');
  return `${Math.floor(units / 10_000)}.${frac.length < 2 ? frac.padEnd(2, '0') : frac}`;
}

/** The exact sum, or null when one of the values is not valid points. */
export function sumPoints(values: string[]): number | null {
  let total = 0;
  for (const v of values) {
    const u = pointsToUnits(v);
    if (u === null) return null;
    total += u;
  }
  return total;
}

/** What an officer types ("1,5" with the Vietnamese comma) as the definition writes it ("1.5"). */
export const typedPoints = (typed: string) => typed.trim().replace(',', '.');

/** "30.00" → "30,00" for reading (Vietnamese decimal comma). */
export const showPoints = (points: string) => points.replace('.', ',');
