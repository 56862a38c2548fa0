import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { freePort, type RunningServer, startServer } from '../processes';
import {
  type LoadResult,
  runAutocannon,
  runPaced,
  type SubmitBodies,
  submitHeaders,
  TokenPool,
  waitUntilIdle,
} from '../submit-load';

/** A run against the baseline, with where the CPU went (percent of one core, over the run). */
export interface BaselineRun extends LoadResult {
  /** The baseline server's process; null if it could not be read. */
  serverCpu: number | null;
  /** The benchmark's process: the load generator (autocannon or the open-loop sender). */
  clientCpu: number;
}

export interface BaselineResult {
  runs: BaselineRun[];
  /** The rows one submit wrote, counted in the baseline's database after the check submit. */
  rowsPerSubmit: Record<'submission' | 'answer' | 'comment' | 'demographic', number>;
  /** Runs not made, or what the server said. */
  problems: string[];
}

/** Far more than the fastest run can use: the baseline ignores the token, any string will do. */
const TOKENS = 150_000;

/**
 * The submissions runs of bench/run.ts against bench/baseline/server.ts, started the way the
 * product is (bench/processes.ts), on a fresh database of its own: a check that a submit answers
 * 201 and writes the rows the product writes, 4 s of warm-up at 50/s, then 100/s open-loop for
 * 20 s and autocannon unthrottled with 10 and 50 connections for 10 s each.
 */
export async function measureBaseline(
  root: string,
  tmp: string,
  bodies: SubmitBodies,
  log: (m: string) => void,
): Promise<BaselineResult> {
  const databaseUrl = join(tmp, 'baseline.sqlite');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    DATABASE_URL: databaseUrl,
  };
  log('starting the baseline server…');
  const server = await startServer(root, env, 'bench/baseline/server.ts');
  const problems: string[] = [];
  try {
    const base = server.baseUrl;
    // The same request as the product's: a token and a claim (which the baseline ignores).
    const pool = new TokenPool(
      Array.from({ length: TOKENS }, () => ({
        token: randomBytes(32).toString('base64url'),
        claim: randomBytes(20).toString('base64url'),
      })),
    );
    const rowsPerSubmit = await checkRows(base, pool, bodies, databaseUrl);
    log('baseline: warming up (4 s at 50/s)…');
    await runPaced(base, pool, bodies, { label: 'warm-up', rate: 50, durationS: 4 });
    const runs: BaselineRun[] = [];
    const plan: (() => Promise<LoadResult>)[] = [
      () =>
        runPaced(base, pool, bodies, { label: '100/s, one every 10 ms', rate: 100, durationS: 20 }),
      ...[10, 50].map(
        (connections) => () =>
          runAutocannon(base, pool, bodies, {
            label: 'highest rate, autocannon',
            connections,
            durationS: 10,
          }),
      ),
    ];
    for (const run of plan) {
      try {
        await waitUntilIdle(base);
        runs.push(await withCpu(server, run));
        log(`baseline done: ${runs.at(-1)?.label} (${runs.at(-1)?.concurrency})`);
      } catch (err) {
        const exit = server.exitStatus();
        problems.push(
          `${exit ? `the baseline server exited (${exit})` : `the load generator failed (${String(err)})`}; ` +
            'the runs after it were not made',
        );
        break;
      }
    }
    const errors = server.stderrTail().trim();
    if (errors) problems.push(`it wrote to stderr: ${errors.slice(-300).replace(/\s+/g, ' ')}`);
    return { runs, rowsPerSubmit, problems };
  } finally {
    await server.stop();
  }
}

/** One submit, then the rows it wrote: those the product writes for the same body, or a throw. */
async function checkRows(base: string, pool: TokenPool, bodies: SubmitBodies, path: string) {
  const body = bodies.make();
  const link = pool.next();
  const res = await fetch(`${base}/api/s/${link.token}/submit`, {
    method: 'POST',
    headers: submitHeaders(link),
    body,
  });
  if (res.status !== 201)
    throw new Error(`the baseline answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const sent = JSON.parse(body) as {
    answers: unknown[];
    comments?: Record<string, string>;
    demographics?: Record<string, string>;
  };
  const expected = {
    submission: 1,
    answer: sent.answers.length,
    comment: Object.values(sent.comments ?? {}).filter((t) => t.trim() !== '').length,
    demographic: Object.values(sent.demographics ?? {}).filter((v) => v !== '').length,
  };
  const db = new SQLite(path, { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const rows = {
      submission: count('submission'),
      answer: count('answer'),
      comment: count('comment'),
      demographic: count('demographic'),
    };
    const wrong = (Object.keys(expected) as (keyof typeof expected)[]).filter(
      (k) => rows[k] !== expected[k],
    );
    if (wrong.length > 0)
      throw new Error(
        `one baseline submit wrote ${JSON.stringify(rows)}, the product writes ${JSON.stringify(expected)}`,
      );
    return rows;
  } finally {
    db.close();
  }
}

/** The run, with the CPU time the server (from its /api/health) and this process spent on it. */
async function withCpu(server: RunningServer, run: () => Promise<LoadResult>) {
  const serverBefore = await serverCpu(server.baseUrl);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wall = performance.now() - started;
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await serverCpu(server.baseUrl);
  const percent = (micros: number) => (micros / 1000 / wall) * 100;
  return {
    ...result,
    serverCpu:
      serverBefore === null || serverAfter === null ? null : percent(serverAfter - serverBefore),
    clientCpu: percent(client.user + client.system),
  };
}

async function serverCpu(base: string): Promise<number | null> {
  try {
    const res = await fetch(`${base}/api/health`);
    const { cpu } = (await res.json()) as { cpu?: { user: number; system: number } };
    return cpu ? cpu.user + cpu.system : null;
  } catch {
    return null;
  }
}
