import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SurveyView } from '../contract/respondent';
import { measureBaseline } from './baseline/measure';
import { CLUSTER_QUICK_SIZES, CLUSTER_SIZES, measureCluster } from './cluster';
import { demoLinks, serverEnv } from './demo-links';
import { ensureClientBuilt, fetchResource, measureFirstLoad } from './first-load';
import { measurePeerComparison } from './peer/compare';
import {
  freePort,
  killAllChildrenNow,
  type RunningServer,
  runCommand,
  startServer,
  stopAllChildren,
} from './processes';
import { measureInProcessSubmit } from './profile-submit';
import { measureProvince } from './province';
import { PROVINCE_QUICK_SIZES, PROVINCE_SIZES, seedProvince } from './province-seed';
import { machine, type Report, renderReport } from './report';
import { measureRosterImport } from './roster';
import { measureScoring } from './scoring';
import { seedBenchCampaign } from './seed';
import { measureSipas, seedSipas } from './sipas';
import { measureSlips, seedSlipsCampaign } from './slips';
import { measureStorage } from './storage';
import {
  type BenchLink,
  checkSubmits,
  type LoadResult,
  runAutocannon,
  runPaced,
  type SubmitBodies,
  submitBodies,
  TokenPool,
  waitUntilIdle,
} from './submit-load';
import { measureUnderAttack, UNDER_ATTACK } from './under-attack';

const ROOT = resolve(import.meta.dirname, '..');
/** Links for every request of every run, with room to spare even at a few thousand submits/s. */
const PEOPLE = 20_000;
/** Connections of autocannon's 100/s run: each sends a tenth of every second's requests. */
const RATE_CONNECTIONS = 10;
/** In-process submits: measured ones, after the warm-up ones. */
const IN_PROCESS_SUBMITS = { warmup: 100, submits: 1000 };
/** Storage: submits per round and rounds of synchronous NORMAL vs FULL; answers rewritten at close. */
const STORAGE = { warmup: 50, submits: 500, rounds: 2, answers: [100_000, 1_000_000] };
/** Invitations on the printable QR slips page, and how many times it is asked for. */
const SLIPS = 1000;
const SLIPS_ROUNDS = 4;
/** Rows of the large roster, imported as .csv, then as .xlsx unless the .csv was too slow. */
const ROSTER_ROWS = 50_000;
const XLSX_UNLESS_CSV_TOOK_MS = 40_000;
/** Answers of the scoring campaigns. */
const SCORING_SIZES = [10_000, 100_000, 1_000_000];
/** The province section (issue #11); `BENCH_QUICK=1` shrinks it (bench/province-run.ts runs it alone). */
const QUICK = process.env.BENCH_QUICK === '1';
const PROVINCE = QUICK ? PROVINCE_QUICK_SIZES : PROVINCE_SIZES;

const log = (message: string) => console.error(`[bench] ${message}`);

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const removeTmp = () => rmSync(tmp, { recursive: true, force: true });
  // Whatever happens (Ctrl-C, a crash), no server is left running and no temp dir is left behind.
  process.on('exit', () => {
    killAllChildrenNow();
    removeTmp();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stopAllChildren().finally(() => process.exit(130)));
  }
  try {
    const report = await measure(tmp);
    const markdown = renderReport(report);
    writeFileSync(join(ROOT, 'BENCHMARKS.md'), markdown);
    console.log(markdown);
    log('wrote BENCHMARKS.md');
  } finally {
    await stopAllChildren();
    removeTmp();
  }
}

