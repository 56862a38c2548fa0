import { aloneTmp, keepAlone, loadNow, log, ROOT, runAlone } from './alone';
import { demoLinks, serverEnv } from './demo-links';
import { ensureClientBuilt } from './first-load';
import { measurePeerComparison } from './peer/compare';
import { peerSection } from './peer/report';
import { freePort, startServer } from './processes';

/**
 * The first load beside SurveyJS alone (Lighthouse, 3 runs of each page after a warm-up, and the
 * screenshots): `npx tsx bench/peer-run.ts`. Prints the section and keeps it in
 * test-artifacts/bench/peer.md; BENCHMARKS.md is written only by `npm run bench`, which runs the
 * same section.
 */
runAlone(async () => {
  const tmp = aloneTmp('peer');
  const problem = await ensureClientBuilt(ROOT);
  if (problem) throw new Error(problem);
  const env = serverEnv(tmp, await freePort());
  log('creating the demo campaign with the CLI…');
  const [token = '', ...freshTokens] = await demoLinks(env);
  const server = await startServer(ROOT, env);
  const load = loadNow();
  try {
    const result = await measurePeerComparison({
      root: ROOT,
      tmp,
      baseUrl: server.baseUrl,
      token,
      freshTokens,
      log,
    });
    keepAlone('peer', peerSection(result), result, { load });
  } finally {
    await server.stop();
  }
});
