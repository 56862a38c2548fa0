import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import type { SurveyView } from '../contract/respondent';
import { sleep } from './processes';

/** At 100 submissions a second, 99 in 100 must be answered within 100 ms. */
export const SUBMIT_BUDGET_RPS = 100;
export const SUBMIT_P99_BUDGET_MS = 100;

/**
 * A personal link and the claim its first open gave (issue #9): every submit carries it in
 * X-Claim, as the form does. null for a link not opened yet.
 */
export interface BenchLink {
  token: string;
  claim: string | null;
}

/** Personal links not used yet: each can be submitted only once, so none is ever handed twice. */
export class TokenPool {
  private index = 0;
  constructor(private readonly links: BenchLink[]) {}
  get remaining(): number {
    return this.links.length - this.index;
  }
  next(): BenchLink {
    const link = this.links[this.index++];
    if (link === undefined) throw new Error('The benchmark ran out of unused links; seed more.');
    return link;
  }
}

/** The headers of a submit on `link`: JSON, and its claim. */
export const submitHeaders = (link: BenchLink): Record<string, string> => ({
  'content-type': 'application/json',
  ...(link.claim ? { 'x-claim': link.claim } : {}),
});

export interface SubmitBodies {
  answers: number;
  bytes: number;
  /** A complete submit body with a fresh submissionId. */
  make(): string;
}

const OPTIONS = ['A', 'B', 'C', 'D', 'E'] as const;

/**
 * The body an office leader's form sends: one answer per question and unit of every
 * questionnaire in the view, a comment and the demographics. Serialised once; only the
 * submissionId changes per request, so building bodies costs the load generator nothing.
 */
export function submitBodies(view: SurveyView): SubmitBodies {
  const answers = view.questionnaires.flatMap((q) =>
    q.questions.flatMap((question, qi) =>
      q.units.map((unit, ui) => ({
        questionnaireId: q.id,
        questionId: question.id,
        unitCode: unit.code,
        option: OPTIONS[(qi + ui) % OPTIONS.length],
      })),
    ),
  );
  const withComment = view.questionnaires.find((q) => q.comment)?.id;
  const comments = withComment
    ? {
        [withComment]:
          'Đề nghị tiếp tục đẩy mạnh số hóa hồ sơ và rút ngắn thời gian giải quyết thủ tục hành chính.',
      }
    : undefined;
  const demographics = Object.fromEntries(
    view.demographics.map((d, i) => [d.key, d.options[i % d.options.length] ?? '']),
  );
  const marker = 'SUBMISSION_ID_MARKER';
  const template = JSON.stringify({ submissionId: marker, answers, comments, demographics });
  const [prefix, suffix] = template.split(`"${marker}"`) as [string, string];
  const make = () => `${prefix}"${randomBytes(16).toString('base64url')}"${suffix}`;
  return { answers: answers.length, bytes: Buffer.byteLength(make()), make };
}

