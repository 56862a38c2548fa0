import { availableParallelism, cpus, loadavg, release, type } from 'node:os';
import type { BaselineResult } from './baseline/measure';
import { baselineSection } from './baseline/report';
import type { ClusterResult } from './cluster';
import { clusterSection } from './cluster-report';
import {
  type Fetched,
  FIRST_LOAD_BUDGET_BYTES,
  type FirstLoad,
  type ResourceKind,
} from './first-load';
import type { PeerComparison } from './peer/compare';
import { peerSection } from './peer/report';
import type { InProcessSubmit } from './profile-submit';
import type { ProvinceResult } from './province';
import { provinceSection } from './province-report';
import type { RosterRun } from './roster';
import type { ScoringResult, ScoringSize } from './scoring';
import { type SipasBench, sipasSection } from './sipas';
import type { SlipsResult } from './slips';
import type { StorageResult } from './storage';
import { type LoadResult, SUBMIT_BUDGET_RPS, SUBMIT_P99_BUDGET_MS } from './submit-load';
import type { UnderAttack } from './under-attack';
import { exportsSection } from './xlsx-export';

export interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  os: string;
  node: string;
  commit: string;
  /** Other work on the machine skews the numbers: the 1-minute load average when measuring began. */
  loadAverage: number;
}

export function machine(commit: string): Machine {
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown CPU',
    os: `${type()} ${release()}`,
    node: process.version,
    commit,
    loadAverage: loadavg()[0] ?? 0,
  };
}

export interface Report {
  machine: Machine;
  /** The measured load, or why it could not be measured. */
  firstLoad: FirstLoad | string;
  /** The same first load beside SurveyJS rendering the same questionnaire (bench/peer/). */
  peer?: PeerComparison | string;
  /** The survey's own data, fetched by the form's script once it runs (not in the budget). */
  apiView: Fetched | null;
  submitBody: { answers: number; bytes: number } | null;
  /** The runs, or why none ran. */
  submissions: LoadResult[] | string;
  /** The same submits at a steady rate, alone and beside slow clients and a sign-in flood. */
  underAttack?: UnderAttack | string;
  /** SIPAS poster answers at 50/s, alone and during a stuffing attempt (bench/sipas.ts). */
  sipas?: SipasBench | string;
  /** The same submission runs against bench/baseline/server.ts (parse + insert only). */
  baseline?: BaselineResult | string;
  /** One process on SQLite, one and two on PostgreSQL, beside the baseline (bench/cluster.ts). */
  cluster?: ClusterResult | string;
  /** Each of these: the measurement, or why it could not be made. */
  inProcessSubmit: InProcessSubmit | string;
  /** synchronous NORMAL vs FULL, the rewrite at close, backups (bench/storage.ts). */
  storage?: StorageResult | string;
  slips: SlipsResult | string;
  /** The province campaign of 2026 (bench/province.ts): console and respondent against budgets. */
  province?: ProvinceResult | string;
  roster: { rows: number; runs: RosterRun[]; skipped: string[] } | string;
  scoring: ScoringResult | string;
  /** The 1-minute load average when each section began: other work skews its numbers. */
  loads: { section: string; load: number }[];
  /** The whole benchmark, wall clock. */
  durationS: number;
  notes: string[];
}

