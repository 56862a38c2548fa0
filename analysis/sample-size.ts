import { add, compare, div, fraction, mul, ONE, parseFraction } from './fraction';

/**
 * The sample size for a survey of a population of `N` with margin of error `e` (Yamane's
 * formula, issue #14.5): n = N / (1 + N·e²), rounded up to a whole form. Exact: `e` is read as
 * the decimal it is written as ("0.05"), so 10,000 at 0.05 gives 10,000 / 26 → 385.
 * @throws RangeError (message in Vietnamese) when N is not a whole number from 1, or e is not a
 * decimal from 0 up to (not including) 1.
 */
export function sampleSize(N: number, e: string | number): number {
  if (!Number.isSafeInteger(N) || N < 1) {
    throw new RangeError('Quy mô tổng thể N phải là số nguyên dương.');
  }
  const text = typeof e === 'number' ? String(e) : e.trim();
  let margin: ReturnType<typeof parseFraction>;
  try {
    margin = parseFraction(text);
  } catch {
    throw new RangeError('Sai số e phải là số thập phân, ví dụ 0.05.');
  }
  if (margin.num < 0n || compare(margin, ONE) >= 0) {
    throw new RangeError('Sai số e phải từ 0 đến dưới 1, ví dụ 0.05.');
  }
  const population = fraction(N);
  const n = div(population, add(ONE, mul(population, mul(margin, margin))));
  return Number((n.num + n.den - 1n) / n.den);
}
