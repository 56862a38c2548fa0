import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killAllChildrenNow, stopAllChildren } from './processes';

/**
 * What a bench section run alone (`npx tsx bench/<section>-run.ts`) shares with the others: a
 * temporary directory removed at exit with every child process, the section written to
 * test-artifacts/bench/<name>.md and .json with a line on the machine's load (alone, a section
 * has no run header), and a failure's exit code. BENCHMARKS.md is written only by `npm run bench`.
 */
export const ROOT = resolve(import.meta.dirname, '..');
export const log = (message: string) => console.error(`[bench] ${message}`);
export const quickRun = () => process.env.BENCH_QUICK === '1';
/** The 1-minute load average now. */
export const loadNow = () => loadavg()[0] ?? 0;

/** A temporary directory for the run; it and every child process go when the run ends. */
export function aloneTmp(name: string): string {
  const tmp = mkdtempSync(join(tmpdir(), `cchc-bench-${name}-`));
  process.on('exit', () => {
    killAllChildrenNow();
    rmSync(tmp, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stopAllChildren().finally(() => process.exit(130)));
  }
  return tmp;
}

interface Note {
  /** The load average when measuring began. */
  load: number;
  /** Said first when BENCH_QUICK=1, e.g. "BENCH_QUICK=1 (short runs). ". */
  quick?: string;
  /** Also give the load average at the end. */
  endLoad?: boolean;
}

/** Prints the section and keeps it (and the raw result) in test-artifacts/bench. */
export function keepAlone(name: string, section: string[], result: unknown, note: Note): void {
  const end = note.endLoad ? ` (${loadNow().toFixed(2)} at the end)` : '';
  const markdown = [
    ...section,
    '',
    `_${note.quick ?? ''}Run alone on ${new Date().toISOString()}; load average ` +
      `${note.load.toFixed(2)} on ${availableParallelism()} CPUs when measuring began${end}._`,
  ].join('\n');
  const out = join(ROOT, 'test-artifacts/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.md`), `${markdown}\n`);
  writeFileSync(join(out, `${name}.json`), JSON.stringify(result, null, 1));
  console.log(markdown);
}

/** Runs a section's main; a failure is printed and sets the exit code. */
export function runAlone(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
