import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  div,
  equals,
  formatFraction,
  fraction,
  mul,
  parseFraction,
  roundedFraction,
  roundHalfUp,
  sub,
  sum,
  toNumber,
} from '../../analysis/fraction';

const f = (text: string) => parseFraction(text);

describe('parseFraction', () => {
  it.each([
    ['0.60', '3/5'],
    ['1.00', '1'],
    ['2/3', '2/3'],
    ['4/6', '2/3'],
    ['0', '0'],
    ['0.00', '0'],
    ['12.5', '25/2'],
    ['0.0001', '1/10000'],
    ['-0.5', '-1/2'],
  ])('reads %s as %s, normalised', (text, expected) => {
    expect(formatFraction(parseFraction(text))).toBe(expected);
  });

  it.each(['', ' 1', '0,6', '1e3', '.5', '1.', '1/0', '2/3/4', 'abc', '0x10'])(
    'refuses %j',
    (text) => {
      expect(() => parseFraction(text)).toThrow();
    },
  );

  it('keeps the denominator positive and the fraction reduced', () => {
    expect(fraction(4, -6)).toEqual({ num: -2n, den: 3n });
    expect(() => fraction(1, 0)).toThrow();
    expect(() => fraction(0.5)).toThrow();
  });
});

describe('arithmetic', () => {
  it.each([
    ['add', add, '1/3', '1/6', '1/2'],
    ['add', add, '0.1', '0.2', '3/10'],
    ['sub', sub, '1/2', '1/3', '1/6'],
    ['mul', mul, '2/3', '0.75', '1/2'],
    ['mul', mul, '0.5', '0.29', '29/200'],
    ['div', div, '1/2', '1/4', '2'],
    ['div', div, '33.6', '44', '42/55'],
  ])('%s(%s, %s) = %s', (_name, op, a, b, expected) => {
    expect(formatFraction(op(f(a), f(b)))).toBe(expected);
  });

  it('sums a list, empty included', () => {
    expect(formatFraction(sum([f('1/3'), f('1/3'), f('1/3')]))).toBe('1');
    expect(formatFraction(sum([]))).toBe('0');
  });

  it('refuses to divide by zero', () => {
    expect(() => div(f('1'), f('0.00'))).toThrow();
  });

  it.each([
    ['2/3', '0.66', 1],
    ['2/3', '0.67', -1],
    ['0.60', '3/5', 0],
    ['-1/2', '0', -1],
  ])('compare(%s, %s) = %i', (a, b, expected) => {
    expect(compare(f(a), f(b))).toBe(expected);
  });

  it('equals compares values, whatever the spelling', () => {
    expect(equals(f('0.50'), f('2/4'))).toBe(true);
    expect(equals(f('0.50'), f('0.51'))).toBe(false);
  });
});

describe('roundHalfUp', () => {
  // In floats 0.5 × 0.29 is 0.14499999…, and toFixed(2) / Math.round give 0.14: the first rows.
  it.each([
    [mul(f('0.5'), f('0.29')), 2, '0.15'],
    [mul(f('1.50'), f('0.29')), 2, '0.44'],
    [f('0.145'), 2, '0.15'],
    [f('0.14499'), 2, '0.14'],
    [f('2/3'), 2, '0.67'],
    [f('1/3'), 2, '0.33'],
    [f('42/55'), 2, '0.76'],
    [f('0.005'), 2, '0.01'],
    [f('0.004999'), 2, '0.00'],
    [f('99.995'), 2, '100.00'],
    [f('30'), 2, '30.00'],
    [f('1.5'), 2, '1.50'],
    [f('5/2'), 0, '3'],
    [f('2/3'), 4, '0.6667'],
    [f('-0.145'), 2, '-0.15'],
    [f('-0.001'), 2, '0.00'],
  ])('%o to %i decimals → %s', (value, decimals, expected) => {
    expect(roundHalfUp(value, decimals)).toBe(expected);
  });

  it('refuses a negative or fractional number of decimals', () => {
    expect(() => roundHalfUp(f('1'), -1)).toThrow();
    expect(() => roundHalfUp(f('1'), 1.5)).toThrow();
  });

  it('roundedFraction keeps the rounded value exact', () => {
    expect(formatFraction(roundedFraction(f('2/3'), 2))).toBe('67/100');
  });
});

describe('toNumber', () => {
  it.each([
    ['42/55', 42 / 55],
    ['0.76', 0.76],
    ['-1/2', -0.5],
  ])('%s → %d', (text, expected) => {
    expect(toNumber(f(text))).toBe(expected);
  });

  it('stays close beyond 2^53', () => {
    const third = fraction(10n ** 30n + 1n, 3n * 10n ** 30n);
    expect(toNumber(third)).toBeCloseTo(1 / 3, 15);
  });
});
