import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, killAllChildrenNow, startServer, stopAllChildren } from './processes';
import { measureSipas, seedSipas, sipasSection } from './sipas';

/**
 * The SIPAS section alone (issue #14): `npx tsx bench/sipas-run.ts`, `BENCH_QUICK=1` for a short
 * run. Prints the section and keeps it in test-artifacts/bench/sipas.md (and .json).
 */
const ROOT = resolve(import.meta.dirname, '..');
const log = (message: string) => console.error(`[bench] ${message}`);

async function main() {
  const quick = process.env.BENCH_QUICK === '1';
  const tmp = mkdtempSync(join(tmpdir(), 'cchc-bench-sipas-'));
  process.on('exit', () => {
    killAllChildrenNow();
    rmSync(tmp, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => void stopAllChildren().finally(() => process.exit(130)));
  const port = await freePort();
  const databaseUrl = join(tmp, 'bench.sqlite');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    APP_SECRET: randomBytes(32).toString('base64url'),
    LOG_REQUESTS: '0',
  };
  delete env.PUBLIC_URL;
  delete env.SECRET_FILE;
  await seedSipas(databaseUrl);
  const server = await startServer(ROOT, env);
  const load = loadavg()[0] ?? 0;
  try {
    const result = await measureSipas({
      root: ROOT,
      baseUrl: server.baseUrl,
      databaseUrl,
      quick,
      log,
    });
    const markdown = [
      ...sipasSection(result),
      '',
      `_${quick ? 'BENCH_QUICK=1 (short runs). ' : ''}Run alone on ${new Date().toISOString()}; ` +
        `load average ${load.toFixed(2)} on ${availableParallelism()} CPUs when measuring began._`,
    ].join('\n');
    const out = join(ROOT, 'test-artifacts/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'sipas.md'), `${markdown}\n`);
    writeFileSync(join(out, 'sipas.json'), JSON.stringify(result, null, 1));
    console.log(markdown);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