async function measure(tmp: string): Promise<Report> {
  const started = performance.now();
  const notes: string[] = [];
  const loads: Report['loads'] = [];
  const section = (name: string) => loads.push({ section: name, load: loadavg()[0] ?? 0 });
  log('building the client (skipped when dist/ is fresh)…');
  const buildProblem = await ensureClientBuilt(ROOT);
  const env = serverEnv(tmp, await freePort());
  log('creating the demo campaign with the CLI…');
  const [demoToken = '', ...freshDemoTokens] = await demoLinks(env);
  const benchLinks = await seed(env, notes);
  log(`adding a campaign of ${SLIPS.toLocaleString('en-US')} invitations for the QR slips…`);
  const officer = await attempt(() =>
    seedSlipsCampaign(env.DATABASE_URL as string, env.APP_SECRET as string, SLIPS),
  );
  log(
    `adding the province campaigns (${PROVINCE.invitations.toLocaleString('en-US')} invitations; ` +
      `${PROVINCE.forms.toLocaleString('en-US')} forms, closed and scored)…`,
  );
  const provinceSeed = await attempt(() =>
    seedProvince(env.DATABASE_URL as string, env.APP_SECRET as string, PROVINCE, log),
  );
  log('adding a SIPAS campaign with one collection point…');
  const sipasSeed = await attempt(() => seedSipas(env.DATABASE_URL as string));
  const host = machine(await commitOf());

  // In-process first, with no server running: nothing else of ours competes for the CPUs.
  log(
    `in-process submits (${IN_PROCESS_SUBMITS.submits} after ${IN_PROCESS_SUBMITS.warmup} warm-up)…`,
  );
  section('in-process submits');
  const inProcessSubmit = await attempt(() => measureInProcessSubmit(tmp, IN_PROCESS_SUBMITS));
  section('storage');
  const storage = await attempt(() => measureStorage(tmp, STORAGE, log));
  section('roster import');
  const roster = await attempt(() => measureRoster(tmp));
  section('scoring');
  const scoring = await attempt(() => measureScoring(tmp, SCORING_SIZES, log));

  log('starting the server…');
  const server = await startServer(ROOT, env);
  try {
    log('measuring the first load…');
    section('first load');
    const firstLoad = buildProblem ?? (await measureFirstLoad(server.baseUrl, demoToken));
    log('comparing the first load with SurveyJS (build, Lighthouse, screenshots)…');
    section('first load beside SurveyJS');
    const peer =
      buildProblem ??
      (await attempt(() =>
        measurePeerComparison({
          root: ROOT,
          tmp,
          baseUrl: server.baseUrl,
          token: demoToken,
          firstLoad: typeof firstLoad === 'string' ? undefined : firstLoad,
          freshTokens: freshDemoTokens,
          log,
        }),
      ));
    log('measuring the QR slips page…');
    section('slips');
    const slips =
      typeof officer === 'string'
        ? `the slips campaign could not be made: ${officer}`
        : await attempt(() => measureSlips(server.baseUrl, officer, SLIPS_ROUNDS));
    section('province');
    const province =
      typeof provinceSeed === 'string'
        ? `the province campaigns could not be made: ${provinceSeed}`
        : await attempt(() =>
            measureProvince({
              root: ROOT,
              tmp,
              baseUrl: server.baseUrl,
              // The server's PUBLIC_URL (unset: localhost): the console signs in from it.
              origin: `http://localhost:${env.PORT}`,
              seed: provinceSeed,
              quick: QUICK,
              log,
            }),
          );
    const pool = new TokenPool(benchLinks);
    // The first link is opened through the API, which claims it, as a phone's first open does.
    const viewLink = pool.next();
    const view = await fetchResource(`${server.baseUrl}/api/s/${viewLink.token}`, 'other');
    if (view.fetched.status !== 200) {
      throw new Error(`GET /api/s/<token> answered ${view.fetched.status}`);
    }
    const viewBody = JSON.parse(view.body.toString('utf8')) as SurveyView;
    const bodies = submitBodies(viewBody);
    const checkLinks = [{ token: viewLink.token, claim: viewBody.claim ?? null }, pool.next()];
    section('submissions');
    const submissions = await measureSubmissions(server, pool, bodies, checkLinks, notes);
    log('submits beside 200 slow clients and a sign-in flood…');
    section('under attack');
    const underAttack =
      pool.remaining < UNDER_ATTACK.rate * UNDER_ATTACK.durationS * 2 + 10
        ? 'not enough unused links left after the submission runs'
        : await attempt(() => measureUnderAttack(server.baseUrl, pool, bodies, UNDER_ATTACK, log));
    log('SIPAS poster answers, alone and during a stuffing attempt…');
    section('sipas');
    const sipas =
      typeof sipasSeed === 'string'
        ? `the SIPAS campaign could not be made: ${sipasSeed}`
        : await attempt(() =>
            measureSipas({
              root: ROOT,
              baseUrl: server.baseUrl,
              databaseUrl: env.DATABASE_URL as string,
              quick: process.env.BENCH_QUICK === '1',
              log,
            }),
          );
    const errors = server.stderrTail().trim();
    if (errors)
      notes.push(`The server wrote to stderr: \`${errors.slice(-500).replace(/\s+/g, ' ')}\``);
    notes.push(...methodNotes());
    // One server at a time on the 2 CPUs: the product stops before the baseline starts.
    await server.stop();
    section('baseline');
    const baseline = await attempt(() => measureBaseline(ROOT, tmp, bodies, log));
    // One process or two, SQLite or PostgreSQL (issue #12), beside the baseline just measured.
    section('several processes');
    const cluster = await attempt(() =>
      measureCluster({
        root: ROOT,
        tmp,
        sizes: QUICK ? CLUSTER_QUICK_SIZES : CLUSTER_SIZES,
        log,
        baseline: async () => baseline,
      }),
    );
    const submitBody = { answers: bodies.answers, bytes: bodies.bytes };
    return {
      machine: host,
      firstLoad,
      peer,
      apiView: view.fetched,
      submitBody,
      submissions,
      underAttack,
      sipas,
      baseline,
      cluster,
      inProcessSubmit,
      storage,
      slips,
      province,
      roster,
      scoring,
      loads,
      durationS: (performance.now() - started) / 1000,
      notes,
    };
  } finally {
    await server.stop();
  }
}

