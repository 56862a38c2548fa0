import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtInDefinition } from '../../questionnaires';
import { DEMO_CAMPAIGN_ID } from '../../server/demo/demo';
import { canRunBrowser, keepScreenshot, useJourney } from './harness';

const OFFICER = {
  email: 'nhap.phieu@noivu.gov.vn',
  password: 'mật-khẩu-nhập-phiếu-dài',
  name: 'Cán bộ nhập phiếu',
};
const definition = builtInDefinition();
const API = `/api/campaigns/${DEMO_CAMPAIGN_ID}`;

/** Pages of a PDF as Chromium writes it: one "/Type /Page" object per page. */
const pageCount = (pdf: Buffer) =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

/** What has the keyboard focus, said as a test reads it. */
const focusOf = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLInputElement | null;
    return { tag: e?.tagName ?? '', name: e?.name ?? '', label: e?.labels?.[0]?.textContent ?? '' };
  });

/**
 * Issue #13.13 in real Chromium: a paper sheet typed in with the keyboard alone (the serial, Enter,
 * a digit per box, on to the comment and "Thông tin chung", Ctrl+Enter saves), a clean form for
 * the next one; and the printed paper form, as a PDF, within three A4 pages for every group.
 */
describe.skipIf(!canRunBrowser)('paper forms: printed short, typed in from the keyboard', () => {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let step = 'start';
  const journey = useJourney('paper', () => ({ page, context, step }), [
    { ...OFFICER, role: 'officer' },
  ]);

  async function signIn() {
    context = await journey.browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
    });
    const office = await context.newPage();
    page = office;
    await office.goto(`${journey.server.base}/console/login`);
    await office.getByLabel('E-mail').fill(OFFICER.email);
    await office.getByLabel('Mật khẩu').fill(OFFICER.password);
    await office.getByRole('button', { name: 'Đăng nhập' }).click();
    await office.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
    return office;
  }

  /** The paper form of the first person of `group` still to answer, opened in its own tab. */
  async function printed(office: Page, group: string) {
    const res = await office.request.get(
      `${journey.server.base}${API}/invitations?group=${group}&status=not_opened&pageSize=1`,
    );
    const id = ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
    const form = await office.context().newPage();
    await form.goto(`${journey.server.base}${API}/paper?ids=${id}`);
    return form;
  }

  it('every group’s paper form prints on at most three A4 pages, every box kept', async () => {
    const office = await signIn();
    const pages: Record<string, number> = {};
    for (const g of definition.groups) {
      step = `print-${g.code}`;
      const form = await printed(office, g.code);
      const pdf = await form.pdf({ format: 'A4', preferCSSPageSize: true });
      pages[g.code] = pageCount(pdf);
      // Every question of every sheet keeps its five boxes (per commune on a matrix sheet).
      for (const id of g.questionnaires) {
        const q = definition.questionnaires.find((x) => x.id === id);
        const boxes = await form.locator(`[data-questionnaire="${id}"] .box`).count();
        expect(boxes, id).toBe((q?.questions.length ?? 0) * (q?.mode === 'matrix' ? 13 : 1) * 5);
      }
      await keepScreenshot(form, `paper-form-${g.code}`);
      await form.close();
    }
    // The longest, Phiếu số 02 + Phiếu số 05 (24 questions, then 12 about each of 13 communes),
    // was 12 pages, Phiếu số 01 + 05 11; Phiếu số 03 and 04 were 4.
    expect(Object.keys(pages)).toHaveLength(4);
    for (const [group, n] of Object.entries(pages)) expect(n, group).toBeLessThanOrEqual(3);
    expect(pages.LD_UBND_XA).toBeLessThanOrEqual(2);
    expect(pages.CC_CQCM_HUYEN).toBeLessThanOrEqual(2);
  }, 90_000);

  it('a sheet is typed with the keyboard alone and leaves a clean form for the next', async () => {
    const office = await signIn();
    step = 'print';
    const form = await printed(office, 'LD_UBND_XA');
    const serial = (await form.locator('.serial').first().textContent()) ?? '';
    const stub = (await form.locator('.stub .code').first().textContent()) ?? '';
    await form.close();

    step = 'stub';
    await office.goto(`${journey.server.base}/console/c/${DEMO_CAMPAIGN_ID}/paper`);
    await office.getByRole('button', { name: 'Nhận cuống phiếu' }).click();
    await office.getByLabel('Mã phiếu giấy (trên cuống phiếu)').fill(stub);
    await office.getByRole('button', { name: 'Nhận cuống phiếu' }).last().click();
    await office.getByText(/^Đã nhận cuống phiếu của/).waitFor();

    step = 'serial';
    await office.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
    const serialBox = office.getByLabel('Số phiếu (in ở đầu tờ trả lời)');
    await serialBox.click();
    // Typed as read off the paper, without its dashes, then Enter: on to the first box.
    await office.keyboard.type(serial.replaceAll('-', '').toLowerCase());
    await office.keyboard.press('Enter');
    await office.locator('.answer-grid input:focus').waitFor({ timeout: 5000 });
    expect(await focusOf(office)).toMatchObject({ tag: 'INPUT', name: 'P03|q1|694' });
    expect(await office.getByRole('radio', { name: /^Phiếu số 03/ }).isChecked()).toBe(true);

    step = 'boxes';
    const p03 = definition.questionnaires.find((q) => q.id === 'P03');
    const n = p03?.questions.length ?? 0;
    for (let i = 0; i < n; i++) await office.keyboard.type(String((i % 5) + 1));
    expect(await office.locator('.answer-grid input:checked').count()).toBe(n);
    expect(await office.getByText(`Đã nhập ${n}/${n} ô`).isVisible()).toBe(true);
    // After the last box: the comment; Tab on to "Thông tin chung", a digit picks an option.
    expect((await focusOf(office)).tag).toBe('TEXTAREA');
    await office.keyboard.type('Giảm giấy tờ.');
    await office.keyboard.press('Tab');
    expect((await focusOf(office)).label).toMatch(/^Giới tính/);
    await office.keyboard.press('2');
    expect((await focusOf(office)).label).toMatch(/^Độ tuổi/);
    await office.keyboard.press('Enter');
    expect((await focusOf(office)).label).toMatch(/^Trình độ chuyên môn/);
    await keepScreenshot(office, 'paper-entry-typed', { fullPage: false });

    step = 'save';
    await office.keyboard.press('Control+Enter');
    await office.getByText(/^Đã lưu phiếu số /).waitFor();
    await keepScreenshot(office, 'paper-entry-saved', { fullPage: false });
    const formText = (await office.locator('form.paper-entry').textContent()) ?? '';
    expect(formText).toContain(`Đã lưu phiếu số ${serial}`);
    // Nothing of the saved sheet is left: no serial, no "printed on" line, no box, no text.
    expect(await serialBox.inputValue()).toBe('');
    expect(formText).not.toContain('được in trên các tờ');
    expect(await office.locator('.answer-grid input:checked').count()).toBe(0);
    expect(await office.locator('form.paper-entry textarea').inputValue()).toBe('');
    expect(await office.getByLabel('Giới tính').inputValue()).toBe('');
    expect(await focusOf(office)).toMatchObject({ tag: 'INPUT', name: '' });
    expect(await office.evaluate(() => document.activeElement?.closest('.serial-field'))).not.toBe(
      null,
    );
    const entered = await journey.server.db
      .selectFrom('paperSerial')
      .select('entered')
      .where('entered', '=', 1)
      .execute();
    expect(entered).toHaveLength(1);
  }, 60_000);
});
