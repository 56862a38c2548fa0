import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtInDefinition, builtInProvinceDefinition } from '../../questionnaires';
import { provinceUnitSet } from '../../questionnaires/official';
import { createCampaign } from '../../server/campaigns/service';
import { createProvinceDemo, PROVINCE_DEMO_ID } from '../../server/demo/province';
import { addRespondents, listLinks } from '../../server/invitations/service';
import { fold } from '../../survey-client/form/find';
import { UNITS_TITLE } from '../../survey-client/form/screens/units';
import { a11yContext, axeFindings, describeFindings } from './axe';
import {
  answerScreen,
  canRunBrowser,
  keepScreenshot,
  nextScreen,
  phoneContext,
  screenTitle,
  useJourney,
} from './harness';

const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';
const CAMPAIGN = 'tinh-e2e';
const AREAS = ['Hớn Quản', 'Chơn Thành', 'Bình Long', 'Lộc Ninh', 'Đồng Phú'];
const FIRST =
  'Tân Phú Đồng Minh Thanh An Bình Lộc Mỹ Thuận Long Thành Phước Hòa Quang Nghĩa Đức Thịnh Tiến';
const LAST = ['Hưng', 'Lợi', 'Khai', 'Xuân', 'Đông'];
/** 95 communes of a merged province, 19 per former district: "Xã Tân Hưng" … "Xã Tiến Đông". */
const COMMUNES = AREAS.flatMap((area, a) =>
  FIRST.split(' ').map((first, n) => ({
    code: `X-${a}-${String(n).padStart(2, '0')}`,
    name: `Xã ${first} ${LAST[a]}`,
    area: `${area} (cũ)`,
  })),
);
/** The twelve a delegate works with, as typed on a phone without Vietnamese input. */
const TWELVE = [
  'tan hung',
  'dong xuan',
  'phuoc loi',
  'nghia khai',
  'duc dong',
  'my hung',
  'hoa loi',
  'thinh xuan',
  'quang khai',
  'tien dong',
  'an hung',
  'loc xuan',
];

/** A campaign over the 95 communes, with one delegate answering Phiếu 01 and Phiếu 05. */
async function provinceCampaign(journey: ReturnType<typeof useJourney>) {
  const { db, base } = journey.server;
  await createCampaign(db, {
    id: CAMPAIGN,
    name: 'Khảo sát xã hội học Chỉ số CCHC năm 2026',
    definition: builtInDefinition(),
    unitSet: {
      code: 'tinh-e2e-2026',
      name: 'Đơn vị hành chính (thử, 95 xã)',
      validFrom: '2026-01-01',
      units: [
        {
          code: '70',
          name: 'Tỉnh Đồng Nai',
          kind: 'tinh',
          parentCode: null,
          officialCode: null,
          area: null,
        },
        {
          code: '694',
          name: 'UBND huyện Hớn Quản',
          kind: 'huyen',
          parentCode: '70',
          officialCode: null,
          area: null,
        },
        ...COMMUNES.map((c) => ({ ...c, kind: 'xa', parentCode: '70', officialCode: null })),
      ],
    },
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    contact: { name: 'Sở Nội vụ tỉnh Đồng Nai', phone: '0251 3 822 000' },
  });
  await addRespondents(db, SECRET, CAMPAIGN, [
    { name: 'Trần Thị Hạnh', groupCode: 'HDND_HUYEN', position: 'Đại biểu HĐND tỉnh' },
  ]);
  const groups = new Map(builtInDefinition().groups.map((g) => [g.code, g.name]));
  const [link] = await listLinks(db, { publicUrl: base, secret: SECRET }, CAMPAIGN, groups);
  if (!link) throw new Error('no delegate link');
  return link.link;
}

/**
 * Issue #11.4 at phone size: a delegate who knows 12 of a province's 95 communes finds and ticks
 * them by typing, then rates them one question per screen with the question always in sight, the
 * progress only ever going forward, and «Quay lại» behaving as the phone's back.
 */
