import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureClientBuilt } from './first-load';
import { freePort, killAllChildrenNow, startServer, stopAllChildren } from './processes';
import { measureProvince } from './province';
import { provinceSection } from './province-report';
import { PROVINCE_QUICK_SIZES, PROVINCE_SIZES, seedProvince } from './province-seed';

/**
 * The province section alone (issue #11): `npx tsx bench/province-run.ts`, with `BENCH_QUICK=1`
 * on small sizes. Prints the section and keeps it in test-artifacts/bench/province.md;
 * BENCHMARKS.md is written only by `npm run bench`, which runs the same section.
 */
const ROOT = resolve(import.meta.dirname, '..');
const log = (message: string) => console.error(`[bench] ${message}`);

async function main() {
  const quick = process.env.BENCH_QUICK === '1';
  const tmp = mkdtempSync(join(tmpdir(), 'cchc-bench-province-'));
  process.on('exit', () => {
    killAllChildrenNow();
    rmSync(tmp, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stopAllChildren().finally(() => process.exit(130)));
  }
  const problem = await ensureClientBuilt(ROOT);
  if (problem) throw new Error(problem);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: join(tmp, 'bench.sqlite'),
    APP_SECRET: randomBytes(32).toString('base64url'),
    LOG_REQUESTS: '0',
  };
  delete env.PUBLIC_URL;
  delete env.SECRET_FILE;
  const sizes = quick ? PROVINCE_QUICK_SIZES : PROVINCE_SIZES;
  log(`seeding the province campaigns (${JSON.stringify(sizes)})…`);
  const seed = await seedProvince(env.DATABASE_URL as string, env.APP_SECRET as string, sizes, log);
  const server = await startServer(ROOT, env);
  const load = loadavg()[0] ?? 0;
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
    // Alone, the section has no run header: the machine's load goes with it.
    const markdown = [
      ...provinceSection(result),
      '',
      `_${quick ? 'BENCH_QUICK=1 (small sizes). ' : ''}Run alone on ${new Date().toISOString()}; ` +
        `load average ${load.toFixed(2)} on ${availableParallelism()} CPUs when measuring began._`,
    ].join('\n');
    const out = join(ROOT, 'test-artifacts/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'province.md'), `${markdown}\n`);
    writeFileSync(join(out, 'province.json'), JSON.stringify(result, null, 1));
    console.log(markdown);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
