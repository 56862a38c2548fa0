import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureBaseline } from './baseline/measure';
import { CLUSTER_QUICK_SIZES, CLUSTER_SIZES, measureCluster } from './cluster';
import { clusterSection } from './cluster-report';
import { killAllChildrenNow, stopAllChildren } from './processes';

/**
 * The several-processes section alone (issue #12, speed): `npx tsx bench/cluster-run.ts`, with
 * `BENCH_QUICK=1` for shorter runs, `BENCH_SETUPS=sqlite,pg1,pg2` for some setups only (then
 * without the baseline). Prints the section and keeps it in
 * test-artifacts/bench/cluster.md; BENCHMARKS.md is written only by `npm run bench`.
 */
const ROOT = resolve(import.meta.dirname, '..');
const log = (message: string) => console.error(`[bench] ${message}`);

async function main() {
  const quick = process.env.BENCH_QUICK === '1';
  const tmp = mkdtempSync(join(tmpdir(), 'cchc-bench-cluster-'));
  process.on('exit', () => {
    killAllChildrenNow();
    rmSync(tmp, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stopAllChildren().finally(() => process.exit(130)));
  }
  const load = loadavg()[0] ?? 0;
  const only = process.env.BENCH_SETUPS?.split(',').map((s) => s.trim());
  const result = await measureCluster({
    root: ROOT,
    tmp,
    sizes: quick ? CLUSTER_QUICK_SIZES : CLUSTER_SIZES,
    log,
    baseline: only
      ? async () => 'not measured (BENCH_SETUPS)'
      : (bodies) => measureBaseline(ROOT, tmp, bodies, log),
    ...(only ? { only } : {}),
  });
  const markdown = [
    ...clusterSection(result),
    '',
    `_${quick ? 'BENCH_QUICK=1 (shorter runs). ' : ''}Run alone on ${new Date().toISOString()}; ` +
      `load average ${load.toFixed(2)} on ${availableParallelism()} CPUs when measuring began ` +
      `(${(loadavg()[0] ?? 0).toFixed(2)} at the end)._`,
  ].join('\n');
  const out = join(ROOT, 'test-artifacts/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'cluster.md'), `${markdown}\n`);
  writeFileSync(join(out, 'cluster.json'), JSON.stringify(result, null, 1));
  console.log(markdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
