import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { withDatabase } from '../test/postgres/global-setup';
import { startPostgres } from '../test/postgres/server';
import type { BaselineResult } from './baseline/measure';
import { type PgWaits, sampleWaits } from './pg-waits';
import { treeCpuMs } from './process-cpu';
import { freePort, type RunningServer, sleep, startServer } from './processes';
import { seedBenchCampaign } from './seed';
import {
  checkSubmits,
  fetchView,
  type LoadResult,
  runAutocannon,
  runPaced,
  type SubmitBodies,
  submitBodies,
  TokenPool,
  waitUntilIdle,
} from './submit-load';

/**
 * Issue #12, speed: the office leader's submit (180 answers) at the highest rate it is sustained
 * and at a steady 100/s, side by side in one run, on one process on SQLite, one process on
 * PostgreSQL and two processes on PostgreSQL (CLUSTER_WORKERS=2, as the README runs them), beside
 * the bare-insert baseline. PostgreSQL is started here (test/postgres/server.ts) with fsync and
 * synchronous commit on, as SQLite's synchronous=FULL: a 201 is on the disk. Each setup gets a
 * fresh database seeded with its own links, the same checks and the same runs.
 */
export interface ClusterSizes {
  /** Links seeded per setup: more than its runs can use. */
  links: number;
  /** Seconds of the steady 100/s run (open loop) and of the unthrottled one. */
  steadyS: number;
  highestS: number;
}
export const CLUSTER_SIZES: ClusterSizes = { links: 12_000, steadyS: 20, highestS: 15 };
export const CLUSTER_QUICK_SIZES: ClusterSizes = { links: 5_000, steadyS: 10, highestS: 8 };
/** Connections of the unthrottled run: at the per-process shedding limit, so none gets 503. */
export const HIGHEST_CONNECTIONS = 32;
/** The goal: two processes on PostgreSQL sustain this many times one process on SQLite. */
export const CLUSTER_GOAL = 1.5;

export interface ClusterSetup {
  label: string;
  /** The unthrottled run (autocannon), with the CPU each side spent (percent of one core). */
  highest: LoadResult & {
    cpu: { server: number; postgres: number | null; client: number };
    /** PostgreSQL's sessions meanwhile (bench/pg-waits.ts); not on SQLite. */
    waits?: PgWaits;
  };
  steady: LoadResult;
  /** What the server wrote to stderr beyond its start-up warning (of its last 4,000 characters). */
  serverErrors?: string;
}

export interface ClusterResult {
  sizes: ClusterSizes;
  answers: number;
  setups: (ClusterSetup | { label: string; problem: string })[];
  /** The baseline's runs (bench/baseline/), from this run of the benchmark. */
  baseline: { highest: LoadResult | undefined; steady: LoadResult | undefined } | string;
}

interface Options {
  root: string;
  tmp: string;
  sizes: ClusterSizes;
  log: (m: string) => void;
  /** The baseline measured elsewhere in this run, or a function measuring it with the bodies. */
  baseline: (bodies: SubmitBodies) => Promise<BaselineResult | string>;
  /** Only these setups ('sqlite', 'pg1', 'pg2'); all three when undefined. */
  only?: readonly string[];
}

export async function measureCluster(o: Options): Promise<ClusterResult> {
  o.log('cluster: starting PostgreSQL (fsync on)…');
  const postgres = await startPostgres({ durable: true });
  const setups: ClusterResult['setups'] = [];
  let bodies: SubmitBodies | undefined;
  try {
    const plans = [
      {
        key: 'sqlite',
        label: 'SQLite, 1 process',
        url: () => join(o.tmp, 'cluster.sqlite'),
        workers: 1,
      },
      {
        key: 'pg1',
        label: 'PostgreSQL, 1 process',
        url: () => database(postgres.url, 'bench_one'),
        workers: 1,
      },
      {
        key: 'pg2',
        label: 'PostgreSQL, 2 processes',
        url: () => database(postgres.url, 'bench_two'),
        workers: 2,
      },
    ].filter((p) => !o.only || o.only.includes(p.key));
    for (const { url, ...rest } of plans) {
      const plan = { ...rest, url: await url() };
      o.log(`cluster: ${plan.label}…`);
      try {
        const measured = await measureSetup(
          o,
          plan,
          plan.url.startsWith('postgres') ? postgres.pid() : null,
        );
        bodies ??= measured.bodies;
        setups.push(measured.setup);
      } catch (err) {
        o.log(`cluster: ${plan.label} not measured: ${String(err)}`);
        setups.push({
          label: plan.label,
          problem: err instanceof Error ? err.message : String(err),
        });
      }
    }
  } finally {
    postgres.stop();
  }
  const measured = bodies ? await o.baseline(bodies) : 'no setup gave a submit body to send';
  const baseline =
    typeof measured === 'string'
      ? measured
      : {
          steady: measured.runs.find(
            (r) => r.targetRps === 100 && r.concurrency.startsWith('open loop'),
          ),
          highest: measured.runs
            .filter((r) => r.targetRps === null)
            .reduce<LoadResult | undefined>(
              (x, r) => (x && x.ok / x.durationS >= r.ok / r.durationS ? x : r),
              undefined,
            ),
        };
  return { sizes: o.sizes, answers: bodies?.answers ?? 0, setups, baseline };
}