/** The measurement, or what stopped it: a benchmark reports, it never fails. */
async function attempt<T>(fn: () => Promise<T>): Promise<T | string> {
  try {
    return await fn();
  } catch (err) {
    log(`not measured: ${String(err)}`);
    return err instanceof Error ? err.message : String(err);
  }
}

/** The .csv, then the .xlsx unless the .csv alone already took most of the time it may. */
async function measureRoster(tmp: string): Promise<Report['roster']> {
  const runs = await measureRosterImport(tmp, ROSTER_ROWS, ['csv'], log);
  const skipped: string[] = [];
  const csv = runs[0];
  if (csv && csv.dryRunMs + csv.commitMs > XLSX_UNLESS_CSV_TOOK_MS) {
    skipped.push(
      `the .xlsx import, since the .csv dry run and commit already took ${(
        (csv.dryRunMs + csv.commitMs) / 1000
      ).toFixed(0)} s (more than ${XLSX_UNLESS_CSV_TOOK_MS / 1000} s)`,
    );
  } else {
    runs.push(...(await measureRosterImport(tmp, ROSTER_ROWS, ['xlsx'], log)));
  }
  return { rows: ROSTER_ROWS, runs, skipped };
}

/** The benchmark campaign's links, written into the database before the server opens it. */
async function seed(env: NodeJS.ProcessEnv, notes: string[]): Promise<BenchLink[]> {
  log(`adding ${PEOPLE.toLocaleString('en-US')} office leaders to a benchmark campaign…`);
  const seeded = await seedBenchCampaign(
    env.DATABASE_URL as string,
    env.APP_SECRET as string,
    PEOPLE,
  );
  notes.push(
    `Seeding ${PEOPLE.toLocaleString('en-US')} respondents: addRespondents took ` +
      `${seconds(seeded.addRespondentsMs)}, listLinks ${seconds(seeded.listLinksMs)}.`,
  );
  notes.push(
    `All but one of the links were then claimed in the database as a first open claims them ` +
      `(${seconds(seeded.claimMs)}); every submit carries its claim in X-Claim.`,
  );
  return seeded.links;
}

