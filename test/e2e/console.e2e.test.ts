import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { canRunBrowser, keepScreenshot, useJourney } from './harness';

const OFFICER = { email: 'canbo@honquan.vn', password: 'mật-khẩu-cán-bộ-dài' };
const ANALYST = { email: 'thamdinh@honquan.vn', password: 'mật-khẩu-thẩm-định-dài' };

/** A roster as an office types it: a delegate at a 200-character workplace, a typo'd commune. */
function rosterFile(): string {
  const workplace =
    'Trung tâm Chính trị huyện Hớn Quản kiêm Ban Tuyên giáo và Dân vận Huyện ủy, Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể chính trị – xã hội huyện (Hội Nông dân, Hội Cựu chiến binh, Đoàn TNCS)'.slice(
      0,
      200,
    );
  const csv = [
    'STT,Họ và tên,Chức vụ,Đơn vị công tác,Nhóm đối tượng,Số điện thoại',
    `1,Nguyễn Thị Mai,Phó Giám đốc,"${workplace}",Đại biểu HĐND huyện,0912 111 222`,
    '2,"<b>Trần</b> ""Văn"" Hải",Chuyên viên,Phòng Nội vụ,Công chức phòng chuyên môn,0913 222 333',
    '3,Lê Văn Hùng,Chủ tịch UBND,xã Tân Hung Xyz,Lãnh đạo UBND cấp xã,0914 333 444',
  ].join('\n');
  const path = join(mkdtempSync(join(tmpdir(), 'cchc-roster-')), 'danh-sach.csv');
  writeFileSync(path, `${csv}\n`);
  return path;
}

/**
 * The Interior Office's day in real headless Chromium at phone size, against the real server:
 * sign in, read the tracking counts, import a roster (one bad row skipped), record a reminder,
 * revoke a link after confirming — and the database shows each change. An analyst then sees
 * the counts but not the names.
 */
describe.skipIf(!canRunBrowser)('an officer runs the survey from a phone', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('console', () => ({ page, context, step }), [
    { ...OFFICER, role: 'officer', name: 'Trần Thị Bình' },
    { ...ANALYST, role: 'analyst', name: 'Lê Văn Thẩm' },
  ]);

  /** Signs in; `typos` wrong passwords first make the server ask this new device for a proof of work. */
  async function signIn(who: { email: string; password: string }, typos = 0) {
    context = await journey.browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
      locale: 'vi-VN',
    });
    page = await context.newPage();
    await page.goto(`${journey.server.base}/console`);
    await page.getByLabel('E-mail').fill(who.email);
    for (let i = 0; i < typos; i++) {
      await page.getByLabel('Mật khẩu').fill(`${who.password}-sai-${i}`);
      await page.getByRole('button', { name: 'Đăng nhập' }).tap();
      await page.getByRole('alert').getByText('E-mail hoặc mật khẩu không đúng.').waitFor();
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    }
    await page.getByLabel('Mật khẩu').fill(who.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).tap();
    await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
  }

  /** Nothing may be wider than the phone: long names wrap, tables become cards. */
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  it('tracking, roster import, reminder and revoke', async () => {
    step = 'sign-in';
    await signIn(OFFICER);
    expect(await page.textContent('header')).toContain('Cán bộ nội vụ');

    step = 'tracking';
    await page.getByRole('link', { name: /bản dùng thử/ }).tap();
    await page.getByRole('heading', { name: 'Tổng cộng' }).waitFor();
    const invited = page.locator('.stats > div', { hasText: 'Được mời' }).locator('dd');
    expect(await invited.textContent()).toBe('24');
    expect(await pageWidth()).toBeLessThanOrEqual(360);
    await keepScreenshot(page, 'console-1-tracking');

    step = 'roster-preview';
    await page.getByRole('link', { name: 'Nhập danh sách' }).tap();
    await page.getByLabel('Chọn tệp danh sách').setInputFiles(rosterFile());
    await page.getByRole('heading', { name: 'Xem trước: danh-sach.csv' }).waitFor();
    const errors = page.getByRole('region', { name: 'Lỗi' });
    expect(await errors.textContent()).toMatch(/Dòng 4 \(STT 3\):.*Tân Hung Xyz/);
    expect(await page.getByRole('button', { name: 'Nhập tất cả' }).isDisabled()).toBe(true);
    expect(await pageWidth()).toBeLessThanOrEqual(360);
    await keepScreenshot(page, 'console-2-roster-preview');

    step = 'roster-import';
    await page.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).tap();
    await page.getByRole('heading', { name: 'Đã nhập danh sách' }).waitFor();
    const people = await journey.server.db
      .selectFrom('respondent')
      .innerJoin('invitation', 'invitation.respondentId', 'respondent.id')
      .select(['respondent.name', 'respondent.workplace'])
      .where('invitation.campaignId', '=', DEMO_CAMPAIGN_ID)
      .execute();
    expect(people).toHaveLength(26);
    expect(people.map((p) => p.name)).toContain('<b>Trần</b> "Văn" Hải');

    step = 'invitations';
    await page.getByRole('link', { name: 'Lời mời', exact: true }).tap();
    const mai = page.getByRole('row', { name: /^Nguyễn Thị Mai/ });
    await mai.waitFor();
    // Typed markup is shown as text, never as markup.
    expect(await page.getByRole('row', { name: /^<b>Trần<\/b> "Văn" Hải/ }).count()).toBe(1);
    expect(await page.locator('main b', { hasText: 'Trần' }).count()).toBe(0);
    expect(await pageWidth()).toBeLessThanOrEqual(360);

    step = 'reminder';
    await mai.getByRole('button', { name: /^Đã nhắc/ }).tap();
    await mai.getByRole('button', { name: 'Zalo' }).tap();
    await mai.getByText('Đã ghi nhận nhắc qua Zalo.').waitFor();
    const reminders = await journey.server.db.selectFrom('reminder').select('channel').execute();
    expect(reminders).toEqual([{ channel: 'zalo' }]);

    step = 'revoke';
    await mai.getByRole('button', { name: /^Thu hồi/ }).tap();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Hủy' }).tap();
    await mai.getByRole('button', { name: /^Thu hồi/ }).tap();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Thu hồi' }).tap();
    await mai.getByText('Đã thu hồi đường dẫn.').waitFor();
    const revoked = await journey.server.db
      .selectFrom('invitation')
      .innerJoin('respondent', 'respondent.id', 'invitation.respondentId')
      .select('invitation.status')
      .where('respondent.name', '=', 'Nguyễn Thị Mai')
      .executeTakeFirstOrThrow();
    expect(revoked.status).toBe('revoked');
    await keepScreenshot(page, 'console-3-invitations');
  });

  it('an analyst sees the counts, and neither invitations nor the roster', async () => {
    step = 'analyst';
    await signIn(ANALYST, 3);
    // After three typos the server asked this new device for a proof of work; Chromium solved it.
    const paid = await journey.server.db
      .selectFrom('loginAttempt')
      .select('id')
      .where('id', 'like', 'pow:%')
      .execute();
    expect(paid).toHaveLength(1);
    await page.getByRole('link', { name: /bản dùng thử/ }).tap();
    await page.getByRole('heading', { name: 'Tổng cộng' }).waitFor();
    expect(await page.getByRole('link', { name: 'Lời mời', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Nhập danh sách' }).count()).toBe(0);
    await page.goto(`${journey.server.base}/console/c/${DEMO_CAMPAIGN_ID}/invitations`);
    await page.getByText('Tài khoản của Ông/Bà không có quyền xem mục này.').waitFor();
  });
});
