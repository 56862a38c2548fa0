import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

/** Debian's Chromium: nothing downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, and quiet on the network: the machine has none, and nothing else may compete. */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** One Lighthouse run of one page: the performance category of the default (mobile) config. */
export interface LighthouseRun {
  /** 0–100, or null when Lighthouse could not score the page (see `problem`). */
  score: number | null;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  speedIndexMs: number;
  cls: number;
  /** total-byte-weight: what crossed the (simulated) network, headers included. */
  transferBytes: number;
  requests: number;
  /** Lighthouse's estimate of the host's speed (its BenchmarkIndex), for reading the CPU parts. */
  benchmarkIndex: number;
  /** The largest contentful paint's element: its CSS selector and its text. */
  lcpElement: string;
  /** FCP and LCP as they happened in the unthrottled load the simulation starts from. */
  observedFcpMs: number;
  observedLcpMs: number;
  problem: string | null;
}

export interface LighthouseSummary {
  runs: LighthouseRun[];
  /** The median of each measure over the runs, taken separately. */
  median: Omit<LighthouseRun, 'problem' | 'benchmarkIndex' | 'lcpElement'>;
}

/**
 * Lighthouse on each page `runs` times, the pages taking turns (a, b, a, b, …) in one headless
 * Chromium, so that whatever else the machine does weighs on all of them alike; with `warmup`,
 * one round first whose results are dropped (a fresh Chromium's first page load is slower).
 * Default config: mobile form factor, simulated throttling (150 ms RTT, 1.6 Mbps, 4× CPU
 * slowdown); Lighthouse clears the cache and storage before each run: every run is a first visit.
 */
export async function runLighthouse(
  /** A URL per page, or a function giving each run its own (a link is claimed by its first open). */
  pages: Record<string, string | (() => string)>,
  { runs, warmup }: { runs: number; warmup: boolean },
  log: (message: string) => void = () => {},
): Promise<Record<string, LighthouseSummary>> {
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  const results: Record<string, LighthouseRun[]> = {};
  try {
    for (let i = warmup ? -1 : 0; i < runs; i++) {
      for (const [name, url] of Object.entries(pages)) {
        const t = performance.now();
        const run = await runOnce(typeof url === 'function' ? url() : url, chrome.port);
        if (i >= 0) results[name] = [...(results[name] ?? []), run];
        log(
          `Lighthouse ${name} ${i < 0 ? 'warm-up' : `${i + 1}/${runs}`}: score ${run.score ?? '–'}, ` +
            `LCP ${Math.round(run.lcpMs)} ms (${((performance.now() - t) / 1000).toFixed(1)} s)`,
        );
      }
    }
  } finally {
    chrome.kill();
  }
  return Object.fromEntries(
    Object.entries(results).map(([name, list]) => [name, { runs: list, median: medians(list) }]),
  );
}

async function runOnce(url: string, port: number): Promise<LighthouseRun> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const details = lhr.audits['network-requests']?.details;
  const score = lhr.categories.performance?.score;
  const metrics = lhr.audits.metrics?.details;
  const observed = (metrics && 'items' in metrics ? metrics.items[0] : undefined) as
    | Record<string, number | undefined>
    | undefined;
  const problems = [lhr.runtimeError?.message, ...lhr.runWarnings].filter(Boolean);
  return {
    score: typeof score === 'number' ? Math.round(score * 100) : null,
    lcpMs: value('largest-contentful-paint'),
    fcpMs: value('first-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    speedIndexMs: value('speed-index'),
    cls: value('cumulative-layout-shift'),
    transferBytes: value('total-byte-weight'),
    requests: details && 'items' in details ? details.items.length : Number.NaN,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    lcpElement: lcpElementOf(lhr.audits['largest-contentful-paint-element']?.details),
    observedFcpMs: observed?.observedFirstContentfulPaint ?? Number.NaN,
    observedLcpMs: observed?.observedLargestContentfulPaint ?? Number.NaN,
    problem: problems.length ? problems.join(' ') : null,
  };
}

function medians(runs: LighthouseRun[]): LighthouseSummary['median'] {
  const of = (pick: (r: LighthouseRun) => number | null) => {
    const xs = runs
      .map(pick)
      .filter((x): x is number => x !== null && !Number.isNaN(x))
      .sort((a, b) => a - b);
    if (xs.length === 0) return Number.NaN;
    const mid = Math.floor(xs.length / 2);
    return xs.length % 2
      ? (xs[mid] as number)
      : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
  };
  const score = of((r) => r.score);
  return {
    score: Number.isNaN(score) ? null : score,
    lcpMs: of((r) => r.lcpMs),
    fcpMs: of((r) => r.fcpMs),
    tbtMs: of((r) => r.tbtMs),
    speedIndexMs: of((r) => r.speedIndexMs),
    cls: of((r) => r.cls),
    transferBytes: of((r) => r.transferBytes),
    requests: of((r) => r.requests),
    observedFcpMs: of((r) => r.observedFcpMs),
    observedLcpMs: of((r) => r.observedLcpMs),
  };
}

/** largest-contentful-paint-element's details: a list whose first table holds the node. */
function lcpElementOf(details: unknown): string {
  const tables = (details as { items?: { items?: { node?: NodeDetails }[] }[] } | undefined)?.items;
  const node = tables?.[0]?.items?.[0]?.node;
  if (!node) return '?';
  const text = (node.nodeLabel ?? '').replace(/\s+/g, ' ').trim();
  return `${node.selector ?? node.snippet ?? '?'}${text ? ` «${text.slice(0, 60)}»` : ''}`;
}

interface NodeDetails {
  selector?: string;
  snippet?: string;
  nodeLabel?: string;
}
