import {
  CLUSTER_GOAL,
  type ClusterResult,
  type ClusterSetup,
  HIGHEST_CONNECTIONS,
} from './cluster';
import { table } from './report';
import type { LoadResult } from './submit-load';

const P99_GOAL_MS = 100;
const sustained = (r: LoadResult) => r.ok / r.durationS;
const ms = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? '–' : n >= 10 ? n.toFixed(0) : n.toFixed(1);
const latency = (r: LoadResult | undefined) =>
  r ? `${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.max)}` : '–';
const refused = (r: LoadResult | undefined) => (r ? `${r.non2xx + r.errors}` : '–');
const cores = (n: number | null) => (n === null ? '–' : `${n.toFixed(0)} %`);

/** The BENCHMARKS.md section of bench/cluster.ts: one process or two, SQLite or PostgreSQL. */
export function clusterSection(result: ClusterResult | string | undefined): string[] {
  if (result === undefined) return [];
  const head = [
    '## Several processes: submits on SQLite, on PostgreSQL, on two PostgreSQL processes',
    '',
  ];
  if (typeof result === 'string') return [...head, `Not measured: ${result}`];
  const measured = result.setups.filter((s): s is ClusterSetup => 'highest' in s);
  const rows = result.setups.map((s) =>
    'highest' in s
      ? [
          s.label,
          `${sustained(s.highest).toFixed(0)}/s`,
          latency(s.highest),
          refused(s.highest),
          `${cores(s.highest.cpu.server)} / ${cores(s.highest.cpu.postgres)} / ${cores(s.highest.cpu.client)}`,
          latency(s.steady),
          refused(s.steady),
        ]
      : [s.label, `not measured: ${s.problem}`, '', '', '', '', ''],
  );
  if (typeof result.baseline !== 'string') {
    const { highest, steady } = result.baseline;
    rows.push([
      'baseline (parse + insert, SQLite)',
      highest ? `${sustained(highest).toFixed(0)}/s` : '–',
      latency(highest),
      refused(highest),
      '–',
      latency(steady),
      refused(steady),
    ]);
  }
  const sqlite = measured.find((s) => s.label.startsWith('SQLite'));
  const two = measured.find((s) => s.label === 'PostgreSQL, 2 processes');
  const lines = [
    ...head,
    `The office leader's submit (${result.answers} answers), each on its own link, side by side in ` +
      `one run: the highest rate sustained (autocannon, ${HIGHEST_CONNECTIONS} connections, ` +
      `${result.sizes.highestS} s, successful submits a second) and a steady 100/s (open loop, ` +
      `${result.sizes.steadyS} s). PostgreSQL 15 on the same machine and disk, fsync and ` +
      "synchronous commit on (a 201 is on the disk, as SQLite's synchronous=FULL); two processes: " +
      '`CLUSTER_WORKERS=2` (Node\'s cluster, README "Hai tiến trình máy chủ"). A fresh database per ' +
      'setup; milliseconds.',
    '',
    ...table(
      [
        'setup',
        'highest sustained',
        'p50 / p99 / max there',
        'refused',
        'CPU there: server / PostgreSQL / load generator',
        '100/s: p50 / p99 / max',
        'refused at 100/s',
      ],
      rows,
    ),
    '',
    "CPU is a percent of one core over the unthrottled run (the machine has two): the server's " +
      "processes (the cluster's primary and workers together), PostgreSQL's, and the benchmark's " +
      'own (the load generator). "Refused": non-2xx answers and connection errors.',
  ];
  for (const s of measured)
    if (s.serverErrors)
      lines.push('', `${s.label}: the server wrote to stderr: \`${s.serverErrors}\``);
  if (sqlite && two) {
    const ratio = sustained(two.highest) / sustained(sqlite.highest);
    const p99 = two.steady.p99;
    lines.push(
      '',
      `- **Goal: two processes on PostgreSQL sustain ×${CLUSTER_GOAL} one process on SQLite: ` +
        `×${ratio.toFixed(2)}, ${ratio >= CLUSTER_GOAL ? 'met' : 'not met'}.**`,
      `- **Goal: p99 ≤ ${P99_GOAL_MS} ms at 100/s on two processes on PostgreSQL: ${ms(p99)} ms, ` +
        `${p99 <= P99_GOAL_MS ? 'met' : 'not met'}.**`,
    );
    const c = two.highest.cpu;
    const total = c.server + (c.postgres ?? 0) + c.client;
    lines.push(
      `- Where the time goes at two processes' highest rate: ${total.toFixed(0)} % of one core in ` +
        `all (the machine has 200 %): the two server processes ${c.server.toFixed(0)} %, ` +
        `PostgreSQL ${cores(c.postgres)}, the load generator ${c.client.toFixed(0)} %. ` +
        (total >= 170
          ? 'The CPUs are full: a second process can only take what PostgreSQL and the load ' +
            'generator leave, so on two cores it cannot double the rate; more cores (or the load ' +
            'generator on another machine) would.'
          : "The CPUs are not full: the rest is waiting (the disk's fsync per commit, locks, or " +
            'other programs on the machine).'),
      '- On PostgreSQL each count of the tallies (`answer_tally`, `form_tally`: +1 per unit × ' +
        'question × option) is split into 16 parts (migration 0020): a submit takes the first part ' +
        'of its group no other transaction holds and keeps its row locks until the commit, so ' +
        'submits of one group are stored side by side; they queue only when all 16 parts are ' +
        'taken. Readers sum the parts; the rewrite folds them into one. The sessions line(s) below ' +
        'say where PostgreSQL waited.',
    );
  }
  for (const s of measured) {
    const w = s.highest.waits;
    if (!w) continue;
    const states = Object.entries(w.mean)
      .map(([state, n]) => `${state} ${n.toFixed(1)}`)
      .join(', ');
    lines.push(
      `- ${s.label}, highest rate: PostgreSQL's sessions at a time, by what they were doing ` +
        `(mean of ${w.samples} samples of pg_stat_activity, bench/pg-waits.ts): ${states || 'none'}.`,
    );
  }
  return lines;
}
