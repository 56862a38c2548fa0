import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canRunBrowser, keepScreenshot, useJourney } from './harness';

const ADMIN = { email: 'quantri@khaosat.vn', password: 'mật-khẩu-quản-trị-dài' };
const PROVINCE = { email: 'canbo@dongnai.gov.vn', password: 'mật-khẩu-tỉnh-đủ-dài' };
const COMMUNE = { email: 'canbo@tanhung.gov.vn', password: 'mật-khẩu-xã-đủ-dài' };

/**
 * Issue #12, "done when": the deployment's admin makes a province and a commune under it, with
 * one officer each, in the console; each officer makes a campaign; the commune's officer cannot
 * reach the province's, the province's officer sees both and filters by the commune.
 */
describe.skipIf(!canRunBrowser)('one deployment, two organisations', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('organisations', () => ({ page, context, step }), [
    { ...ADMIN, role: 'admin', name: 'Quản trị hệ thống' },
  ]);

  async function signIn(who: { email: string; password: string }) {
    await context?.close();
    context = await journey.browser.newContext({ viewport: { width: 1100, height: 800 } });
    page = await context.newPage();
    await page.goto(`${journey.server.base}/console`);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Mật khẩu').fill(who.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
  }

  const orgId = async (name: string) =>
    (
      await journey.server.db
        .selectFrom('organisation')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;

  async function addOrganisation(name: string, kind: string, parent?: string) {
    await page.getByRole('button', { name: 'Thêm tổ chức cấp dưới' }).click();
    await page.getByLabel('Tên tổ chức').fill(name);
    if (parent) await page.getByLabel('Thuộc tổ chức').selectOption(await orgId(parent));
    await page.getByLabel('Loại (không bắt buộc)').fill(kind);
    await page.getByRole('button', { name: 'Tạo tổ chức' }).click();
    await page.locator('table').getByText(name, { exact: true }).waitFor();
  }

  async function addOfficer(who: { email: string; password: string }, name: string, org: string) {
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByLabel(/^E-mail/).fill(who.email);
    await page.getByLabel('Họ và tên').fill(name);
    await page.getByLabel('Thuộc tổ chức').selectOption(await orgId(org));
    await page.getByLabel('Mật khẩu ban đầu').fill(who.password);
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('status').getByText(`Đã tạo tài khoản ${who.email}`).waitFor();
  }

  async function createCampaign(name: string) {
    await page.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    const form = page.getByRole('form', { name: 'Tạo đợt khảo sát' });
    await form.getByLabel('Tên đợt khảo sát').fill(name);
    await form.getByRole('button', { name: 'Tạo đợt khảo sát' }).click();
    await page.waitForURL(/\/console\/c\/[^/]+\/roster$/);
    return decodeURIComponent(page.url().split('/console/c/')[1]?.split('/')[0] ?? '');
  }

  const cards = () => page.locator('.cards-list .card h2').allTextContents();

  it('makes the tree and its officers, and keeps each officer in reach of its own', async () => {
    step = 'organisations';
    await signIn(ADMIN);
    await page.goto(`${journey.server.base}/console/admin/organisations`);
    await addOrganisation('Tỉnh Đồng Nai', 'tỉnh');
    await addOrganisation('Xã Tân Hưng', 'xã', 'Tỉnh Đồng Nai');

    step = 'accounts';
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await addOfficer(PROVINCE, 'Cán bộ tỉnh', 'Tỉnh Đồng Nai');
    await addOfficer(COMMUNE, 'Cán bộ xã', 'Xã Tân Hưng');

    step = 'province-campaign';
    await signIn(PROVINCE);
    expect(await page.textContent('header')).toContain('Tỉnh Đồng Nai');
    const provinceCampaign = await createCampaign('Khảo sát cấp tỉnh 2026');

    step = 'commune-campaign';
    await signIn(COMMUNE);
    expect(await page.textContent('header')).toContain('Xã Tân Hưng');
    await createCampaign('Khảo sát xã Tân Hưng 2026');
    await page.goto(`${journey.server.base}/console`);
    await page.locator('.cards-list .card').first().waitFor();
    expect(await cards()).toEqual(['Khảo sát xã Tân Hưng 2026']);
    // The province's campaign, by its address: as if it did not exist.
    await page.goto(`${journey.server.base}/console/c/${encodeURIComponent(provinceCampaign)}`);
    await page.getByText('Không tìm thấy đợt khảo sát.').first().waitFor();
    await keepScreenshot(page, 'organisations-commune-out-of-reach');

    step = 'province-filter';
    await signIn(PROVINCE);
    await page.locator('.cards-list .card').nth(1).waitFor();
    expect((await cards()).sort()).toEqual(['Khảo sát cấp tỉnh 2026', 'Khảo sát xã Tân Hưng 2026']);
    await page.getByLabel('Tổ chức').selectOption(await orgId('Xã Tân Hưng'));
    await page.waitForFunction(() => document.querySelectorAll('.cards-list .card').length === 1);
    expect(await cards()).toEqual(['Khảo sát xã Tân Hưng 2026']);
    await keepScreenshot(page, 'organisations-province-filter');
  }, 90_000);
});
