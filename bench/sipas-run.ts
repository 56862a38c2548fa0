import { aloneTmp, keepAlone, loadNow, log, quickRun, ROOT, runAlone } from './alone';
import { serverEnv } from './demo-links';
import { freePort, startServer } from './processes';
import { measureSipas, seedSipas, sipasSection } from './sipas';

/**
 * The SIPAS section alone (issue #14): `npx tsx bench/sipas-run.ts`, `BENCH_QUICK=1` for a short
 * run. Prints the section and keeps it in test-artifacts/bench/sipas.md (and .json).
 */
runAlone(async () => {
  const quick = quickRun();
  const env = serverEnv(aloneTmp('sipas'), await freePort());
  const databaseUrl = env.DATABASE_URL as string;
  await seedSipas(databaseUrl);
  const server = await startServer(ROOT, env);
  const load = loadNow();
  try {
    const result = await measureSipas({
      root: ROOT,
      baseUrl: server.baseUrl,
      databaseUrl,
      quick,
      log,
    });
    keepAlone('sipas', sipasSection(result), result, {
      load,
      quick: quick ? 'BENCH_QUICK=1 (short runs). ' : '',
    });
  } finally {
    await server.stop();
  }
});
