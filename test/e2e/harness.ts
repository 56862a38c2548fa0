import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { builtInDefinition } from '../../questionnaires';
import { createApp } from '../../server/app';
import { type Db, migrateToLatest, openDb } from '../../server/db/connect';
import { createDemo, DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { listLinks } from '../../server/invitations/service';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots of failed journeys are kept (CI keeps the folder as an artifact). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
/** Without Debian's chromium the journeys cannot run; in CI that is a failure, not a skip. */
export const canRunBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';

/** The real server on a free port, a file database in a temp folder, the demo campaign. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
  const db: Db = openDb(join(dir, 'db.sqlite'));
  await migrateToLatest(db);
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
  const app = createApp({ db, config });
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const groups = new Map(builtInDefinition().groups.map((g) => [g.code, g.name]));
  const links = (await listLinks(db, { ...config, publicUrl: base }, DEMO_CAMPAIGN_ID, groups)).map(
    (l) => ({
      ...l,
      url: l.link,
    }),
  );
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

/** Keeps a screenshot of the page under test-artifacts/ (on failure, or as a step's record). */
export async function keepScreenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page
    .screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
    .catch(() => undefined);
}