/** A new empty database on the benchmark's PostgreSQL; its URL. */
async function database(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

async function measureSetup(
  o: Options,
  plan: { label: string; url: string; workers: number },
  postmaster: number | null,
) {
  const secret = randomBytes(32).toString('base64url');
  const seeded = await seedBenchCampaign(plan.url, secret, o.sizes.links);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    DATABASE_URL: plan.url,
    APP_SECRET: secret,
    LOG_REQUESTS: '0',
    CLUSTER_WORKERS: String(plan.workers),
  };
  delete env.PUBLIC_URL;
  delete env.SECRET_FILE;
  const server = await startServer(o.root, env);
  try {
    await allListening(server, plan.workers);
    const base = server.baseUrl;
    const pool = new TokenPool(seeded.links);
    const first = pool.next();
    const view = await fetchView(base, first.token);
    const bodies = submitBodies(view);
    const problems = await checkSubmits(
      base,
      [{ token: first.token, claim: view.claim ?? null }, pool.next()],
      bodies,
    );
    if (problems.length > 0) throw new Error(`submits refused: ${problems.join('; ')}`);
    await runPaced(base, pool, bodies, { label: 'warm-up', rate: 50, durationS: 4 });
    await waitUntilIdle(base);
    const steady = await runPaced(base, pool, bodies, {
      label: '100/s, one every 10 ms',
      rate: 100,
      durationS: o.sizes.steadyS,
    });
    await waitUntilIdle(base);
    const serverBefore = treeCpuMs(server.pid);
    const postgresBefore = postmaster === null ? 0 : treeCpuMs(postmaster);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const sampling = postmaster === null ? undefined : sampleWaits(plan.url);
    const highest = await runAutocannon(base, pool, bodies, {
      label: 'highest rate, autocannon',
      connections: HIGHEST_CONNECTIONS,
      durationS: o.sizes.highestS,
    });
    const wall = performance.now() - started;
    const waits = await sampling?.stop();
    const client = process.cpuUsage(clientBefore);
    const percent = (ms: number) => (ms / wall) * 100;
    const cpu = {
      server: percent(treeCpuMs(server.pid) - serverBefore),
      postgres: postmaster === null ? null : percent(treeCpuMs(postmaster) - postgresBefore),
      client: percent((client.user + client.system) / 1000),
    };
    // Not the start's warning about PUBLIC_URL on localhost: what went wrong, if anything.
    const errors = server
      .stderrTail()
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('CẢNH BÁO'))
      .join('\n');
    if (errors)
      o.log(`cluster: ${plan.label}: the server wrote to stderr: ${errors.slice(0, 600)}`);
    const setup: ClusterSetup = {
      label: plan.label,
      highest: { ...highest, cpu, ...(waits ? { waits } : {}) },
      steady,
    };
    if (errors) setup.serverErrors = errors.slice(0, 300).replace(/\s+/g, ' ');
    return { bodies, setup };
  } finally {
    await server.stop();
  }
}

/** /api/health answers once one worker listens: wait for the primary to say all of them do. */
async function allListening(server: RunningServer, workers: number) {
  if (workers === 1) return;
  const deadline = Date.now() + 60_000;
  while (!server.outputTail().includes(`${workers} tiến trình`)) {
    if (Date.now() > deadline) throw new Error(`the ${workers} workers did not all start in 60 s`);
    await sleep(200);
  }
}