describe.skipIf(!canRunBrowser)('a provincial delegate rates 12 of 95 communes', () => {
  let context: BrowserContext;
  let page: Page;
  let step = 'start';
  const journey = useJourney('province', () => ({ page, context, step }));
  const heading = () => screenTitle(page);
  /** axe-core on the screen as it is (as in a11y.e2e.test.ts): no violation of any impact. */
  const axe = async (where: string) => {
    const findings = await axeFindings(page);
    expect.soft(findings, describeFindings(where, findings)).toEqual([]);
  };
  const part = async () =>
    Number(/Phần (\d+)\//.exec((await page.locator('.progress label').textContent()) ?? '')?.[1]);

  it('the Đồng Nai demo: a council delegate ticks 3 departments and 12 of 95 communes by typing, answers and submits', async () => {
    const { db, base } = journey.server;
    await createProvinceDemo(db, SECRET);
    const groups = new Map(builtInProvinceDefinition().groups.map((g) => [g.code, g.name]));
    const links = await listLinks(
      db,
      { publicUrl: base, secret: SECRET },
      PROVINCE_DEMO_ID,
      groups,
    );
    const link = links.find((l) => l.group_code === 'DB_HDND_TINH');
    if (!link) throw new Error('no council delegate in the province demo');
    const units = provinceUnitSet('75').units;
    const communes = units.filter((u) => ['xa', 'phuong', 'dac_khu'].includes(u.kind));
    expect(communes).toHaveLength(95);
    const twelve = communes.filter((_, i) => i % 8 === 5);
    expect(twelve).toHaveLength(12);
    const departments = ['Sở Nội vụ', 'Sở Tư pháp', 'Công an tỉnh'];
    context = await phoneContext(journey.browser);
    page = await context.newPage();
    const search = page.getByLabel('Tìm và chọn những đơn vị Ông/Bà nắm rõ để đánh giá');
    const count = () => page.locator('#units-count').textContent();
    /** Types a unit's name as a phone without Vietnamese input would, and taps it in the results. */
    const pick = async (name: string) => {
      const typed = fold(name.replace(/^(Xã|Phường|Đặc khu) /, ''));
      await search.fill(typed);
      const box = page.locator('#units-list').getByLabel(name, { exact: true });
      await box.tap();
      await expect.poll(() => box.isChecked()).toBe(true);
    };

    step = 'dong-nai';
    await page.goto(link.link);
    await expect.poll(heading).toMatch(/Khảo sát/);
    expect(await page.textContent('body')).toContain('Đại biểu HĐND tỉnh');
    // The welcome comes with the page ("Phần 1"); the count of parts once the form has loaded.
    await expect.poll(part).toBe(1);
    let last = await part();
    let sawBack = false;
    while (!(await page.getByRole('button', { name: 'Gửi phiếu' }).count())) {
      // The questionnaire's title above the heading; none on the welcome and demographics.
      const [kicker = ''] = await page.locator('.kicker').allTextContents();
      if ((await part()) === 1) {
        // The welcome.
      } else if (await search.count()) {
        expect(await heading()).toBe(UNITS_TITLE);
        if (kicker.startsWith('Phiếu số 01')) {
          step = 'departments';
          for (const name of departments) await pick(name);
          await expect.poll(count).toBe('Đã chọn 3/20 đơn vị.');
        } else {
          step = 'communes';
          // Folded by former district, in the official list's order, each area once.
          const areas = await page.locator('details.area summary').allTextContents();
          const expected = [...new Set(communes.map((c) => c.area?.toLowerCase()))];
          expect(areas.map((a) => a.replace(/ \(đã chọn 0\/\d+\)$/, '').toLowerCase())).toEqual(
            expected,
          );
          for (const c of twelve) await pick(c.name);
          await expect.poll(count).toBe('Đã chọn 12/95 đơn vị.');
          await search.fill('');
          await keepScreenshot(page, 'province-dong-nai-communes', { fullPage: false });
        }
      } else if (await page.locator('textarea').count()) {
        await page.locator('textarea').fill('Cần công khai thủ tục rõ hơn.');
      } else if (await page.getByRole('group', { name: 'Giới tính' }).count()) {
        await page
          .getByRole('group', { name: 'Giới tính' })
          .getByLabel('Nữ', { exact: true })
          .tap();
      } else {
        const question = (await page.locator('.qhead').textContent()) ?? '';
        step = `${kicker.slice(0, 12)} ${question.slice(0, 7)}`;
        // One question per screen, a card per unit ticked.
        expect(await page.getByRole('group', { name: /^Câu \d+\./ }).count()).toBe(1);
        const cards = await page.locator('fieldset.unit').count();
        expect(cards).toBe(kicker.startsWith('Phiếu số 01') ? 3 : 12);
        // Tile by tile on a questionnaire's first questions, then all at once, as people do.
        if (/^Câu [12]\./.test(question)) await answerScreen(page, (n) => n % 4);
        else await page.getByLabel('Cùng một câu trả lời cho tất cả').selectOption('B');
        if (kicker.startsWith('Phiếu số 02') && !sawBack && question.startsWith('Câu 2.')) {
          // «Quay lại» to Câu 1, then the phone's back: to the communes, never forward to Câu 2.
          sawBack = true;
          await page.getByRole('button', { name: 'Quay lại' }).tap();
          await expect.poll(part).toBe(last - 1);
          await page.goBack();
          await expect.poll(() => search.count()).toBe(1);
          await expect.poll(count).toBe('Đã chọn 12/95 đơn vị.');
          await page.goForward();
          await page.goForward();
          await expect.poll(part).toBe(last);
          await keepScreenshot(page, 'province-dong-nai-question', { fullPage: false });
        }
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await nextScreen(page);
      await expect.poll(part).toBeGreaterThan(last);
      last = await part();
    }
    expect(sawBack).toBe(true);

    step = 'dong-nai-submit';
    await page.getByRole('button', { name: 'Gửi phiếu' }).tap();
    await page.locator('#receipt').waitFor();
    const answers = await db
      .selectFrom('answer')
      .where('campaignId', '=', PROVINCE_DEMO_ID)
      .select(['questionnaireId', 'unitCode', 'option'])
      .execute();
    const of = (qn: string) => answers.filter((a) => a.questionnaireId === qn);
    // Every question about every unit: E for the 17 departments and 83 communes not ticked.
    expect(of('P01')).toHaveLength(16 * 20);
    expect(of('P01').filter((a) => a.option === 'E')).toHaveLength(16 * 17);
    expect(of('P02')).toHaveLength(12 * 95);
    const rated = new Set(
      of('P02')
        .filter((a) => a.option !== 'E')
        .map((a) => a.unitCode),
    );
    expect([...rated].sort()).toEqual(twelve.map((c) => c.code).sort());
  }, 240_000);

  it('finds and ticks 12 communes by typing, answers, and submits', async () => {
    const url = await provinceCampaign(journey);
    // A phone (360×740, touch) on which axe-core can run too.
    context = await a11yContext(journey.browser, 'phone');
    page = await context.newPage();

    step = 'phieu-01';
    await page.goto(url);
    await expect.poll(heading).toMatch(/Khảo sát/);
    const search = page.getByLabel('Tìm và chọn những đơn vị Ông/Bà nắm rõ để đánh giá');
    await expect.poll(part).toBe(1);
    let last = await part();
    while (!(await search.count())) {
      if (await page.locator('textarea').count())
        await page.locator('textarea').fill('Cần công khai thủ tục rõ hơn.');
      else await answerScreen(page, (n) => n % 4);
      await nextScreen(page);
      await expect.poll(part).toBeGreaterThan(last);
      last = await part();
    }

    step = 'communes';
    expect(await heading()).toBe(UNITS_TITLE);
    await keepScreenshot(page, 'province-1-communes', { fullPage: false });
    await axe('communes, folded by former district');
    const started = Date.now();
    for (const typed of TWELVE) {
      await search.fill(typed);
      await expect.poll(() => page.locator('#units-list input[type=checkbox]').count()).toBe(1);
      if (typed === 'tan hung')
        await keepScreenshot(page, 'province-2-search', { fullPage: false });
      await search.press('Enter');
      await expect.poll(() => search.inputValue()).toBe('');
    }
    // Typing is the slow part for a person; the form itself never is.
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect
      .poll(() => page.locator('#units-count').textContent())
      .toBe('Đã chọn 12/95 đơn vị.');
    expect(await page.getByRole('button', { name: /^Bỏ chọn Xã / }).count()).toBe(12);
    // A tap unticks one, a tap on its box in a search ticks it again.
    await page.getByRole('button', { name: 'Bỏ chọn Xã Tân Hưng' }).tap();
    await expect
      .poll(() => page.locator('#units-count').textContent())
      .toBe('Đã chọn 11/95 đơn vị.');
    await search.fill('Tân Hưng');
    await page.getByLabel('Xã Tân Hưng', { exact: true }).tap();
    await expect
      .poll(() => page.locator('#units-count').textContent())
      .toBe('Đã chọn 12/95 đơn vị.');
    await search.fill('');
    // Without a search, the communes are folded by former district, each saying what is ticked.
    const first = page.locator('details.area').first();
    expect(await first.locator('summary').textContent()).toBe('Hớn Quản (cũ) (đã chọn 3/19)');
    await first.locator('summary').tap();
    await expect.poll(() => first.locator('input:checked').count()).toBe(3);
    await search.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'province-3a-areas', { fullPage: false });
    await axe('communes, a former district open, some ticked');
    await first.locator('summary').tap();
    await page.locator('.picked').scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'province-3-picked', { fullPage: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await nextScreen(page);
    await expect.poll(part).toBeGreaterThan(last);
    last = await part();

    step = 'question-in-view';
    // One question per screen, one card per ticked commune.
    const questions = page.getByRole('group', { name: /^Câu \d+\./ });
    expect(await questions.count()).toBe(1);
    expect(await page.locator('fieldset.unit').count()).toBe(12);
    await keepScreenshot(page, 'province-4a-question-top', { fullPage: false });
    // Scrolled to the last card, the question it answers is still on screen, at the top.
    await page.locator('fieldset.unit').last().scrollIntoViewIfNeeded();
    const head = page.locator('.qhead');
    const box = await head.boundingBox();
    expect(box?.y).toBe(0);
    expect(await head.textContent()).toMatch(/^Câu 1\. /);
    await keepScreenshot(page, 'province-4-question-sticky', { fullPage: false });
    await axe('one question about 12 communes');
    await answerScreen(page, () => 1);
    // With the keyboard, down the cards and back up: no focused tile is ever under the question.
    const covered = () =>
      page.evaluate(() => {
        const head = document.querySelector('.qhead')?.getBoundingClientRect();
        const tile = document.activeElement?.closest('.tile')?.getBoundingClientRect();
        return head && tile ? Math.max(0, head.bottom - tile.top) : -1;
      });
    await page.getByLabel('Cùng một câu trả lời cho tất cả').focus();
    for (let card = 0; card < 12; card++) {
      await page.keyboard.press('Tab');
      expect(await covered()).toBe(0);
    }
    for (let card = 11; card > 0; card--) {
      // The card above left just under the question, as a thumb may leave it: the browser sees
      // its tile on screen and would not scroll to it.
      await page.evaluate((i) => {
        const head = document.querySelector('.qhead')?.getBoundingClientRect();
        const above = document.querySelectorAll('fieldset.unit')[i - 1];
        const tile = above?.querySelector('input:checked')?.closest('.tile');
        if (head && tile) window.scrollBy(0, tile.getBoundingClientRect().top - head.top - 10);
      }, card);
      await page.keyboard.press('Shift+Tab');
      expect(await covered()).toBe(0);
    }
    await nextScreen(page);
    await expect.poll(part).toBe(last + 1);
    const second = await page.locator('.qhead').textContent();
    expect(second).toMatch(/^Câu 2\. /);

    step = 'back';
    // «Quay lại», then the phone's back: to the communes, not forward to Câu 2 again.
    await page.getByRole('button', { name: 'Quay lại' }).tap();
    await expect.poll(part).toBe(last);
    expect(await page.locator('fieldset.unit input:checked').count()).toBe(12);
    await page.goBack();
    await expect.poll(() => search.count()).toBe(1);
    await page.goForward();
    await expect.poll(part).toBe(last);
    await page.goForward();
    await expect.poll(() => page.locator('.qhead').textContent()).toBe(second);
    last = await part();

    step = 'rest';
    while (!(await page.getByRole('button', { name: 'Gửi phiếu' }).count())) {
      const same = page.getByLabel('Cùng một câu trả lời cho tất cả');
      if (await page.locator('textarea').count())
        await page.locator('textarea').fill('Xã cần hướng dẫn dịch vụ công trực tuyến.');
      else if (await same.count()) await same.selectOption('B');
      else if (await page.getByRole('group', { name: 'Giới tính' }).count())
        await page
          .getByRole('group', { name: 'Giới tính' })
          .getByLabel('Nữ', { exact: true })
          .tap();
      await nextScreen(page);
      await expect.poll(part).toBeGreaterThan(last);
      last = await part();
    }

    step = 'submit';
    await page.getByRole('button', { name: 'Gửi phiếu' }).tap();
    await page.locator('#receipt').waitFor();
    const answers = await journey.server.db
      .selectFrom('answer')
      .where('campaignId', '=', CAMPAIGN)
      .select(['questionnaireId', 'unitCode', 'option'])
      .execute();
    const p05 = answers.filter((a) => a.questionnaireId === 'P05');
    expect(p05).toHaveLength(12 * 95);
    // The 83 communes not ticked are "Không biết" for every question; the 12 never are.
    const ticked = new Set(p05.filter((a) => a.option !== 'E').map((a) => a.unitCode));
    expect(ticked.size).toBe(12);
    expect(p05.filter((a) => a.option === 'E')).toHaveLength(12 * 83);
  }, 180_000);
});
