import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtInDefinition, builtInUnitSet } from '../../questionnaires';
import { createCampaign, setCampaignOpen } from '../../server/campaigns/service';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { canRunBrowser, useJourney } from './harness';

const ANALYST = { email: 'thamdinh@honquan.vn', password: 'mật-khẩu-thẩm-định-dài' };

/**
 * A clean browser console (issue #13.16): the sign-in page and a results view leave no error in
 * Chromium's console and no failed request — no 401 from the session probe before sign-in, no
 * 404 or 409 from the comparison when an earlier campaign closed without locked results.
 */
describe.skipIf(!canRunBrowser)('a clean browser console', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('clean-console', () => ({ page, context, step }), [
    { ...ANALYST, role: 'analyst', name: 'Lê Văn Thẩm' },
  ]);
  const problems: string[] = [];

  async function open() {
    context = await journey.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
  }

  /** Goes to `path`, waits for the screen and for the network to settle; nothing went wrong. */
  async function visit(path: string, ready: (p: Page) => Promise<unknown>) {
    step = path;
    await page.goto(`${journey.server.base}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    expect(problems, path).toEqual([]);
  }

  it('the sign-in page, then a results view beside an earlier campaign with nothing locked', async () => {
    await open();
    await visit('/console', (p) => p.getByRole('heading', { name: 'Đăng nhập' }).waitFor());

    // An earlier season, closed, never locked: the comparison cannot be made, and is not asked.
    const { db } = journey.server;
    await createCampaign(db, {
      id: 'hq-2022',
      name: 'Khảo sát CCHC năm 2022',
      definition: builtInDefinition(),
      unitSet: builtInUnitSet(),
      opensAt: '2022-11-01T01:00:00.000Z',
      closesAt: '2022-12-31T10:00:00.000Z',
    });
    await setCampaignOpen(db, DEMO_CAMPAIGN_ID, false);

    await page.getByLabel('E-mail').fill(ANALYST.email);
    await page.getByLabel('Mật khẩu').fill(ANALYST.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    const me = await context.request.get(`${journey.server.base}/api/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const run = await context.request.post(
      `${journey.server.base}/api/campaigns/${DEMO_CAMPAIGN_ID}/runs`,
      { headers: { 'X-CSRF-Token': csrfToken } },
    );
    expect(run.status()).toBe(201);
    const { method } = (await run.json()) as { method: { runId: string } };
    await visit(`/console/c/${DEMO_CAMPAIGN_ID}/results/${method.runId}`, (p) =>
      p
        .getByText('Các đợt đã kết thúc chưa có kết quả đã khóa để công bố: chưa so sánh được.')
        .waitFor(),
    );
    const earlier = page.getByRole('option', {
      name: 'Khảo sát CCHC năm 2022 (chưa có kết quả đã khóa để công bố)',
    });
    expect(await earlier.isDisabled()).toBe(true);
  });
});
