// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { OFFLINE_SUBMIT } from '../../survey-client/form/screens/end';
import { completeDraft, surveyView } from './fixture';
import {
  clickButton,
  errorReply,
  flush,
  heading,
  localDraft,
  RECEIPT,
  renderApp,
  stubServer,
  TOKEN,
  useTestEnv,
} from './helpers';

useTestEnv();

const view = surveyView();

/** A complete draft knowing An Phú only, opened at the review screen. */
async function openComplete() {
  const server = stubServer({ ...view, draft: completeDraft(view, ['X-ANPHU']) });
  await renderApp();
  return server;
}

describe('submitting', () => {
  it('sends every answer once, E for the communes not ticked, and shows the receipt', async () => {
    const server = await openComplete();
    await clickButton('Gửi phiếu');
    const [body] = server.posts();
    expect(body?.submissionId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    // 20 P01 answers + 12 P05 questions × 13 communes.
    expect(body?.answers).toHaveLength(20 + 12 * 13);
    const p05 = body?.answers.filter((a) => a.questionnaireId === 'P05') ?? [];
    expect(p05.filter((a) => a.unitCode === 'X-ANPHU').every((a) => a.option === 'B')).toBe(true);
    expect(p05.filter((a) => a.unitCode !== 'X-ANPHU').every((a) => a.option === 'E')).toBe(true);
    expect(body).toMatchObject({ comments: {}, demographics: {} });

    expect(heading()).toBe('Cảm ơn Ông/Bà đã tham gia khảo sát!');
    expect(screen.getByText(RECEIPT)).toBeTruthy();
    expect(screen.getByText(/chỉ xác nhận phiếu đã đến nơi, không cho biết/)).toBeTruthy();
    // Nothing of the answers stays on the device; the claim does (it shows this device the receipt).
    expect(localDraft()).toBeNull();
    expect(Object.keys(localStorage)).toEqual([`cchc:claim:${TOKEN}`]);
  });

  it('after a network failure, says so and retries on a timer with the same id and body', async () => {
    const server = await openComplete();
    server.queue('POST', 'network');
    await clickButton('Gửi phiếu');
    expect(screen.getByText(OFFLINE_SUBMIT)).toBeTruthy();
    expect(server.posts()).toHaveLength(1);
    // The draft stays on the device while the submit is pending.
    expect(localDraft()).not.toBeNull();

    await flush(2000);
    expect(server.posts()).toHaveLength(2);
    expect(server.posts()[1]).toEqual(server.posts()[0]);
    expect(screen.getByText(RECEIPT)).toBeTruthy();
  });

  it('retries at once when the network comes back, and backs off between timed retries', async () => {
    const server = await openComplete();
    server.queue('POST', 'network', { status: 503 }, 'network');
    await clickButton('Gửi phiếu');
    await flush(2000); // second try: 503
    expect(server.posts()).toHaveLength(2);
    await flush(3000); // the next one waits 4 s
    expect(server.posts()).toHaveLength(2);
    fireEvent(window, new Event('online')); // third try: network
    await flush();
    expect(server.posts()).toHaveLength(3);
    expect(screen.getByText(OFFLINE_SUBMIT)).toBeTruthy();
    fireEvent(window, new Event('online'));
    await flush();
    expect(server.posts()).toHaveLength(4);
    expect(new Set(server.posts().map((b) => JSON.stringify(b))).size).toBe(1);
    expect(screen.getByText(RECEIPT)).toBeTruthy();
  });

  it('"Gửi lại ngay" retries by hand', async () => {
    const server = await openComplete();
    server.queue('POST', 'network');
    await clickButton('Gửi phiếu');
    await clickButton('Gửi lại ngay');
    expect(server.posts()).toHaveLength(2);
    expect(screen.getByText(RECEIPT)).toBeTruthy();
  });

  it('goes on with the same body after a reload, and accepts the 200 of an identical retry', async () => {
    const server = await openComplete();
    server.queue('POST', 'network');
    await clickButton('Gửi phiếu');
    const first = server.posts()[0];

    // The tab is closed and opened again: a new app, the same device.
    const again = stubServer({ ...view, draft: completeDraft(view, ['X-ANPHU']) });
    again.setDefault('POST', { status: 200, body: { receipt: RECEIPT } });
    cleanup();
    await renderApp();
    expect(again.posts()).toEqual([first]);
    expect(screen.getByText(RECEIPT)).toBeTruthy();
  });

  it('409: the link was already used', async () => {
    const server = await openComplete();
    server.queue('POST', errorReply(409, 'already_submitted', 'Phiếu đã được gửi'));
    await clickButton('Gửi phiếu');
    expect(heading()).toBe('Phiếu của Ông/Bà đã được gửi');
    expect(screen.getByText(/mỗi đường dẫn chỉ gửi được một lần/)).toBeTruthy();
    expect(localStorage.getItem(`cchc:draft:${TOKEN}`)).toBeNull();
  });

  it('410: the campaign is over', async () => {
    const server = await openComplete();
    server.queue('POST', errorReply(410, 'closed', 'Đợt khảo sát đã kết thúc'));
    await clickButton('Gửi phiếu');
    expect(heading()).toBe('Đợt khảo sát đã kết thúc.');
    // Still who to call.
    expect(screen.getByRole('link', { name: '0271 3 123 456' })).toBeTruthy();
  });

  it('422: shows where the server objects, back on the review screen, and submits again', async () => {
    const server = await openComplete();
    server.queue(
      'POST',
      errorReply(422, 'invalid_answers', 'Câu trả lời không hợp lệ', [
        {
          questionnaireId: 'P05',
          questionId: 'q3',
          unitCode: 'X-ANPHU',
          message: 'Thiếu câu trả lời',
        },
      ]),
    );
    await clickButton('Gửi phiếu');
    expect(heading()).toBe('Xem lại trước khi gửi');
    expect(screen.getByRole('alert').textContent).toContain(
      'Phiếu số 05 · Câu 3 · UBND xã An Phú: Thiếu câu trả lời',
    );
    expect(localStorage.getItem(`cchc:submit:${TOKEN}`)).toBeNull();
    await clickButton('Gửi phiếu');
    expect(server.posts()[1]?.submissionId).toBe(server.posts()[0]?.submissionId);
    expect(screen.getByText(RECEIPT)).toBeTruthy();
  });

  it('a draft refused with 409 while answering (sent from another device) ends the form', async () => {
    const server = stubServer({
      ...view,
      draft: { answers: [], state: { screen: 'f:P01:LV1', savedAt: 1 } },
    });
    server.setDefault('PUT', errorReply(409, 'already_submitted'));
    await renderApp();
    fireEvent.click(screen.getAllByText('Rất tốt')[0] as HTMLElement);
    await flush(2000);
    expect(heading()).toBe('Phiếu của Ông/Bà đã được gửi');
  });
});
