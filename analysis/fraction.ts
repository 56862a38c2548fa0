/**
 * Exact rational numbers on bigint. The method (docs/method.md §6) computes
 * with exact fractions and rounds only the criterion score: in binary floating point
 * 0.5 × 0.29 is 0.14499999…, which `Math.round` and `toFixed` turn into 0.14 instead of 0.15,
 * and the LIN4 coefficients (2/3, 1/3) have no finite decimal at all.
 */

/** Always normalised: `den > 0` and `gcd(|num|, den) = 1`, so equal values have equal fields. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function toBigInt(value: bigint | number): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`Không phải số nguyên: ${value}`);
  return BigInt(value);
}

/** `num / den`, normalised. Numbers must be safe integers (a float would defeat the purpose). */
export function fraction(num: bigint | number, den: bigint | number = 1n): Fraction {
  let n = toBigInt(num);
  let d = toBigInt(den);
  if (d === 0n) throw new RangeError('Mẫu số bằng 0');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

export const ZERO: Fraction = fraction(0);
export const ONE: Fraction = fraction(1);

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const RATIO = /^(-?)(\d+)\/(\d+)$/;

/**
 * Reads a decimal ("0.60", "1.00", "12") or a fraction ("2/3") as written in a definition.
 * @throws Error when the text is neither (exponents, spaces and commas are refused).
 */
export function parseFraction(text: string): Fraction {
  const decimal = DECIMAL.exec(text);
  if (decimal) {
    const [, sign, whole = '0', frac = ''] = decimal;
    const num = BigInt(`${sign}${whole}${frac}`);
    return fraction(num, 10n ** BigInt(frac.length));
  }
  const ratio = RATIO.exec(text);
  if (ratio) {
    const [, sign, num = '0', den = '1'] = ratio;
    if (BigInt(den) === 0n) throw new Error(`Phân số có mẫu bằng 0: "${text}"`);
    return fraction(BigInt(`${sign}${num}`), BigInt(den));
  }
  throw new Error(`Không đọc được số "${text}" (cần số thập phân như "0.60" hoặc phân số "2/3")`);
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

/** @throws RangeError when `b` is zero. */
export function div(a: Fraction, b: Fraction): Fraction {
  if (b.num === 0n) throw new RangeError('Chia cho 0');
  return fraction(a.num * b.den, a.den * b.num);
}

export function sum(values: Iterable<Fraction>): Fraction {
  let total = ZERO;
  for (const v of values) total = add(total, v);
  return total;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function equals(a: Fraction, b: Fraction): boolean {
  return a.num === b.num && a.den === b.den;
}

/** "42/55", or "3" for an integer: for messages and test names, not for computing. */
export function formatFraction(f: Fraction): string {
  return f.den === 1n ? String(f.num) : `${f.num}/${f.den}`;
}

const MAX_EXACT = 2n ** 53n;

/**
 * The nearest double, for output only (the contract's unrounded `ratio`). When numerator and
 * denominator are exact doubles, IEEE division is correctly rounded; beyond that we go through
 * a 20-decimal string, which is closer than a double can tell.
 */
export function toNumber(f: Fraction): number {
  const abs = f.num < 0n ? -f.num : f.num;
  if (abs <= MAX_EXACT && f.den <= MAX_EXACT) return Number(f.num) / Number(f.den);
  return Number(roundHalfUp(f, 20));
}

/**
 * Rounds to `decimals` places, halves away from zero ("half-up" as the method means it, on the
 * exact value: 0.145 → "0.15"), and writes the result as a decimal string with exactly
 * `decimals` places ("0.15", "1.50", "30.00"; "-0.15" for negatives).
 */
export function roundHalfUp(f: Fraction, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError('Số chữ số thập phân sai');
  const negative = f.num < 0n;
  const abs = negative ? -f.num : f.num;
  const scale = 10n ** BigInt(decimals);
  // floor(abs × scale / den + 1/2), in integers: (2·abs·scale + den) div (2·den).
  const scaled = (2n * abs * scale + f.den) / (2n * f.den);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  const sign = negative && scaled !== 0n ? '-' : '';
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole}.${frac}`;
}

/** `roundHalfUp` kept as an exact value, for sums of rounded scores (step 6). */
export function roundedFraction(f: Fraction, decimals: number): Fraction {
  return parseFraction(roundHalfUp(f, decimals));
}