/** The first open of a link: its view, with the claim it hands out once. */
export async function fetchView(baseUrl: string, token: string): Promise<SurveyView> {
  const res = await fetch(`${baseUrl}/api/s/${token}`);
  if (res.status !== 200)
    throw new Error(`GET /api/s/<token> answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as SurveyView;
}

/**
 * Before measuring, proves the requests do what they claim: two fresh links get 201 and a
 * receipt, and a retry gets 200 with the same receipt. A benchmark of 4xx answers would be
 * a benchmark of the error path.
 */
export async function checkSubmits(baseUrl: string, links: BenchLink[], bodies: SubmitBodies) {
  const problems: string[] = [];
  for (const link of links) {
    const body = bodies.make();
    const first = await postSubmit(baseUrl, link, body);
    if (first.status !== 201 || !first.receipt) {
      problems.push(`submit answered ${first.status}: ${first.text.slice(0, 300)}`);
      continue;
    }
    const retry = await postSubmit(baseUrl, link, body);
    if (retry.status !== 200 || retry.receipt !== first.receipt) {
      problems.push(
        `retry answered ${retry.status} (receipt ${retry.receipt ?? 'none'}), expected 200 and the same receipt`,
      );
    }
  }
  return problems;
}

async function postSubmit(baseUrl: string, link: BenchLink, body: string) {
  const res = await fetch(`${baseUrl}/api/s/${link.token}/submit`, {
    method: 'POST',
    headers: submitHeaders(link),
    body,
  });
  const text = await res.text();
  let receipt: string | undefined;
  try {
    receipt = (JSON.parse(text) as { receipt?: string }).receipt;
  } catch {
    receipt = undefined;
  }
  return { status: res.status, text, receipt };
}

export interface LoadResult {
  label: string;
  /** Connections, or for the open-loop run the most requests that were in flight at once. */
  concurrency: string;
  targetRps: number | null;
  durationS: number;
  ok: number;
  non2xx: number;
  errors: number;
  achievedRps: number;
  /** Milliseconds, over the 2xx responses. */
  p50: number;
  p975: number;
  p99: number;
  max: number;
}

export interface AutocannonRun {
  label: string;
  connections: number;
  durationS: number;
  overallRate?: number;
}

/** One autocannon run of submits, each on its own link with a fresh submissionId. */
export async function runAutocannon(
  baseUrl: string,
  pool: TokenPool,
  bodies: SubmitBodies,
  run: AutocannonRun,
): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    connections: run.connections,
    duration: run.durationS,
    // Its coordinated-omission correction takes 1/rate (seconds) as an interval in milliseconds
    // (always 1 ms), which invents samples: off. The open-loop run measures that properly.
    ...(run.overallRate ? { overallRate: run.overallRate, ignoreCoordinatedOmission: true } : {}),
    // Stops before the links run out: a reused link would measure the 409 path instead.
    maxOverallRequests: pool.remaining - run.connections,
    timeout: 10,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const link = pool.next();
          return {
            ...req,
            path: `/api/s/${link.token}/submit`,
            headers: submitHeaders(link),
            body: bodies.make(),
          };
        },
      },
    ],
  });
  const completed = result['2xx'] + result.non2xx;
  return {
    label: run.label,
    concurrency: `${run.connections} connections`,
    targetRps: run.overallRate ?? null,
    durationS: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    achievedRps: completed / result.duration,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

export interface PacedRun {
  label: string;
  rate: number;
  durationS: number;
}

/**
 * An open-loop run: one submit every 1000/rate ms whatever the server does, each on its own
 * connection slot, latency counted from when the request was due. This is how respondents
 * arrive (independently), unlike autocannon's rate limit, which lets each connection send its
 * share of the second back to back and then idle until the next second.
 */
export async function runPaced(
  baseUrl: string,
  pool: TokenPool,
  bodies: SubmitBodies,
  run: PacedRun,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.min(Math.round(run.rate * run.durationS), pool.remaining);
  const interval = 1000 / run.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now() + 5;
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const sent = post(agent, baseUrl, pool.next(), bodies.make()).then(
      (status) => {
        if (status >= 200 && status < 300) latencies.push(performance.now() - due);
        else non2xx++;
      },
      () => {
        errors++;
      },
    );
    pending.push(sent.finally(() => inFlight--));
  }
  await Promise.all(pending);
  const durationS = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    label: run.label,
    concurrency: `open loop (≤ ${maxInFlight} in flight)`,
    targetRps: run.rate,
    durationS,
    ok: latencies.length,
    non2xx,
    errors,
    achievedRps: (latencies.length + non2xx) / durationS,
    p50: percentile(latencies, 50),
    p975: percentile(latencies, 97.5),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** POSTs JSON and resolves with the status once the whole response has arrived. */
function post(agent: Agent, baseUrl: string, link: BenchLink, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/api/s/${link.token}/submit`,
      {
        method: 'POST',
        agent,
        timeout: 10_000,
        headers: { ...submitHeaders(link), 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Waits until the server answers `/api/health` quickly again; returns the milliseconds waited.
 * A run that overloads the server leaves it working through requests whose clients gave up;
 * the next run must not pay for them.
 */
export async function waitUntilIdle(baseUrl: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const start = performance.now();
    await fetch(`${baseUrl}/api/health`).then((r) => r.arrayBuffer());
    quick = performance.now() - start < 20 ? quick + 1 : 0;
    await sleep(100);
  }
  return Date.now() - started;
}
