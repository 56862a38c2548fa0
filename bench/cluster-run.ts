import { aloneTmp, keepAlone, loadNow, log, quickRun, ROOT, runAlone } from './alone';
import { measureBaseline } from './baseline/measure';
import { CLUSTER_QUICK_SIZES, CLUSTER_SIZES, measureCluster } from './cluster';
import { clusterSection } from './cluster-report';

/**
 * The several-processes section alone (issue #12, speed): `npx tsx bench/cluster-run.ts`, with
 * `BENCH_QUICK=1` for shorter runs, `BENCH_SETUPS=sqlite,pg1,pg2` for some setups only (then
 * without the baseline). Prints the section and keeps it in
 * test-artifacts/bench/cluster.md; BENCHMARKS.md is written only by `npm run bench`.
 */
runAlone(async () => {
  const quick = quickRun();
  const tmp = aloneTmp('cluster');
  const load = loadNow();
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
  keepAlone('cluster', clusterSection(result), result, {
    load,
    quick: quick ? 'BENCH_QUICK=1 (shorter runs). ' : '',
    endLoad: true,
  });
});