export function renderReport(r: Report): string {
  return [
    '# Benchmarks',
    '',
    '_Written by `npm run bench` (bench/run.ts); numbers are from the last run. Benchmarks report, they never fail._',
    '',
    `Machine: ${r.machine.nproc} CPUs (${r.machine.cpu}), ${r.machine.os}, Node ${r.machine.node}. ` +
      `Run on ${r.machine.date}, commit ${r.machine.commit}; load average ${r.machine.loadAverage.toFixed(2)} ` +
      'when measuring began.',
    // The 1-minute load average trails: the benchmark's own previous section (a million rows
    // seeded, a child process exporting) shows in it for a minute. A quarter of the CPU count
    // above it tells another program apart from that echo.
    ...(Math.max(r.machine.loadAverage, ...r.loads.map((l) => l.load)) > r.machine.nproc * 1.25
      ? [
          '',
          '**Other work kept the machine busy during this run (load average well above its CPU count, ' +
            'see the notes): every timing below is inflated, by how much varies from section to section.**',
        ]
      : []),
    '',
    ...firstLoadSection(r),
    '',
    ...(r.peer === undefined ? [] : [...peerSection(r.peer), '']),
    ...submissionsSection(r),
    '',
    ...(r.underAttack === undefined ? [] : [...underAttackSection(r.underAttack), '']),
    ...(r.sipas === undefined
      ? []
      : typeof r.sipas === 'string'
        ? ['## SIPAS poster answers (issue #14)', '', `Not measured: ${r.sipas}`, '']
        : [...sipasSection(r.sipas), '']),
    ...(r.baseline === undefined ? [] : [...baselineSection(r.submissions, r.baseline), '']),
    ...(r.cluster === undefined ? [] : [...clusterSection(r.cluster), '']),
    ...inProcessSubmitSection(r),
    '',
    ...(r.storage === undefined ? [] : [...storageSection(r.storage), '']),
    ...slipsSection(r),
    '',
    ...(r.province === undefined
      ? []
      : [
          ...provinceSection(r.province, {
            slips: r.slips,
            firstLoad: r.firstLoad,
            apiView: r.apiView,
            peer: r.peer,
          }),
          '',
        ]),
    ...rosterSection(r),
    '',
    ...scoringSection(r),
    '',
    ...(typeof r.scoring === 'string' || r.scoring.exports === undefined
      ? []
      : [...exportsSection(r.scoring.exports), '']),
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${n}`),
    `- The whole benchmark took ${(r.durationS / 60).toFixed(1)} min. Load average (1 min) when each ` +
      `section began: ${r.loads.map((l) => `${l.section} ${l.load.toFixed(2)}`).join(', ')}.`,
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench   # about 20 minutes on 2 CPUs; rewrites BENCHMARKS.md',
    'npx tsx bench/profile-submit.ts 1000   # the in-process submit cost alone',
    'npx tsx bench/province-run.ts          # the province section alone (BENCH_QUICK=1: small sizes)',
    'npx tsx bench/sipas-run.ts             # the SIPAS section alone (BENCH_QUICK=1: short runs)',
    '```',
    '',
    'The script builds the client if dist/ is older than its sources, creates a SQLite file in a temp',
    'directory, runs `server/cli.ts demo` and `links` (through tsx) on it, adds a benchmark campaign of',
    "office leaders and one of 1,000 invitations with an officer account through the server's own",
    'functions, and the two province campaigns (5,000 invitations; 3,000 forms, closed and scored)',
    'with an officer and an analyst. Then, with no server running, it measures in-process on file',
    'databases of their own in the same temp directory: submits through `app.request()`, roster imports with `importRoster`,',
    'and scoring. Last it starts `server/main.ts` on a free port with `LOG_REQUESTS=0` and measures',
    'the first load, the slips page, the province section (the console API, the console in Chromium,',
    "a delegate's form) and the submissions against it on 127.0.0.1. The load generator",
    'runs on the same machine, so it shares the CPUs with the server. The temp directory is removed',
    'at the end.',
    '',
  ].join('\n');
}

