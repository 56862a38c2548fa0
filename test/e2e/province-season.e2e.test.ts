import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SurveyView } from '../../contract/respondent';
import { builtInProvinceDefinition } from '../../questionnaires';
import { setCampaignOpen } from '../../server/campaigns/service';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { createProvinceDemo, PROVINCE_DEMO_ID } from '../../server/demo/province';
import { listLinks } from '../../server/invitations/service';
import { createRun, lockRun } from '../../server/results/service';
import { canRunBrowser, keepScreenshot, useJourney } from './harness';

/**
 * Issue #11, "Done when", the office's side of a 2026 province season: the officer tracks 130
 * group × unit rows of the Đồng Nai demo and closes it; the analyst scores both indexes, ranked,
 * with official codes, and compares with the 2023 Hớn Quản demo through the 2025 mergers (Tân
 * Hưng 2026 against Thanh An, An Khương and Tân Hưng 2023). The delegate's own way through the
 * form is province.e2e.test.ts.
 */

const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';
const OFFICER = {
  email: 'so-noi-vu@dongnai.gov.vn',
  password: 'mật-khẩu-sở-nội-vụ',
  role: 'officer' as const,
  name: 'Trần Văn Cán Bộ',
};
const ANALYST = {
  email: 'tham-dinh@dongnai.gov.vn',
  password: 'mật-khẩu-thẩm-định',
  role: 'analyst' as const,
  name: 'Lê Thị Thẩm Định',
};
/** The 2026 communes made of 2023 Hớn Quản ones (official codes). */
const FROM_HON_QUAN = ['25345', '25349', '25357', '25351', '25326'];

/** Opens a link as a phone would, and submits: `option` for the units `rated`, E for the rest. */
async function answerByApi(
  link: string,
  rated: (unitCode: string, questionnaireId: string) => boolean,
  option: 'A' | 'B' | 'C',
) {
  const view = (await (await fetch(`${link.replace('/s/', '/api/s/')}`)).json()) as SurveyView;
  const claim = view.claim ?? '';
  const answers = view.questionnaires.flatMap((q) =>
    q.questions.flatMap((question) =>
      q.units.map((u) => ({
        questionnaireId: q.id,
        questionId: question.id,
        unitCode: u.code,
        option: rated(u.code, q.id) ? option : ('E' as const),
      })),
    ),
  );
  const res = await fetch(`${link.replace('/s/', '/api/s/')}/submit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Claim': claim },
    body: JSON.stringify({
      submissionId: `e2e_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
      answers,
    }),
  });
  expect(res.status).toBe(201);
}

