import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canRunBrowser, nextScreen, phoneContext, screenTitle, useJourney } from './harness';

/**
 * Issue #13.8 in real Chromium: the page of a link never opened shows the welcome by itself
 * (drawn by the server, before any script), and the form goes on from it with the claim the page
 * gave: one API call, with X-Claim, and nothing asked without it.
 */
describe.skipIf(!canRunBrowser)('the first screen comes with the page', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('first-screen', () => ({ page, context, step }));
  const linkOf = (n: number) => {
    const links = journey.server.links.filter((l) => l.group_code === 'LD_UBND_XA');
    const link = links[links.length - 1 - n];
    if (!link) throw new Error('not enough commune leaders in the demo roster');
    return link.url;
  };

  it('shows the welcome and the resume code before any script has run', async () => {
    step = 'no-script';
    context = await journey.browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    page = await context.newPage();
    await page.goto(linkOf(0));
    expect(await screenTitle(page)).toContain('Khảo sát');
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('Lãnh đạo UBND');
    expect(body).toMatch(/Mã tiếp tục của Ông\/Bà: [0-9A-Z]{4}(-[0-9A-Z]{4}){3}/);
    expect(body).not.toContain('Đang tải phiếu khảo sát');
  });

  it('goes on from it with the claim the page gave, asking the API once', async () => {
    step = 'welcome';
    context = await phoneContext(journey.browser);
    page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const calls: { claim: string | undefined }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/s/')) calls.push({ claim: r.headers()['x-claim'] });
    });
    await page.goto(linkOf(1));
    const code = await page.locator('p.promise b.code').textContent();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await expect
      .poll(() => page.getByRole('progressbar', { name: /^Phần 1\/\d+$/ }).count())
      .toBe(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.claim).toMatch(/^[A-Za-z0-9_-]{27}$/);
    // The claim is kept on the device, not in the page.
    expect(await page.locator('#first-screen').count()).toBe(0);
    const kept = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('cchc:claim:')),
    );
    expect(kept).toHaveLength(1);
    step = 'next';
    const welcome = await screenTitle(page);
    await nextScreen(page);
    await expect.poll(() => screenTitle(page)).not.toBe(welcome);
    expect(await page.locator('p.resume b.code').textContent()).toBe(code);
    expect(errors).toEqual([]);
  });
});