function firstLoadSection(r: Report): string[] {
  const head = ["## Respondent's first load: `GET /s/<token>` with `Accept-Encoding: gzip`", ''];
  if (typeof r.firstLoad === 'string') return [...head, `Not measured: ${r.firstLoad}`];
  const rows = (['html', 'js', 'css', 'other'] as ResourceKind[]).map((kind) => {
    const of = (r.firstLoad as FirstLoad).resources.filter((f) => f.kind === kind);
    return [
      kind.toUpperCase(),
      String(of.length),
      bytes(sum(of, 'wireBytes')),
      bytes(sum(of, 'rawBytes')),
    ];
  });
  const all = r.firstLoad.resources;
  const total = sum(all, 'wireBytes');
  const verdict =
    total <= FIRST_LOAD_BUDGET_BYTES
      ? `within budget (${pct(total / FIRST_LOAD_BUDGET_BYTES)} of it)`
      : `**over budget** by ${bytes(total - FIRST_LOAD_BUDGET_BYTES)}`;
  const lines = [
    ...head,
    ...table(
      ['Resource', 'Files', 'Transferred (gzip)', 'Raw'],
      [
        ...rows,
        ['**Total**', String(all.length), `**${bytes(total)}**`, bytes(sum(all, 'rawBytes'))],
      ],
    ),
    '',
    `Budget: at most ${bytes(FIRST_LOAD_BUDGET_BYTES)} transferred (response bodies): ${verdict}.`,
    `Response headers add ${bytes(sum(all, 'headerBytes'))} more, not counted in the budget.`,
    r.firstLoad.claim
      ? 'The page is that of a link never opened, as a browser opens it: it carries the welcome ' +
        "(drawn, and as data with the claim) and the form's stylesheet inline, so nothing waits " +
        'before the first screen paints (issue #13.8).'
      : '**The page carried no first screen** (the link was opened before, or the server did not ' +
        'give one): the welcome waits for the script and the API.',
  ];
  const plain = all.filter((f) => !f.gzipped && f.rawBytes >= 1024);
  if (plain.length > 0)
    lines.push(`Sent without gzip: ${plain.map((f) => pathOf(f.url)).join(', ')}.`);
  if (r.firstLoad.missing.length > 0) lines.push(`Not found: ${r.firstLoad.missing.join(', ')}.`);
  if (r.apiView) {
    lines.push(
      `Then the form fetches \`GET /api/s/<token>\` (an office leader's survey): ${bytes(r.apiView.wireBytes)} ` +
        `transferred, ${bytes(r.apiView.rawBytes)} raw${r.apiView.gzipped ? '' : ', not gzipped'}; not in the budget.`,
    );
  }
  return lines;
}

function submissionsSection(r: Report): string[] {
  const body = r.submitBody
    ? ` (${r.submitBody.answers} answers, ${bytes(r.submitBody.bytes)} body)`
    : '';
  const head = [`## Submissions of an office leader (LD_CQCM_HUYEN: P02 + P05)${body}`, ''];
  if (typeof r.submissions === 'string') return [...head, `Not measured: ${r.submissions}`];
  const rows = r.submissions.map((s) => [
    s.label,
    s.concurrency,
    s.targetRps === null ? 'unthrottled' : `${s.targetRps}/s`,
    `${s.achievedRps.toFixed(0)}/s`,
    String(s.ok),
    String(s.non2xx),
    String(s.errors),
    ms(s.p50),
    ms(s.p975),
    ms(s.p99),
    ms(s.max),
  ]);
  const lines = [
    ...head,
    ...table(
      [
        'Run',
        'Concurrency',
        'Target',
        'Achieved',
        '2xx',
        'non-2xx',
        'Errors',
        'p50',
        'p97.5',
        'p99',
        'max',
      ],
      rows,
    ),
    '',
    'Latencies in ms, over the 2xx responses; "Achieved" counts every response over the run\'s duration.',
  ];
  lines.push('', `Budget: at 100/s, p99 < ${SUBMIT_P99_BUDGET_MS} ms and no failures.`);
  for (const s of r.submissions.filter((x) => x.targetRps === SUBMIT_BUDGET_RPS)) {
    // A rate limit is a ceiling: a run that did not reach 100/s says nothing of 100/s.
    const reached = s.achievedRps >= 0.95 * SUBMIT_BUDGET_RPS;
    const ok = reached && s.p99 < SUBMIT_P99_BUDGET_MS && s.non2xx === 0 && s.errors === 0;
    lines.push(
      `- ${s.label}: ${s.achievedRps.toFixed(0)}/s achieved, p99 ${ms(s.p99)} ms, ${s.non2xx + s.errors} failed: ` +
        `${ok ? 'within budget' : '**over budget**'}.`,
    );
  }
  return lines;
}

