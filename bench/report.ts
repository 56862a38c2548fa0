import { availableParallelism, cpus, loadavg, release, type } from 'node:os';
import {
  type Fetched,
  FIRST_LOAD_BUDGET_BYTES,
  type FirstLoad,
  type ResourceKind,
} from './first-load';
import { type LoadResult, SUBMIT_BUDGET_RPS, SUBMIT_P99_BUDGET_MS } from './submit-load';

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
  /** The survey's own data, fetched by the form's script once it runs (not in the budget). */
  apiView: Fetched | null;
  submitBody: { answers: number; bytes: number } | null;
  /** The runs, or why none ran. */
  submissions: LoadResult[] | string;
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
    '',
    ...firstLoadSection(r),
    '',
    ...submissionsSection(r),
    '',
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench   # about 2 minutes; rewrites BENCHMARKS.md',
    '```',
    '',
    'The script builds the client if dist/ is older than its sources, creates a SQLite file in a temp',
    'directory, runs `server/cli.ts demo` and `links` (through tsx) on it, adds a benchmark campaign of',
    "office leaders through the server's own functions, starts `server/main.ts` on a free port with",
    '`LOG_REQUESTS=0`, and measures against it on 127.0.0.1. The load generator runs on the same',
    'machine, so it shares the CPUs with the server.',
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
const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 10 ? n.toFixed(0) : n.toFixed(1));
const pathOf = (url: string) => new URL(url).pathname.replace(/^\/s\/[^/]+/, '/s/<token>');
