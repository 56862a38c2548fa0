import { afterEach, beforeEach, vi } from 'vitest';

/**
 * What the CLI prints, kept per test instead of shown: `out` gets console.log's lines, `err`
 * console.error's. The arrays are emptied (not replaced) before each test, so a file can
 * destructure them once; `out.length = 0` forgets what a test's set-up printed.
 */
export function captureConsole() {
  const out: string[] = [];
  const err: string[] = [];
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());
  return { out, err };
}