function underAttackSection(u: UnderAttack | string): string[] {
  const head = ['## Submissions beside slow clients and a sign-in flood', ''];
  if (typeof u === 'string') return [...head, `Not measured: ${u}`];
  const row = (s: LoadResult) => [
    s.label,
    `${s.achievedRps.toFixed(0)}/s`,
    String(s.ok),
    String(s.non2xx + s.errors),
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
  ];
  const statuses = Object.entries(u.logins.byStatus)
    .map(([status, n]) => `${n.toLocaleString('en-US')} × ${status}`)
    .join(', ');
  return [
    ...head,
    `Office leaders submit at ${u.rate}/s (open loop) for ${u.durationS} s alone, then for ${u.durationS} s while ` +
      `${u.slow.clients} slow clients trickle headers or a submit body a byte every 500 ms (reconnecting when ` +
      `the server cuts them off) and ${u.logins.workers} loops send wrong passwords as fast as they are answered.`,
    '',
    ...table(
      ['Run', 'Achieved', '2xx', 'failed', 'p50', 'p99', 'max'],
      [row(u.quiet), row(u.attacked)],
    ),
    '',
    `Slow clients: ${u.slow.connections.toLocaleString('en-US')} connections opened, ${u.slow.cutOff.toLocaleString('en-US')} ` +
      `cut off by the server's timeouts. Sign-in flood: ${u.logins.sent.toLocaleString('en-US')} sign-ins ` +
      `(${u.logins.perSecond.toFixed(0)}/s): ${statuses} (401 evaluated and wrong, 429 proof of work required, ` +
      '503 hashing queue full).',
  ];
}

function inProcessSubmitSection(r: Report): string[] {
  const head = ['## In-process submit cost: `app.request()`, no HTTP, file database', ''];
  const s = r.inProcessSubmit;
  if (typeof s === 'string') return [...head, `Not measured: ${s}`];
  const lines = [
    ...head,
    ...table(
      ['Submits', 'Warm-up', 'Answers', 'Body', 'mean', 'p50', 'p99', 'max', 'One core at most'],
      [
        [
          s.submits.toLocaleString('en-US'),
          String(s.warmup),
          String(s.answers),
          bytes(s.bodyBytes),
          ms2(s.mean),
          ms2(s.p50),
          ms2(s.p99),
          ms2(s.max),
          `${(1000 / s.mean).toFixed(0)} submits/s`,
        ],
      ],
    ),
    '',
    'Milliseconds per office-leader submit (the body the HTTP runs send), one after the other, each on ' +
      'its own link, in the benchmark process (bench/profile-submit.ts). "One core at most" is 1000 / mean: ' +
      'the server is one Node process, so this bounds what it can sustain, before HTTP and the load ' +
      'generator take their share.',
  ];
  if (Array.isArray(r.submissions)) {
    const best = Math.max(
      ...r.submissions.filter((x) => x.targetRps === null).map((x) => x.achievedRps),
    );
    lines.push(
      `Over HTTP the server sustained at most ${best.toFixed(0)}/s (above), ` +
        `${pct(best / (1000 / s.mean))} of this in-process ceiling.`,
    );
  }
  return lines;
}

