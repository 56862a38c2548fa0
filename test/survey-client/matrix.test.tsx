// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { UNITS_TITLE } from '../../survey-client/form/screens/units';
import { questionnaire, surveyView } from './fixture';
import {
  checkedLabel,
  clickButton,
  group,
  heading,
  localDraft,
  question,
  renderApp,
  stubServer,
  tap,
  useTestEnv,
} from './helpers';

useTestEnv();

const view = surveyView();
const p05 = questionnaire(view, 'P05');
const LV1 = 'Công tác chỉ đạo, điều hành cải cách hành chính';

/** Opens the app on P05's "which communes" screen, as a draft saved there would. */
async function openUnits() {
  const server = stubServer({
    ...view,
    draft: { answers: [], state: { screen: 'u:P05', savedAt: 1 } },
  });
  await renderApp();
  return server;
}

const boxes = () => screen.getAllByRole('checkbox') as HTMLInputElement[];

describe('a matrix questionnaire (P05, 13 communes)', () => {
  it('asks first which communes the respondent knows, all 13 listed, with select all / none', async () => {
    await openUnits();
    expect(heading()).toBe(UNITS_TITLE);
    expect(p05.units).toHaveLength(13);
    expect(boxes().map((b) => b.closest('label')?.textContent)).toEqual(
      p05.units.map((u) => u.name),
    );
    expect(boxes().some((b) => b.checked)).toBe(false);

    await clickButton('Chọn tất cả');
    expect(boxes().every((b) => b.checked)).toBe(true);
    expect(screen.getByText(/Đã chọn 13\/13 đơn vị/)).toBeTruthy();
    expect(localDraft().state.known.P05).toEqual(p05.units.map((u) => u.code));

    await clickButton('Bỏ chọn tất cả');
    expect(boxes().some((b) => b.checked)).toBe(false);
    expect(localDraft().state.known.P05).toEqual([]);
  });

  it("skips P05's fields when no commune is ticked, and asks them once some are", async () => {
    await openUnits();
    // The progress counts P05's fields from the start: ticking communes never moves it back…
    expect(screen.getByRole('progressbar', { name: 'Phần 11/22' })).toBeTruthy();
    await clickButton('Tiếp tục');
    expect(heading()).toBe('Ý kiến, kiến nghị');
    // …and ticking none skips them: it jumps ahead.
    expect(screen.getByRole('progressbar', { name: 'Phần 20/22' })).toBeTruthy();
    await clickButton('Quay lại');

    tap(document.body, 'UBND xã An Phú');
    tap(document.body, 'UBND thị trấn Tân Khai');
    expect(screen.getByRole('progressbar', { name: 'Phần 11/22' })).toBeTruthy();
    await clickButton('Tiếp tục');
    expect(heading()).toBe(LV1);
    expect(screen.getByText(p05.title)).toBeTruthy();
    // Only the ticked communes, in the list's order.
    const units = within(question(1))
      .getAllByRole('group')
      .map((g) => g.querySelector('legend')?.textContent);
    expect(units).toEqual(['UBND thị trấn Tân Khai', 'UBND xã An Phú']);
    // The question heads its cards in a header that stays in sight (sticky, in form.css) for as
    // long as its cards are on screen: it is inside the question's group, before every card.
    const head = question(1).querySelector('.qhead');
    expect(head?.textContent).toBe(`Câu 1. ${p05.questions[0]?.text}`);
    expect(head?.nextElementSibling?.className).toBe('same');
    expect(head?.getAttribute('aria-hidden')).toBe('true');
  });

  it('answers each known commune on its own, or all at once with "Cùng một câu trả lời cho tất cả"', async () => {
    await openUnits();
    await clickButton('Chọn tất cả');
    await clickButton('Tiếp tục');
    const q1 = question(1);
    const anPhu = group('UBND xã An Phú', q1);
    tap(anPhu, 'Tốt');
    expect(checkedLabel(anPhu)).toBe('Tốt');

    const same = within(q1).getByLabelText('Cùng một câu trả lời cho tất cả') as HTMLSelectElement;
    fireEvent.change(same, { target: { value: 'A' } });
    for (const u of p05.units) expect(checkedLabel(group(u.name, q1))).toBe('Rất tốt');
    // It shows the answer they all share (so that arrow keys step on from it)…
    expect(same.value).toBe('A');
    // Only this question changed.
    expect(checkedLabel(group('UBND xã An Phú', question(2)))).toBeUndefined();

    tap(group('UBND xã Minh Đức', q1), 'Không biết/Không trả lời');
    expect(checkedLabel(group('UBND xã Minh Đức', q1))).toBe('Không biết/Không trả lời');
    expect(checkedLabel(group('UBND xã An Phú', q1))).toBe('Rất tốt');
    // …and "Chọn…" once they differ.
    expect(same.value).toBe('');
    const saved = localDraft().answers.filter((a: { questionId: string }) => a.questionId === 'q1');
    expect(saved).toHaveLength(13);
  });
});
