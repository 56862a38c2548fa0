// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { UNITS_TITLE } from '../../survey-client/form/screens/units';
import { AREAS, provinceView, questionnaire } from './fixture';
import {
  clickButton,
  flush,
  group,
  heading,
  localDraft,
  renderApp,
  stubServer,
  useTestEnv,
} from './helpers';

useTestEnv();

const view = provinceView();
const p05 = questionnaire(view, 'P05');
const codeOf = (name: string) => p05.units.find((u) => u.name === name)?.code;

/** Opens the app on P05's "which communes" screen, as a draft saved there would. */
async function openUnits(known: string[] = []) {
  const server = stubServer({
    ...view,
    draft: { answers: [], state: { screen: 'u:P05', known: { P05: known }, savedAt: 1 } },
  });
  await renderApp();
  expect(heading()).toBe(UNITS_TITLE);
  return server;
}

const search = () =>
  screen.getByLabelText('Tìm và chọn những đơn vị Ông/Bà nắm rõ để đánh giá') as HTMLInputElement;
async function type(text: string) {
  fireEvent.input(search(), { target: { value: text } });
  await flush();
}
/** The boxes on screen: those of open areas or of a search's results. */
const shownBoxes = () =>
  (screen.queryAllByRole('checkbox') as HTMLInputElement[]).filter(
    (b) => !b.closest('details:not([open])'),
  );
const boxNames = () => shownBoxes().map((b) => b.closest('label')?.textContent);
const count = () => document.getElementById('units-count')?.textContent;
const chips = () =>
  screen
    .queryAllByRole('button', { name: /^Bỏ chọn Xã / })
    .map((b) => b.getAttribute('aria-label'));

