import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleSize } from '../../analysis/sample-size';

describe('sampleSize: n = N / (1 + N·e²), rounded up', () => {
  it.each([
    [10_000, '0.05', 385], // 10000 / 26 = 384.6…
    [10_000, 0.05, 385],
    [400, '0.05', 200], // 400 / 2 exactly: no rounding up
    [401, '0.05', 201], // 401 / 2.0025 = 200.2…
    [1, '0.05', 1],
    [10_000, '0', 10_000],
    [10_000, 0, 10_000],
    [1_000_000, '0.03', 1110], // 1e6 / 901 = 1109.8…
  ])('N=%d, e=%s → %d', (N, e, n) => {
    expect(sampleSize(N, e)).toBe(n);
  });

  it.each([
    [0, '0.05'],
    [-5, '0.05'],
    [10.5, '0.05'],
    [Number.NaN, '0.05'],
    [100, '-0.05'],
    [100, '1'],
    [100, '1.5'],
    [100, 'abc'],
    [100, ''],
    [100, '5%'],
    [100, '0,05'],
    [100, Number.NaN],
  ])('refuses N=%s, e=%s with a Vietnamese message', (N, e) => {
    expect(() => sampleSize(N, e)).toThrow(/N phải|e phải/);
  });

  it('never exceeds N, never below 1, and shrinks as e grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        (N, pct) => {
          const e = `0.${String(pct).padStart(2, '0')}`;
          const n = sampleSize(N, e);
          expect(n).toBeGreaterThanOrEqual(1);
          expect(n).toBeLessThanOrEqual(N);
          if (pct < 99)
            expect(sampleSize(N, `0.${String(pct + 1).padStart(2, '0')}`)).toBeLessThanOrEqual(n);
        },
      ),
    );
  });
});
