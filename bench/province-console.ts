import type { Page } from 'playwright-core';
import { CHROMIUM } from './lighthouse';
import { PROVINCE_CLOSED_ID, PROVINCE_OPEN_ID } from './province-seed';
import type { Officer } from './slips';

/** From navigation to the screen drawn and the page idle, first visit included (issue #11). */
export const CONSOLE_BUDGET_MS = 2000;
const VIEWPORT = { width: 1366, height: 800 };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
/** However slow a screen is, it is measured: 5,000 slips take a while on a busy machine. */
const WAIT_MS = 180_000;

export interface ScreenTiming {
  label: string;
  path: string;
  /** The first visit (cold: the console's bundle not cached), then the median and slowest of the rest. */
  firstMs: number;
  medianMs: number;
  maxMs: number;
  /** When the main content first showed (before the load event and idle), first and median. */
  contentFirstMs: number;
  contentMedianMs: number;
  rounds: number;
  /** What the screen showed: rows of its main table, or slips. */
  shown: string;
  /** The API requests the screen made on its first visit. */
  requests: string[];
}

export interface ConsoleTimings {
  /** Signing in through the console's login page, as the officer. */
  loginMs: number;
  screens: ScreenTiming[];
}

interface Screen {
  label: string;
  path: string;
  account: 'officer' | 'analyst';
  /** Present once the screen's main content is drawn. */
  ready: string;
  /** What to count and report as what the screen showed. */
  count: string;
  unit: string;
}

/**
 * The console in Chromium at 1366×800, signed in through its login page: each screen opened by
 * address `rounds` times. Time to interactive here: from `page.goto` to the screen's main
 * content in the page, no "Đang tải…" left, and a `requestIdleCallback` come back (the main
 * thread free), measured from the benchmark.
 */
export async function measureConsole(
  /** The console's origin as its PUBLIC_URL spells it (sign-in checks the Origin header). */
  origin: string,
  accounts: { officer: Officer; analyst: Officer },
  runId: string,
  rounds: number,
): Promise<ConsoleTimings> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const open = `/console/c/${encodeURIComponent(PROVINCE_OPEN_ID)}`;
  const closed = `/console/c/${encodeURIComponent(PROVINCE_CLOSED_ID)}`;
  const screens: Screen[] = [
    {
      label: 'Tracking',
      path: open,
      account: 'officer',
      ready: '#units-title',
      count: 'table.counts tbody tr',
      unit: 'rows',
    },
    {
      label: 'Invitations',
      path: `${open}/invitations`,
      account: 'officer',
      ready: 'table.invitations tbody tr',
      count: 'table.invitations tbody tr',
      unit: 'rows',
    },
    {
      label: 'QR slips (the printable page)',
      path: `/api/campaigns/${encodeURIComponent(PROVINCE_OPEN_ID)}/slips`,
      account: 'officer',
      ready: 'article.slip',
      count: 'article.slip',
      unit: 'slips',
    },
    {
      label: 'Results of the closed campaign',
      path: `${closed}/results/${encodeURIComponent(runId)}`,
      account: 'analyst',
      ready: '#run-title',
      count: 'table.r-ranking tbody tr',
      unit: 'ranked units',
    },
  ];
  try {
    const pages: Partial<Record<Screen['account'], Page>> = {};
    let loginMs = Number.NaN;
    const pageFor = async (account: Screen['account']) => {
      const existing = pages[account];
      if (existing) return existing;
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
      const page = await context.newPage();
      const ms = await signInThroughPage(page, origin, accounts[account]);
      if (account === 'officer') loginMs = ms;
      pages[account] = page;
      return page;
    };
    const timings: ScreenTiming[] = [];
    for (const s of screens) {
      const page = await pageFor(s.account);
      const requests: string[] = [];
      const onRequest = (r: { url(): string }) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) requests.push(url.pathname + url.search);
      };
      const times: number[] = [];
      const content: number[] = [];
      let shown = '';
      for (let i = 0; i < rounds; i++) {
        if (i === 0) page.on('request', onRequest);
        const visit = await openScreen(page, `${origin}${s.path}`, s.ready);
        times.push(visit.idleMs);
        content.push(visit.contentMs);
        if (i === 0) {
          page.off('request', onRequest);
          shown = `${(await page.locator(s.count).count()).toLocaleString('en-US')} ${s.unit}`;
        }
      }
      const rest = times.slice(1).sort((a, b) => a - b);
      timings.push({
        label: s.label,
        path: s.path
          .replace(PROVINCE_OPEN_ID, '{open}')
          .replace(PROVINCE_CLOSED_ID, '{closed}')
          .replace(runId, '{run}'),
        firstMs: times[0] ?? Number.NaN,
        medianMs: rest[Math.floor(rest.length / 2)] ?? Number.NaN,
        maxMs: rest.at(-1) ?? Number.NaN,
        contentFirstMs: content[0] ?? Number.NaN,
        contentMedianMs: median(content.slice(1)),
        rounds,
        shown,
        requests: requests.map((r) =>
          r
            .replace(PROVINCE_OPEN_ID, '{open}')
            .replace(PROVINCE_CLOSED_ID, '{closed}')
            .replace(encodeURIComponent(runId), '{run}'),
        ),
      });
    }
    return { loginMs, screens: timings };
  } finally {
    await browser.close();
  }
}

/** The login page filled in and sent as a person would; the time until the console shows. */
async function signInThroughPage(page: Page, origin: string, who: Officer): Promise<number> {
  await page.goto(`${origin}/console/login`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Mật khẩu').fill(who.password);
  const t = performance.now();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 30_000 });
  await page.locator('main#main').waitFor({ timeout: 30_000 });
  return performance.now() - t;
}

/** One visit: navigation, the main content, the load event, no loading notice, an idle callback. */
async function openScreen(
  page: Page,
  url: string,
  ready: string,
): Promise<{ contentMs: number; idleMs: number }> {
  const t = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout: WAIT_MS });
  await page.locator(ready).first().waitFor({ timeout: WAIT_MS });
  const contentMs = performance.now() - t;
  // The slips page is one long HTML document: drawn once all of it has been parsed and loaded.
  await page.waitForLoadState('load', { timeout: WAIT_MS });
  await page.waitForFunction(() => !document.querySelector('.loading'), null, {
    timeout: WAIT_MS,
  });
  await page.evaluate(
    () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 10_000 })),
  );
  return { contentMs, idleMs: performance.now() - t };
}

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)] ?? Number.NaN;
}