describe.skipIf(!canRunBrowser)('a 2026 province season, the office side', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('province-season', () => ({ page, context, step }), [
    OFFICER,
    ANALYST,
  ]);

  async function signIn(who: { email: string; password: string }) {
    context = await journey.browser.newContext({
      viewport: { width: 1366, height: 800 },
      locale: 'vi-VN',
    });
    page = await context.newPage();
    await page.goto(`${journey.server.base}/console/login`);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Mật khẩu').fill(who.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
  }

  it('tracks 130 rows, closes, scores both indexes with official codes, compares across the mergers', async () => {
    const { db, base, links: links2023 } = journey.server;

    step = 'seed-2023';
    // The 2023 demo, answered by its council delegates and office leaders (they rate every
    // commune), closed, scored and locked: last year's published results.
    for (const l of links2023.filter((x) => ['HDND_HUYEN', 'LD_CQCM_HUYEN'].includes(x.group_code)))
      await answerByApi(l.url, () => true, 'B');
    await setCampaignOpen(db, DEMO_CAMPAIGN_ID, false);
    const run2023 = await createRun(db, DEMO_CAMPAIGN_ID);
    await lockRun(db, DEMO_CAMPAIGN_ID, run2023.id, null);

    step = 'seed-2026';
    await createProvinceDemo(db, SECRET);
    const groups = new Map(builtInProvinceDefinition().groups.map((g) => [g.code, g.name]));
    const links = await listLinks(
      db,
      { publicUrl: base, secret: SECRET },
      PROVINCE_DEMO_ID,
      groups,
    );
    const of = (group: string, n: number) =>
      links.filter((l) => l.group_code === group).slice(0, n);
    // Delegates and department leaders who work with the former Hớn Quản communes.
    for (const l of of('DB_HDND_TINH', 4))
      await answerByApi(
        l.link,
        (u, q) => FROM_HON_QUAN.includes(u) || (q === 'P01' && u === 'SNV'),
        'A',
      );
    for (const l of of('LD_SO', 4))
      await answerByApi(l.link, (u) => FROM_HON_QUAN.includes(u), 'B');
    for (const l of of('LD_UBND_XA', 4))
      await answerByApi(l.link, (u) => u === 'SNV' || u === 'STP', 'B');

    step = 'officer-tracks';
    await signIn(OFFICER);
    await page.goto(`${base}/console/c/${PROVINCE_DEMO_ID}`);
    const units = page.getByRole('region', { name: 'Theo nhóm và đơn vị' });
    await units.waitFor();
    // 20 departments × 2 groups + 95 communes × 2 groups + the delegates: 231 rows, 50 a page.
    await expect.poll(() => units.locator('.list-status').textContent()).toMatch(/^231 dòng/);
    await units.getByLabel('Tìm đơn vị').fill('tan hung');
    await expect
      .poll(() => units.locator('.list-status').textContent())
      .toMatch(/^2 trong 231 dòng khớp bộ lọc/);
    expect(await units.locator('tbody').textContent()).toContain('Xã Tân Hưng');
    await keepScreenshot(page, 'province-season-1-tracking', { fullPage: false });

    step = 'officer-closes';
    await page.getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Đóng đợt khảo sát' }).click();
    await page.getByRole('button', { name: 'Mở lại đợt khảo sát' }).waitFor();
    await context.close();

    step = 'analyst-scores';
    await signIn(ANALYST);
    await page.goto(`${base}/console/c/${PROVINCE_DEMO_ID}/results`);
    await page.getByRole('button', { name: 'Chạy tính điểm' }).click();
    const departments = page.getByRole('region', {
      name: /Xếp hạng theo điểm khảo sát.*Chỉ số CCHC của các sở, ban, ngành tỉnh/,
    });
    const communes = page.getByRole('region', {
      name: /Xếp hạng theo điểm khảo sát.*Chỉ số CCHC của UBND xã, phường, đặc khu/,
    });
    await communes.waitFor();
    expect(await departments.textContent()).toContain('Sở Nội vụ');
    // Ranked, with the official code of each commune.
    const first = communes.locator('table.r-ranking tbody tr').first();
    expect(await first.locator('td').first().textContent()).toBe('1');
    expect(await communes.textContent()).toMatch(/Xã Tân Hưng\s*Mã ĐVHC 25345/);
    await keepScreenshot(page, 'province-season-2-ranking', { fullPage: false });

    step = 'analyst-compares';
    const compare = page.getByRole('region', { name: 'So sánh với năm trước' });
    await compare.getByRole('table', { name: 'So sánh theo đơn vị' }).waitFor();
    // 115 units, 25 a page: found by typing, without diacritics.
    const search = compare.getByRole('searchbox', { name: /Tìm đơn vị/ });
    await search.fill('an loc');
    // A commune nobody rated this year has no percentage, not 0 %.
    const anLoc = compare.getByRole('row', { name: /^Phường An Lộc/ });
    expect(await anLoc.getByRole('cell').first().textContent()).toBe('—');
    await search.fill('tan hung');
    const tanHung = compare.getByRole('row', { name: /^Xã Tân Hưng/ });
    expect(await tanHung.textContent()).toContain('so với Thanh An, An Khương và Tân Hưng (2023)');
    await tanHung.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'province-season-3-compare', { fullPage: false });
    // Some commune took part of an old one: said so, on one of the pages.
    await search.fill('');
    const table = compare.getByRole('table', { name: 'So sánh theo đơn vị' });
    const next = compare.getByRole('button', { name: 'Trang sau →' }).first();
    let said = false;
    for (let p = 0; p < 5 && !said; p++) {
      said = ((await table.textContent()) ?? '').includes('không so sánh trực tiếp được:');
      if (!said && (await next.isEnabled())) await next.click();
    }
    expect(said).toBe(true);
  }, 240_000);
});
