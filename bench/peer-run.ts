import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoLinks, serverEnv } from './demo-links';
import { ensureClientBuilt } from './first-load';
import { measurePeerComparison } from './peer/compare';
import { peerSection } from './peer/report';
import { freePort, killAllChildrenNow, startServer, stopAllChildren } from './processes';

/**
 * The first load beside SurveyJS alone (Lighthouse, 3 runs of each page after a warm-up, and the
 * screenshots): `npx tsx bench/peer-run.ts`. Prints the section and keeps it in
 * test-artifacts/bench/peer.md; BENCHMARKS.md is written only by `npm run bench`, which runs the
 * same section.
 */
const ROOT = resolve(import.meta.dirname, '..');
const log = (message: string) => console.error(`[bench] ${message}`);

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'cchc-bench-peer-'));
  process.on('exit', () => {
    killAllChildrenNow();
    rmSync(tmp, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stopAllChildren().finally(() => process.exit(130)));
  }
  const problem = await ensureClientBuilt(ROOT);
  if (problem) throw new Error(problem);
  const env = serverEnv(tmp, await freePort());
  log('creating the demo campaign with the CLI…');
  const [token = '', ...freshTokens] = await demoLinks(env);
  const server = await startServer(ROOT, env);
  const load = loadavg()[0] ?? 0;
  try {
    const result = await measurePeerComparison({
      root: ROOT,
      tmp,
      baseUrl: server.baseUrl,
      token,
      freshTokens,
      log,
    });
    const markdown = [
      ...peerSection(result),
      '',
      `_Run alone on ${new Date().toISOString()}; load average ${load.toFixed(2)} on ` +
        `${availableParallelism()} CPUs when measuring began._`,
    ].join('\n');
    const out = join(ROOT, 'test-artifacts/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'peer.md'), `${markdown}\n`);
    writeFileSync(join(out, 'peer.json'), JSON.stringify(result, null, 1));
    console.log(markdown);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
