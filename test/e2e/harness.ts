import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { builtInDefinition } from '../../questionnaires';
import { createApp } from '../../server/app';
import { addUser } from '../../server/auth/users';
import { type Db, migrateToLatest, openDb } from '../../server/db/connect';
import { createDemo, DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { listLinks } from '../../server/invitations/service';
import { freshDb, onPostgres } from '../db';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots of failed journeys are kept (CI keeps the folder as an artifact). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
/** Without Debian's chromium the journeys cannot run; in CI that is a failure, not a skip. */
export const canRunBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';

/**
 * The real server on a free port, a file database in a temp folder, the demo campaign. Its
 * public URL is its own address, so slips, exports and messages carry links a phone can open.
 */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
  const db: Db = onPostgres ? await freshDb() : openDb(join(dir, 'db.sqlite'));
  if (!onPostgres) await migrateToLatest(db);
  const secret = 'e2e-secret-e2e-secret-e2e-secret-0123456789';
  await createDemo(db, secret);
  const config = {
    secret,
    publicUrl: '',
    bodyLimit: 256 * 1024,
    logRequests: false,
    trustProxy: false,
    clientDir: resolve(import.meta.dirname, '../../dist/client'),
  };
  // The port is known once listening; the app (built then) prints links on it, as PUBLIC_URL does.
  let app: ReturnType<typeof createApp> | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve(
      {
        fetch: (req, env) => (app ? app.fetch(req, env) : new Response(null, { status: 503 })),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => ok(s),
    );
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config.publicUrl = base;
  app = createApp({ db, config });
  const groups = new Map(builtInDefinition().groups.map((g) => [g.code, g.name]));
  const links = (await listLinks(db, config, DEMO_CAMPAIGN_ID, groups)).map((l) => ({
    ...l,
    url: l.link,
  }));
  return {
    db,
    base,
    links,
    async stop() {
      await new Promise((ok) => server.close(ok));
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * Keeps a screenshot of the page under test-artifacts/ (on failure, or as a step's record): the
 * whole page, or only what is on screen (`fullPage: false`, for pages metres long).
 */
export async function keepScreenshot(page: Page, name: string, { fullPage = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage }).catch(() => undefined);
}

/** A phone as the respondents hold it: 360×740, touch, Vietnamese. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    locale: 'vi-VN',
  });
}

/** The form's heading of the current screen. */
export const screenTitle = (page: Page) => page.locator('#screen-title').textContent();

/** Taps the form's "next" button ("Tiếp tục", or "Xem lại và gửi" on the last screen). */
export const nextScreen = (page: Page) =>
  page.getByRole('button', { name: /^(Tiếp tục|Xem lại và gửi)$/ }).tap();

/** Taps an option in every question on the form's screen (per unit in a matrix); how many. */
export async function answerScreen(page: Page, pick: (n: number) => number): Promise<number> {
  const questions = page.getByRole('group', { name: /^Câu \d+\./ });
  for (let i = 0; i < (await questions.count()); i++) {
    const q = questions.nth(i);
    const n = Number((await q.locator('legend b').first().textContent())?.match(/\d+/)?.[0]);
    const units = q.locator('fieldset.unit');
    const targets: Locator[] = (await units.count()) > 0 ? await units.all() : [q];
    for (const t of targets) await t.locator('label.tile').nth(pick(n)).tap();
  }
  return questions.count();
}

/** What a journey's hooks read of the test at hand: the page to keep, its context, the step. */
export interface JourneyNow {
  page?: Page | undefined;
  context?: BrowserContext | undefined;
  step: string;
}

/**
 * The hooks every journey shares: before its tests, the real server (with `users` signed up) and
 * Chromium; after them, both stopped; after each test, a screenshot of the page if it failed
 * (test-artifacts/`name`-failed-at-`step`.png) and its browser context closed. `now` reads the
 * file's own variables, so the tests keep plain `page` and `step` variables.
 */
export function useJourney(
  name: string,
  now: () => JourneyNow,
  users: Parameters<typeof addUser>[1][] = [],
) {
  const journey = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    journey.server = await startServer();
    for (const user of users) await addUser(journey.server.db, user);
    journey.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  afterEach(async (t) => {
    const { page, context, step } = now();
    if (t.task.result?.state === 'fail' && page)
      await keepScreenshot(page, `${name}-failed-at-${step}`);
    await context?.close();
  });
  return journey;
}
