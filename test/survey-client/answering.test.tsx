// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { DRAFT_DELAY_MS } from '../../survey-client/form/sync';
import { questionnaire, surveyView } from './fixture';
import {
  checkedLabel,
  clickButton,
  flush,
  heading,
  localDraft,
  question,
  renderApp,
  stubServer,
  TOKEN,
  tap,
  useTestEnv,
} from './helpers';

useTestEnv();

const view = surveyView();
const p01 = questionnaire(view, 'P01');
const LV1 = 'Công tác chỉ đạo, điều hành cải cách hành chính';

async function openFirstField() {
  const server = stubServer(view);
  await renderApp();
  await clickButton('Tiếp tục');
  return server;
}

describe('answering a single-unit questionnaire', () => {
  it('shows one field per screen with its questions as tiles, E last', async () => {
    await openFirstField();
    expect(heading()).toBe(LV1);
    expect(screen.getByText(p01.title)).toBeTruthy();
    expect(screen.getByText(p01.intro)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Phần 2/22' })).toBeTruthy();
    const labels = [...question(1).querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Rất tốt', 'Tốt', 'Chưa tốt', 'Kém', 'Không biết/Không trả lời']);
    // Only LV1's questions are on this screen.
    const lv1 = p01.questions.filter((q) => q.fieldCode === 'LV1');
    expect(document.querySelectorAll('fieldset.q').length).toBe(lv1.length);
  });

  it('checks the option whose label is tapped, and moves on with the progress bar', async () => {
    await openFirstField();
    tap(question(1), 'Tốt');
    expect(checkedLabel(question(1))).toBe('Tốt');
    tap(question(1), 'Không biết/Không trả lời');
    expect(checkedLabel(question(1))).toBe('Không biết/Không trả lời');
    for (const q of [...document.querySelectorAll<HTMLElement>('fieldset.q')].slice(1))
      fireEvent.click(q.querySelector('label.tile') as HTMLElement);
    await clickButton('Tiếp tục');
    expect(heading()).toBe('Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật');
    expect(screen.getByRole('progressbar', { name: 'Phần 3/22' })).toBeTruthy();
    await clickButton('Quay lại');
    expect(checkedLabel(question(1))).toBe('Không biết/Không trả lời');
  });

  it('says once how many questions are left on the page, then moves on with a second press', async () => {
    await openFirstField();
    const note = () => screen.getAllByRole('status').find((e) => e.classList.contains('note'));
    expect(note()?.textContent).toBe('');
    const count = document.querySelectorAll('fieldset.q').length;
    tap(question(1), 'Tốt');
    await clickButton('Tiếp tục');
    expect(heading()).toBe(LV1);
    expect(note()?.textContent).toBe(
      `Còn ${count - 1} câu chưa trả lời ở phần này. Ông/Bà có thể trả lời ngay, hoặc bấm «Tiếp tục» lần nữa và quay lại sau; trang Xem lại sẽ liệt kê các câu này.`,
    );
    // Answering one more updates the count; the second press moves on, without a note there.
    fireEvent.click(question(2).querySelector('label.tile') as HTMLElement);
    expect(note()?.textContent).toMatch(new RegExp(`^Còn ${count - 2} câu`));
    await clickButton('Tiếp tục');
    expect(heading()).toBe('Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật');
    expect(note()?.textContent).toBe('');
  });

  it('keeps every change on the device at once, and sends the server one draft per pause', async () => {
    const server = await openFirstField();
    tap(question(1), 'Rất tốt');
    tap(question(2), p01.questions[1]?.options[1]?.label ?? '');
    expect(localDraft().answers).toEqual(
      expect.arrayContaining([
        { questionnaireId: 'P01', questionId: 'q1', unitCode: '694', option: 'A' },
        { questionnaireId: 'P01', questionId: 'q2', unitCode: '694', option: 'B' },
      ]),
    );
    expect(localDraft().state).toMatchObject({ screen: 'f:P01:LV1', savedAt: expect.any(Number) });

    await flush(DRAFT_DELAY_MS - 100);
    const before = server.puts().length;
    await flush(100);
    expect(server.puts().length).toBe(before + 1);
    const put = server.puts().at(-1);
    expect(put?.path).toBe(`/api/s/${TOKEN}/draft`);
    expect(put?.body).toEqual(localDraft());
  });

  it('keeps a tap on the device before the next frame: a reload right after it keeps the answer', async () => {
    await openFirstField();
    // A plain click, outside testing-library's act(): effects wait for a frame, as in a browser.
    within(question(1)).getByText('Kém', { exact: true }).click();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(localDraft().answers).toContainEqual(
      expect.objectContaining({ questionId: 'q1', option: 'D' }),
    );
  });

  it('flushes the draft with keepalive when the page is hidden', async () => {
    const server = await openFirstField();
    await flush(DRAFT_DELAY_MS);
    const before = server.puts().length;
    tap(question(1), 'Kém');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    fireEvent(document, new Event('visibilitychange'));
    await flush();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    expect(server.puts().length).toBe(before + 1);
    expect(server.puts().at(-1)).toMatchObject({ keepalive: true });
    expect(JSON.stringify(server.puts().at(-1)?.body)).toContain('"option":"D"');
  });

  it('flushes the draft on pagehide', async () => {
    const server = await openFirstField();
    await flush(DRAFT_DELAY_MS);
    tap(question(1), 'Chưa tốt');
    fireEvent(window, new Event('pagehide'));
    await flush();
    expect(server.puts().at(-1)).toMatchObject({ keepalive: true });
    expect(JSON.stringify(server.puts().at(-1)?.body)).toContain('"option":"C"');
  });

  it('says the answers stay on the device while offline, and syncs when the network returns', async () => {
    const server = await openFirstField();
    await flush(DRAFT_DELAY_MS);
    server.setDefault('PUT', 'network');
    tap(question(1), 'Tốt');
    await flush(DRAFT_DELAY_MS);
    expect(screen.getByText(/câu trả lời vẫn được lưu trên máy này/)).toBeTruthy();
    expect(localDraft().answers).toContainEqual(expect.objectContaining({ option: 'B' }));

    server.setDefault('PUT', { status: 204 });
    const before = server.puts().length;
    fireEvent(window, new Event('online'));
    await flush();
    expect(server.puts().length).toBe(before + 1);
    expect(JSON.stringify(server.puts().at(-1)?.body)).toContain('"option":"B"');
    expect(screen.queryByText(/câu trả lời vẫn được lưu trên máy này/)).toBeNull();
    expect(screen.getByText('Đã lưu câu trả lời.')).toBeTruthy();
  });

  it('keeps the optional comment', async () => {
    stubServer({ ...view, draft: { answers: [], state: { screen: 'c:P01', savedAt: 1 } } });
    await renderApp();
    expect(heading()).toBe('Ý kiến, kiến nghị');
    const box = screen.getByLabelText(p01.comment?.text ?? '');
    fireEvent.input(box, { target: { value: 'Cần rút ngắn thời gian giải quyết hồ sơ.' } });
    expect(localDraft().comments).toEqual({ P01: 'Cần rút ngắn thời gian giải quyết hồ sơ.' });
  });

  it('keeps the optional demographics, which can be cleared', async () => {
    stubServer({ ...view, draft: { answers: [], state: { screen: 'demographics', savedAt: 1 } } });
    await renderApp();
    expect(heading()).toBe('Thông tin chung');
    tap(screen.getByRole('group', { name: 'Độ tuổi' }), '41–50');
    expect(localDraft().demographics).toEqual({ age: '41–50' });
    await clickButton('Bỏ chọn: Độ tuổi');
    expect(localDraft().demographics).toEqual({});
  });

  it('has no demographics screen when the view asks none', async () => {
    stubServer({ ...view, demographics: [] });
    await renderApp();
    expect(screen.getByRole('progressbar', { name: 'Phần 1/21' })).toBeTruthy();
  });
});