/** Checks that submits really succeed, then the runs: 50/s, 100/s two ways, then flat out. */
async function measureSubmissions(
  server: RunningServer,
  pool: TokenPool,
  bodies: SubmitBodies,
  checkLinks: BenchLink[],
  notes: string[],
): Promise<LoadResult[] | string> {
  const base = server.baseUrl;
  log('checking that submits succeed…');
  const problems = await checkSubmits(base, checkLinks, bodies);
  if (problems.length > 0) {
    return `the submits are refused, so there is nothing to measure: ${problems.join('; ')}`;
  }
  notes.push(
    'Before measuring: two fresh links answered 201 with a receipt, and their retries 200 with the same receipt.',
  );
  // JIT and SQLite's page cache: the first submits are slower than a campaign's day.
  log('warming up (4 s at 50/s)…');
  await runPaced(base, pool, bodies, { label: 'warm-up', rate: 50, durationS: 4 });

  const results: LoadResult[] = [];
  let stopped = false;
  const step = async (run: () => Promise<LoadResult>) => {
    if (stopped) return;
    const previous = results.at(-1);
    try {
      const waited = await waitUntilIdle(base);
      if (previous && waited > 1000) {
        notes.push(
          `After "${previous.label}" the server stayed busy ${seconds(waited)} more (queued requests).`,
        );
      }
      results.push(await run());
      log(`done: ${results.at(-1)?.label}`);
    } catch (err) {
      // A server that died is a finding: report the runs made, and what it said.
      stopped = true;
      const exit = server.exitStatus();
      const output = server.outputTail().trim().slice(-1500).replace(/\s+/g, ' ');
      const what = exit
        ? `**The server exited (${exit})**`
        : `The load generator failed (${String(err)})`;
      notes.push(
        `${what} during or after the run "${previous?.label ?? 'warm-up'}"; the runs after it were not made.` +
          (output ? ` Its last output: \`${output}\`` : ''),
      );
      log(`${what} — stopping the submission runs`);
    }
  };
  await step(() =>
    runPaced(base, pool, bodies, { label: '50/s, one every 20 ms', rate: 50, durationS: 10 }),
  );
  await step(() =>
    runPaced(base, pool, bodies, { label: '100/s, one every 10 ms', rate: 100, durationS: 20 }),
  );
  await step(() =>
    runAutocannon(base, pool, bodies, {
      label: '100/s, autocannon overallRate',
      connections: RATE_CONNECTIONS,
      overallRate: 100,
      durationS: 20,
    }),
  );
  for (const connections of [10, 50]) {
    await step(() =>
      runAutocannon(base, pool, bodies, {
        label: 'highest rate, autocannon',
        connections,
        durationS: 10,
      }),
    );
  }
  if (results.length === 0) return 'no run completed (see the notes)';
  notes.push(capacityNote(results));
  return results;
}

/** Whether 100/s is within what the server sustains: if not, the 100/s latencies are a queue's. */
function capacityNote(results: LoadResult[]): string {
  const best = Math.max(...results.filter((r) => r.targetRps === null).map((r) => r.achievedRps));
  return best >= 100
    ? `The server sustained up to ${best.toFixed(0)} submits/s unthrottled.`
    : `The server sustained at most ${best.toFixed(0)} submits/s unthrottled, less than 100/s: at 100/s ` +
        'requests queue up for as long as the run lasts, so those latencies measure the backlog, not a submit.';
}

function methodNotes(): string[] {
  return [
    'Each submit uses its own personal link and a fresh submissionId; links come from a benchmark ' +
      'campaign of office leaders (group LD_CQCM_HUYEN, unit PNV) created before the server starts. ' +
      'Measured after 200 warm-up submits.',
    '"One every 10 ms" is an open-loop run: a request is sent every 10 ms whatever the server does, ' +
      'and latency counts from when it was due, so a stall shows up in full (no coordinated omission).',
    `autocannon's overallRate limits each connection per second: each of the ${RATE_CONNECTIONS} ` +
      `connections sends its ${100 / RATE_CONNECTIONS} requests back to back at the start of every ` +
      `second, then waits: a burst of 100, ${RATE_CONNECTIONS} at a time, every second, harsher than ` +
      '100 respondents arriving independently, and only a ceiling: when the server is slower, the ' +
      'run is closed-loop. Its coordinated-omission correction is off: it takes 1/rate seconds as 1 ms.',
    'autocannon records latency in whole milliseconds.',
  ];
}

/** The server's environment: a file database in the temp dir, a fresh secret, quiet logs. */
async function commitOf(): Promise<string> {
  const head = await runCommand('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT });
  const status = await runCommand('git', ['status', '--porcelain'], { cwd: ROOT });
  if (head.code !== 0) return 'unknown';
  return `${head.stdout.trim()}${status.stdout.trim() ? ' with uncommitted changes' : ''}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
