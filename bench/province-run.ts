import { aloneTmp, keepAlone, loadNow, log, quickRun, ROOT, runAlone } from './alone';
import { serverEnv } from './demo-links';
import { ensureClientBuilt } from './first-load';
import { freePort, startServer } from './processes';
import { measureProvince } from './province';
import { provinceSection } from './province-report';
import { PROVINCE_QUICK_SIZES, PROVINCE_SIZES, seedProvince } from './province-seed';

/**
 * The province section alone (issue #11): `npx tsx bench/province-run.ts`, with `BENCH_QUICK=1`
 * on small sizes. Prints the section and keeps it in test-artifacts/bench/province.md;
 * BENCHMARKS.md is written only by `npm run bench`, which runs the same section.
 */
runAlone(async () => {
  const quick = quickRun();
  const tmp = aloneTmp('province');
  const problem = await ensureClientBuilt(ROOT);
  if (problem) throw new Error(problem);
  const port = await freePort();
  const env = serverEnv(tmp, port);
  const sizes = quick ? PROVINCE_QUICK_SIZES : PROVINCE_SIZES;
  log(`seeding the province campaigns (${JSON.stringify(sizes)})…`);
  const seed = await seedProvince(env.DATABASE_URL as string, env.APP_SECRET as string, sizes, log);
  const server = await startServer(ROOT, env);
  const load = loadNow();
  try {
    const result = await measureProvince({
      root: ROOT,
      tmp,
      baseUrl: server.baseUrl,
      origin: `http://localhost:${port}`,
      seed,
      quick,
      log,
    });
    keepAlone('province', provinceSection(result), result, {
      load,
      quick: quick ? 'BENCH_QUICK=1 (small sizes). ' : '',
    });
  } finally {
    await server.stop();
  }
});