describe('choosing 12 communes among 95', () => {
  it('finds "Xã Tân Hưng" as "tan hung" is typed, ticks it, and lists it as chosen', async () => {
    await openUnits();
    // Folded by former district: five areas, nothing ticked, no box in sight yet.
    const summaries = [...document.querySelectorAll('details.area summary')].map(
      (s) => s.textContent,
    );
    expect(summaries).toEqual(AREAS.map((a) => `${a} (đã chọn 0/19)`));
    expect(shownBoxes()).toHaveLength(0);
    expect(count()).toMatch(/^Đã chọn 0\/95 đơn vị\./);

    await type('tan');
    expect(boxNames()).toEqual(AREAS.map(() => expect.stringMatching(/^Xã Tân /)));
    await type('tan hung');
    expect(boxNames()).toEqual(['Xã Tân Hưng']);
    expect(screen.getByText('Tìm thấy 1 đơn vị.').getAttribute('role')).toBe('status');
    // The result says which former district it is in.
    expect(group('Huyện Hớn Quản (cũ)')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Xã Tân Hưng'));
    await flush();
    expect(shownBoxes()[0]?.checked).toBe(true);
    expect(count()).toBe('Đã chọn 1/95 đơn vị.');
    expect(chips()).toEqual(['Bỏ chọn Xã Tân Hưng']);
    expect(localDraft().state.known.P05).toEqual([codeOf('Xã Tân Hưng')]);

    await type('khong co xa nay');
    expect(shownBoxes()).toHaveLength(0);
    expect(screen.getByText(/^Không tìm thấy đơn vị nào/)).toBeTruthy();
    // What is ticked stays listed, whatever the search shows.
    expect(chips()).toEqual(['Bỏ chọn Xã Tân Hưng']);
  });

  it('ticks the one unit a search finds on Enter and clears the box for the next: 12 in a row', async () => {
    await openUnits();
    const twelve = [
      'Xã Tân Hưng',
      'Xã Đồng Xuân',
      'Xã Phước Lợi',
      'Xã Nghĩa Khai',
      'Xã Đức Đông',
      'Xã Mỹ Hưng',
      'Xã Hòa Lợi',
      'Xã Thịnh Xuân',
      'Xã Quang Khai',
      'Xã Tiến Đông',
      'Xã An Hưng',
      'Xã Lộc Xuân',
    ];
    for (const name of twelve) {
      // Typed the way a phone keyboard without Vietnamese input would: no marks at all.
      await type(
        name
          .slice(3)
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace('Đ', 'D'),
      );
      expect(boxNames()).toEqual([name]);
      fireEvent.keyDown(search(), { key: 'Enter' });
      await flush();
      expect(search().value).toBe('');
    }
    expect(count()).toBe('Đã chọn 12/95 đơn vị.');
    // Listed in the questionnaire's order, as the matrix will ask them.
    const order = p05.units.filter((u) => twelve.includes(u.name)).map((u) => `Bỏ chọn ${u.name}`);
    expect(chips()).toEqual(order);
    expect(localDraft().state.known.P05).toHaveLength(12);
    // Each area says how many of its communes are ticked.
    expect(document.querySelector('details.area summary')?.textContent).toBe(
      'Huyện Hớn Quản (cũ) (đã chọn 3/19)',
    );

    // Enter on a search with several results ticks nothing.
    await type('xuan');
    fireEvent.keyDown(search(), { key: 'Enter' });
    await flush();
    expect(count()).toBe('Đã chọn 12/95 đơn vị.');
    expect(search().value).toBe('xuan');

    // A chip unticks its commune; the focus goes to the count, which the chip's removal left.
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ chọn Xã Đồng Xuân' }));
    await flush();
    expect(count()).toBe('Đã chọn 11/95 đơn vị.');
    expect(document.activeElement?.id).toBe('units-count');
    expect(localDraft().state.known.P05).not.toContain(codeOf('Xã Đồng Xuân'));
  });

  it('ticks or unticks a whole former district, and all at once', async () => {
    await openUnits([codeOf('Xã Tân Hưng') ?? '']);
    await clickButton('Chọn cả khu vực Huyện Chơn Thành (cũ)');
    expect(count()).toBe('Đã chọn 20/95 đơn vị.');
    const chonThanh = p05.units.filter((u) => u.area === 'Huyện Chơn Thành (cũ)');
    expect(localDraft().state.known.P05).toEqual([
      codeOf('Xã Tân Hưng'),
      ...chonThanh.map((u) => u.code),
    ]);
    await clickButton('Bỏ chọn cả khu vực Huyện Chơn Thành (cũ)');
    expect(count()).toBe('Đã chọn 1/95 đơn vị.');
    await clickButton('Chọn cả khu vực Huyện Lộc Ninh (cũ)');
    await clickButton('Bỏ chọn tất cả');
    expect(count()).toMatch(/^Đã chọn 0\/95 đơn vị\./);
    expect(chips()).toEqual([]);
    // Someone who knows them all says so in one tap.
    await clickButton('Chọn tất cả 95 đơn vị');
    expect(count()).toBe('Đã chọn 95/95 đơn vị.');
    expect(localDraft().state.known.P05).toEqual(p05.units.map((u) => u.code));
    expect(screen.queryByRole('button', { name: 'Chọn tất cả 95 đơn vị' })).toBeNull();
  });

  it('then asks one question per screen about the ticked communes only, progress unmoved', async () => {
    await openUnits();
    const part = () => screen.getByRole('progressbar').getAttribute('value');
    expect(screen.getByText('Phần 11/26')).toBeTruthy();
    for (const name of ['tan hung', 'dong xuan']) {
      await type(name);
      fireEvent.keyDown(search(), { key: 'Enter' });
      await flush();
    }
    expect(part()).toBe('11');
    await clickButton('Tiếp tục');
    expect(screen.getByText('Phần 12/26')).toBeTruthy();
    expect(heading()).toBe(p05.fields[0]?.name);
    const questions = screen.getAllByRole('group', { name: /^Câu \d+\./ });
    expect(questions).toHaveLength(1);
    const cards = within(questions[0] as HTMLElement)
      .getAllByRole('group')
      .map((g) => g.querySelector('legend')?.textContent);
    expect(cards).toEqual(['Xã Tân Hưng', 'Xã Đồng Xuân']);
    expect(questions[0]?.querySelector('.qhead')?.textContent).toBe(
      `Câu 1. ${p05.questions[0]?.text}`,
    );
  });
});
