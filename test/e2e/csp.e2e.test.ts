import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setCampaignOpen } from '../../server/campaigns/service';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { canRunBrowser, useJourney } from './harness';

const ADMIN = { email: 'quantri@honquan.vn', password: 'mật-khẩu-quản-trị-dài' };
const ANALYST = { email: 'thamdinh@honquan.vn', password: 'mật-khẩu-thẩm-định-dài' };

/**
 * Every page under the Content-Security-Policy in real Chromium: the console's screens, the QR
 * slips and paper forms (whose "In (A4)" button runs the one hashed inline script), the home
 * page and the respondent's form. The browser reports each blocked script, style, image or
 * request as a `securitypolicyviolation` event and a console error: there must be none.
 */
describe.skipIf(!canRunBrowser)('the Content-Security-Policy in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('csp', () => ({ page, context, step }), [
    { ...ADMIN, role: 'admin', name: 'Quản trị' },
    { ...ANALYST, role: 'analyst', name: 'Lê Văn Thẩm' },
  ]);
  const violations: string[] = [];

  async function open(who?: { email: string; password: string }) {
    context = await journey.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Runs before any page script, outside the policy: records what the policy blocks, and
    // stands in for the print dialog, which a headless browser does not show.
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[]; __printed: number };
      w.__csp = [];
      w.__printed = 0;
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
      window.print = () => {
        w.__printed++;
      };
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
    if (who) {
      await page.goto(`${journey.server.base}/console`);
      await page.getByLabel('E-mail').fill(who.email);
      await page.getByLabel('Mật khẩu').fill(who.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    }
  }

  async function visit(path: string, ready: (p: Page) => Promise<unknown>) {
    step = path;
    await page.goto(`${journey.server.base}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const blocked = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect([...blocked, ...violations], path).toEqual([]);
  }

  it('the console, slips and paper forms work with no violation', async () => {
    await open(ADMIN);
    const c = `/console/c/${DEMO_CAMPAIGN_ID}`;
    await visit(c, (p) => p.getByRole('heading', { name: 'Tổng cộng' }).waitFor());
    await visit(`${c}/invitations`, (p) => p.locator('table, .cards').first().waitFor());
    await visit(`${c}/roster`, (p) => p.locator('main').waitFor());
    await visit(`${c}/settings`, (p) => p.locator('main').waitFor());
    await visit(`${c}/paper`, (p) => p.locator('main').waitFor());
    await visit(`${c}/definition`, (p) => p.locator('main').waitFor());
    await visit('/console/admin/audit', (p) => p.locator('main').waitFor());

    const printed = () =>
      page.evaluate(() => (window as unknown as { __printed: number }).__printed);
    await visit(`/api/campaigns/${DEMO_CAMPAIGN_ID}/slips?group=LD_UBND_XA`, (p) =>
      p.locator('article.slip').first().waitFor(),
    );
    await page.getByRole('button', { name: 'In (A4)' }).click();
    expect(await printed()).toBe(1);
    // The QR codes are inline SVG: drawn, not blocked.
    expect(await page.locator('svg.qr').first().boundingBox()).not.toBeNull();

    const person = journey.server.links.find((l) => l.group_code === 'LD_UBND_XA');
    await visit(`/api/campaigns/${DEMO_CAMPAIGN_ID}/paper?ids=${person?.id}`, (p) =>
      p.locator('section.form').first().waitFor(),
    );
    await page.getByRole('button', { name: 'In (A4)' }).click();
    expect(await printed()).toBe(1);
    expect(violations).toEqual([]);
  });

  it('the analyst’s results (charts) and a unit’s printable report work with no violation', async () => {
    await open(ANALYST);
    await visit(`/console/c/${DEMO_CAMPAIGN_ID}/results`, (p) => p.locator('main').waitFor());
    // The campaign closed and an official run made: then one unit's report prints.
    await setCampaignOpen(journey.server.db, DEMO_CAMPAIGN_ID, false);
    const me = await context.request.get(`${journey.server.base}/api/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const run = await context.request.post(
      `${journey.server.base}/api/campaigns/${DEMO_CAMPAIGN_ID}/runs`,
      { headers: { 'X-CSRF-Token': csrfToken } },
    );
    expect(run.status()).toBe(201);
    const doc = (await run.json()) as { method: { runId: string }; units: { code: string }[] };
    const unit = doc.units[0]?.code ?? '';
    const results = `/console/c/${DEMO_CAMPAIGN_ID}/results/${doc.method.runId}`;
    await visit(results, (p) => p.locator('main').waitFor());
    await visit(`${results}/unit/${encodeURIComponent(unit)}`, (p) =>
      p.getByRole('button', { name: 'In báo cáo' }).waitFor(),
    );
    await page.getByRole('button', { name: 'In báo cáo' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(
      1,
    );
    expect(violations).toEqual([]);
  });

  it('the home page and the respondent’s form work with no violation', async () => {
    await open();
    await visit('/', (p) => p.getByRole('button', { name: 'Mở phiếu' }).waitFor());
    const link = journey.server.links.find((l) => l.group_code === 'HDND_HUYEN');
    await visit(new URL(link?.url ?? '').pathname, (p) => p.locator('#screen-title').waitFor());
    expect(violations).toEqual([]);
  });
});
