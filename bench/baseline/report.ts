import { table } from '../report';
import type { LoadResult } from '../submit-load';
import type { BaselineResult, BaselineRun } from './measure';

/** Successful submits a second: what a run sustained. */
const sustained = (r: LoadResult) => r.ok / r.durationS;

const isOpenLoop100 = (r: LoadResult) =>
  r.targetRps === 100 && r.concurrency.startsWith('open loop');
const unthrottled = (runs: LoadResult[], connections: number) =>
  runs.find((r) => r.targetRps === null && r.concurrency === `${connections} connections`);

/**
 * The BENCHMARKS.md section of bench/baseline/: the product's submissions beside the baseline
 * server's, the same runs and bodies, and the ratio of their highest sustained rates.
 */
export function baselineSection(
  product: LoadResult[] | string,
  baseline: BaselineResult | string | undefined,
): string[] {
  if (baseline === undefined) return [];
  const head = ['## Submissions beside a baseline: the same submits, only parsed and inserted', ''];
  if (typeof baseline === 'string') return [...head, `Not measured: ${baseline}`];
  if (typeof product === 'string')
    return [...head, `The product's runs were not made (${product}), so there is no comparison.`];
  const b = baseline.runs;
  const ms = (n: number | undefined) =>
    n === undefined || Number.isNaN(n) ? '–' : n >= 10 ? n.toFixed(0) : n.toFixed(1);
  const rate = (r: LoadResult | undefined) => (r ? `${sustained(r).toFixed(0)}/s` : '–');
  const ratio = (p: LoadResult | undefined, q: LoadResult | undefined) =>
    p && q ? `×${(sustained(p) / sustained(q)).toFixed(2)}` : '–';
  const latency = (r: LoadResult | undefined) =>
    r ? `${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.max)}` : '–';
  const p100 = product.find(isOpenLoop100);
  const b100 = b.find(isOpenLoop100);
  const best = (runs: LoadResult[]) =>
    runs
      .filter((r) => r.targetRps === null)
      .reduce<LoadResult | undefined>(
        (x, r) => (x && sustained(x) >= sustained(r) ? x : r),
        undefined,
      );
  const pBest = best(product);
  const bBest = best(b);
  const failed = (r: LoadResult | undefined) => (r ? r.non2xx + r.errors : 0);
  const rows: string[][] = [
    [
      '100/s open loop (one every 10 ms, 20 s): achieved',
      p100 ? `${p100.achievedRps.toFixed(0)}/s, ${failed(p100)} failed` : '–',
      b100 ? `${b100.achievedRps.toFixed(0)}/s, ${failed(b100)} failed` : '–',
      '',
    ],
    ['100/s open loop: p50 / p99 / max (ms)', latency(p100), latency(b100), ''],
    ...[10, 50].map((c) => {
      const p = unthrottled(product, c);
      const q = unthrottled(b, c);
      return [
        `highest rate, autocannon, ${c} connections: 2xx/s (p50 / p99 ms)`,
        p ? `${rate(p)} (${ms(p.p50)} / ${ms(p.p99)})` : '–',
        q ? `${rate(q)} (${ms(q.p50)} / ${ms(q.p99)})` : '–',
        ratio(p, q),
      ];
    }),
    [
      '**highest sustained rate**',
      `**${rate(pBest)}**`,
      `**${rate(bBest)}**`,
      `**${ratio(pBest, bBest)}**`,
    ],
  ];
  const lines = [
    ...head,
    ...table(['', 'Product', 'Baseline', 'Product / baseline'], rows),
    '',
    `The figure that counts: the product sustains ${pBest && bBest ? `${((sustained(pBest) / sustained(bBest)) * 100).toFixed(0)} %` : '–'} ` +
      "of the baseline's highest rate (best unthrottled run of each, successful submits a second). " +
      'The product ran first (the table above), then was stopped; then the baseline ran alone, with ' +
      "the same body (the office leader's 180 answers, one comment, the demographics) and the same " +
      'load generator.',
    '',
    'The baseline runs:',
    '',
    ...table(
      [
        'Run',
        'Concurrency',
        'Achieved',
        '2xx',
        'non-2xx',
        'Errors',
        'p50',
        'p97.5',
        'p99',
        'max',
        'Server CPU',
        'Load generator CPU',
      ],
      b.map((r: BaselineRun) => [
        r.label,
        r.concurrency,
        `${r.achievedRps.toFixed(0)}/s`,
        String(r.ok),
        String(r.non2xx),
        String(r.errors),
        ms(r.p50),
        ms(r.p975),
        ms(r.p99),
        ms(r.max),
        r.serverCpu === null ? '–' : `${r.serverCpu.toFixed(0)} %`,
        `${r.clientCpu.toFixed(0)} %`,
      ]),
    ),
    '',
    'CPU in percent of one core over the run: the baseline server reports its own CPU time on ' +
      '/api/health; the load generator is the benchmark process. Both share the 2 CPUs.',
    '',
    'What the baseline (bench/baseline/server.ts) does: the same Node, tsx, Hono and ' +
      '@hono/node-server as the product, started the same way (bench/processes.ts), with one route ' +
      'at the same path, POST /api/s/:token/submit. It reads the body, JSON.parse, and in one ' +
      'better-sqlite3 transaction inserts with prepared statements the raw rows the product writes ' +
      'for that body (store-form.ts): the submission (a fresh random id, a SHA-256 content hash), ' +
      `one row per answer, the comment, the demographics — rows written by one submit, counted in its database: ${Object.entries(
        baseline.rowsPerSubmit,
      )
        .map(([t, n]) => `${t} ${n}`)
        .join(
          ', ',
        )}. Its database is a fresh file migrated with the project's migrations, opened ` +
      'with the pragmas of openDb (WAL, synchronous NORMAL, foreign keys, secure_delete), so the ' +
      'same foreign-key checks and WITHOUT ROWID random-key tables. It answers 201 with a receipt.',
    '',
    'What it does not do, and the product does: the middleware (security headers, compression, ' +
      'body limit), the load shedding past 32 submits in flight, the zod schema of the body, the ' +
      'token hash and the lookups of invitation, campaign, respondent and definition, the retry ' +
      'check (HMAC of the canonical body), the open-window check, checking every answer against ' +
      'the questionnaires, sorting the answers for the content hash, Kysely (query building; the ' +
      "product's 180 answers go in as one multi-row INSERT), claiming the invitation (UPDATE) and " +
      'its event row, both running tallies (upserts of 180 answer-tally rows and the form-tally ' +
      'rows) and deleting the draft. The ratio is what all of that costs together.',
  ];
  for (const p of baseline.problems) lines.push('', `**Baseline:** ${p}.`);
  return lines;
}