export function storageSection(s: StorageResult | string): string[] {
  const head = ['## Storage: a durable commit, the rewrite at close, backups (file databases)', ''];
  if (typeof s === 'string') return [...head, `Not measured: ${s}`];
  const median = (xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    const m = Math.floor(v.length / 2);
    return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
  };
  const rows = (['NORMAL', 'FULL'] as const).map((mode) => {
    const runs = s.sync.filter((x) => x.synchronous === mode).map((x) => x.result);
    return {
      mode,
      runs,
      mean: median(runs.map((r) => r.mean)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      max: Math.max(...runs.map((r) => r.max)),
    };
  });
  const [normal, full] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const lines = [
    ...head,
    `In-process office-leader submits (as in the section above), \`PRAGMA synchronous\` NORMAL and FULL ` +
      `in alternating rounds in this one run, each round on a fresh file database; medians over the ` +
      `rounds (ms per submit). The product uses ${s.product}.`,
    '',
    ...table(
      ['synchronous', 'Rounds × submits', 'mean', 'p50', 'p99', 'max', 'One core at most'],
      rows.map((r) => [
        r.mode === s.product ? `${r.mode} (product)` : r.mode,
        `${r.runs.length} × ${(r.runs[0]?.submits ?? 0).toLocaleString('en-US')}`,
        ms2(r.mean),
        ms2(r.p50),
        ms2(r.p99),
        ms2(r.max),
        `${(1000 / r.mean).toFixed(0)} submits/s`,
      ]),
    ),
    '',
    `FULL costs ${ms2(full.mean - normal.mean)} ms a submit on the mean ` +
      `(${pct((full.mean - normal.mean) / normal.mean)}), ${ms2(full.p99 - normal.p99)} ms at p99: ` +
      'one fsync of the WAL per commit. NORMAL fsyncs only at checkpoints, so a power cut can take ' +
      'back commits already answered 201, after which the phone has forgotten its copy. What an ' +
      'fsync costs depends on the disk (and on whether it honours it): measure on the server itself.',
  ];
  if (s.rewrite.length > 0) {
    lines.push(
      '',
      'The rewrite at close (server/db/rewrite.ts: VACUUM, then a TRUNCATE checkpoint) copies the ' +
        "whole file in key order; the server's one connection waits meanwhile. The backup of the " +
        'same file as `npm run cli -- backup` makes it (VACUUM INTO, integrity_check, fsync; the ' +
        'CLI runs it in its own process, so the server does not wait for it):',
      '',
      ...table(
        ['Answers', 'Forms', 'File', 'Rewrite at close', 'Backup', 'Backup file'],
        s.rewrite.map((x) => [
          x.answers.toLocaleString('en-US'),
          x.forms.toLocaleString('en-US'),
          `${(x.fileBytes / 1_048_576).toFixed(1)} MB`,
          `${seconds(x.rewriteMs)} s${x.checkpointed ? '' : ' (checkpoint pending)'}`,
          `${seconds(x.backupMs)} s`,
          `${(x.backupBytes / 1_048_576).toFixed(1)} MB`,
        ]),
      ),
    );
  }
  return lines;
}

function slipsSection(r: Report): string[] {
  const s = r.slips;
  const head = [
    `## QR slips page: \`GET /api/campaigns/{id}/slips\`${typeof s === 'string' ? '' : `, ${s.slips.toLocaleString('en-US')} invitations`}`,
    '',
  ];
  if (typeof s === 'string') return [...head, `Not measured: ${s}`];
  return [
    ...head,
    ...table(
      [
        'Slips',
        'First request',
        `Median of next ${s.rounds - 1}`,
        'Fastest',
        'Raw',
        s.gzipped ? 'Transferred (gzip)' : 'Transferred',
      ],
      [
        [
          s.slips.toLocaleString('en-US'),
          `${ms(s.firstMs)} ms`,
          `${ms(s.medianMs)} ms`,
          `${ms(s.minMs)} ms`,
          bytes(s.rawBytes),
          bytes(s.wireBytes),
        ],
      ],
    ),
    '',
    'Through the running server, signed in as an officer (POST /api/auth/login, then the cookie and ' +
      'X-CSRF-Token), with `Accept-Encoding: gzip`; time until the whole body has arrived. ' +
      `${s.gzipped ? '' : `**The server sent the page without gzip** (gzipped here: ${bytes(s.localGzipBytes)}). `}` +
      `Per slip: ${bytes(Math.round(s.rawBytes / Math.max(1, s.slips)))} raw, ` +
      `${bytes(Math.round(s.wireBytes / Math.max(1, s.slips)))} transferred.`,
    `The ${s.slips.toLocaleString('en-US')} QR codes alone (qrSvg of server/invitations/qr.ts: the ` +
      `code and its SVG path, run in the benchmark process): ${ms(s.qrMs)} ms, ` +
      `${pct(s.qrMs / s.medianMs)} of the median request.`,
  ];
}

function rosterSection(r: Report): string[] {
  const x = r.roster;
  const head = [
    `## Roster import${typeof x === 'string' ? '' : ` of ${x.rows.toLocaleString('en-US')} rows`}: \`importRoster\` in-process, file database`,
    '',
  ];
  if (typeof x === 'string') return [...head, `Not measured: ${x}`];
  const lines = [
    ...head,
    ...table(
      [
        'File',
        'Size',
        'Making the file',
        'Dry run',
        'Commit',
        'Again, unchanged',
        'Commit per 1,000 rows',
      ],
      x.runs.map((run) => [
        `.${run.format}`,
        bytes(run.fileBytes),
        `${seconds(run.makeMs)} s`,
        `${seconds(run.dryRunMs)} s`,
        `${seconds(run.commitMs)} s${run.committed ? '' : ' (**not committed**)'}`,
        `${seconds(run.reimportMs)} s`,
        `${ms(run.commitMs / (run.rows / 1000))} ms`,
      ]),
    ),
    '',
    'Rows made as test/server/roster/large.test.ts makes them: distinct people over every group and ' +
      'unit, group and unit names typed in varying ways. Each format goes into an empty campaign of its ' +
      'own database. The dry run reads, checks and plans every row and writes nothing; the commit does ' +
      'it all again and writes a respondent and an invitation (token, short code) per row in one ' +
      'transaction; "again" imports the same file once more (every row unchanged). ' +
      '"Making the file" is the benchmark writing it (exceljs for the .xlsx), not part of the import.',
  ];
  for (const s of x.skipped) lines.push(`Skipped: ${s}.`);
  return lines;
}

function scoringSection(r: Report): string[] {
  const head = ['## Scoring: the tallies against the recount over raw answers', ''];
  const x = r.scoring;
  if (typeof x === 'string') return [...head, `Not measured: ${x}`];
  const rows = x.sizes.map((s) => [
    s.label,
    `${s.answers.toLocaleString('en-US')} (${s.forms.toLocaleString('en-US')} forms)`,
    `${seconds(s.seedMs)} s`,
    `${ms(s.loadCounts.median)} + ${ms(s.scoreUnits.median)} = ${ms(s.scoring)}`,
    `${ms(s.recountAnswers.median)} + ${ms(s.recountForms.median)} = ${ms(s.recount)}`,
    ms(s.bareGroupBy.median),
    ratio(s.scoring / s.bareGroupBy.median),
    ratio(s.recount / s.bareGroupBy.median),
    s.countsAgree ? 'yes' : '**no**',
  ]);
  const alone = x.sizes.filter((s) => s.tableAnswers === s.answers);
  const lines = [
    ...head,
    ...table(
      [
        'Campaign',
        'Answers',
        'Seeding',
        '(a) loadCounts + scoreUnits',
        '(b) recountAnswers + recountForms',
        '(c) bare GROUP BY',
        '(a)/(c)',
        '(b)/(c)',
        'Same counts',
      ],
      rows,
    ),
    '',
    'Milliseconds, medians of 5 runs (2 at 1M answers) after a warm-up run, the measurements taking ' +
      'turns. (a) is what a scoring run reads and computes: the running tallies (' +
      `${x.sizes[0]?.answerTallyRows.toLocaleString('en-US') ?? '?'}–${Math.max(...x.sizes.map((s) => s.answerTallyRows)).toLocaleString('en-US')} answer-tally rows, ` +
      `${x.sizes[0]?.formTallyRows ?? '?'} form-tally rows) and scoreUnits over them. (b) recomputes the ` +
      'same counts from the raw answers (GROUP BY, through Kysely). (c) is ' +
      '`SELECT unit_code, questionnaire_id, question_id, group_code, option, count(*) FROM answer ' +
      'WHERE campaign_id = ? GROUP BY …` in better-sqlite3, the SQL of recountAnswers without Kysely. ' +
      '"Same counts": the tallies and the recount agree.',
    '',
    'Growth (time × for answers ×):',
    ...growth(alone),
  ];
  const beside = x.sizes.find((s) => s.tableAnswers > s.answers);
  const small = x.sizes.find((s) => s.answers === beside?.answers && s.tableAnswers === s.answers);
  if (beside && small) {
    lines.push(
      '',
      `"${beside.label}": the ${small.label} campaign again, in the database that holds the ` +
        `${(beside.tableAnswers - beside.answers).toLocaleString('en-US')} answers of the large one. ` +
        `SQLite's plan for (c) is "${beside.plan}": the answer table has no index starting with ` +
        "campaign_id (its key starts with submission_id), so the recount reads every campaign's " +
        `answers: (b) takes ${ratio(beside.recount / small.recount)} as long as alone, (c) ` +
        `${ratio(beside.bareGroupBy.median / small.bareGroupBy.median)}, and (a), which reads ` +
        `the tallies by their key, ${ratio(beside.scoring / small.scoring)}.`,
    );
  }
  lines.push(
    '',
    'Seeding (not measured as the application does it): submissions, answers and both tallies ' +
      'written by the benchmark with prepared better-sqlite3 statements in one transaction, the ' +
      'tallies summed in memory as addToTallies would (so "Same counts" also checks the seeding), ' +
      "each submission's content hash made as insertAnonymousForm makes it. " +
      'Forms cycle through the four groups (176, 180, 22 and 20 answers each), options mostly A–B, ' +
      'one in eleven E; each size alone in its own database file.',
  );
  for (const s of x.skipped) lines.push(`Skipped: ${s}.`);
  return lines;
}

/** Between consecutive sizes: how much longer each measurement took for how many more answers. */
function growth(sizes: ScoringSize[]): string[] {
  const measures: [string, (s: ScoringSize) => number][] = [
    ['(a) loadCounts + scoreUnits', (s) => s.scoring],
    ['(b) recountAnswers + recountForms', (s) => s.recount],
    ['    recountAnswers', (s) => s.recountAnswers.median],
    ['    recountForms', (s) => s.recountForms.median],
    ['(c) bare GROUP BY', (s) => s.bareGroupBy.median],
  ];
  return measures.map(([label, of]) => {
    const steps = sizes.slice(1).map((s, i) => {
      const prev = sizes[i] as ScoringSize;
      const n = s.answers / prev.answers;
      const t = of(s) / of(prev);
      return `${prev.label} → ${s.label}: ×${t.toFixed(1)} for ×${n.toFixed(1)} (${shape(t, n)})`;
    });
    return `- ${label.trim()}: ${steps.join('; ')}.`;
  });
}

/** Linear when the time grows by the answers' factor, within half of it either way (log scale). */
function shape(t: number, n: number): string {
  const exponent = Math.log(t) / Math.log(n);
  if (exponent < 0.25) return 'flat';
  if (exponent < 0.8) return 'less than linear';
  if (exponent <= 1.15) return 'about linear';
  return 'faster than linear';
}

/** A Markdown table padded so that it also reads well in a terminal. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
}

const sum = (items: Fetched[], key: 'wireBytes' | 'rawBytes' | 'headerBytes') =>
  items.reduce((n, f) => n + f[key], 0);
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const ms2 = (n: number) => n.toFixed(2);
const seconds = (n: number) => (n / 1000).toFixed(n < 10_000 ? 2 : 1);
const ratio = (x: number) => `×${x < 10 ? x.toFixed(2) : x.toFixed(0)}`;
const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 10 ? n.toFixed(0) : n.toFixed(1));
const pathOf = (url: string) => new URL(url).pathname.replace(/^\/s\/[^/]+/, '/s/<token>');
