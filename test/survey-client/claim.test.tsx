// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { resumeCodeOf } from '../../contract/resume-code';
import { completeDraft, surveyView } from './fixture';
import {
  CLAIM,
  clickButton,
  continueTo,
  errorReply,
  flush,
  heading,
  RECEIPT,
  renderApp,
  stubServer,
  TOKEN,
  tap,
  useTestEnv,
} from './helpers';

useTestEnv();

const view = surveyView();
const CODE = resumeCodeOf(CLAIM);
const OTHER_DEVICE = 'Đường dẫn này đã được mở trên một thiết bị khác';
const claimed = () =>
  errorReply(403, 'claimed', 'Đường dẫn này đã được mở trên một thiết bị khác.');

async function typeCode(code: string) {
  fireEvent.input(screen.getByLabelText('Mã tiếp tục'), { target: { value: code } });
  await clickButton('Tiếp tục trả lời');
}

describe('the link’s claim', () => {
  it('is kept on the device from the first open and sent with every draft and submit', async () => {
    const server = stubServer(view);
    await renderApp();
    expect(server.calls[0]?.claim).toBeUndefined();
    expect(localStorage.getItem(`cchc:claim:${TOKEN}`)).toBe(JSON.stringify(CLAIM));
    // The person sees the resume code, and what it is for, from the start.
    expect(CODE).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(screen.getByText(CODE)).toBeTruthy();
    expect(screen.getByText(/nhập mã này/).textContent).toMatch(/máy tính khác/);

    await clickButton('Tiếp tục');
    // …and in a small place on every screen.
    expect(screen.getByText(CODE).closest('p')?.textContent).toBe(`Mã tiếp tục: ${CODE}`);
    tap(screen.getByRole('group', { name: /^Câu 1\./ }), 'Tốt');
    await flush(2000);
    expect(server.puts().map((c) => c.claim)).toEqual([CLAIM]);
  });

  it('opens the link again on this device with the claim kept, and goes on submitting with it after a reload', async () => {
    const first = stubServer({ ...view, draft: completeDraft(view, ['X-ANPHU']) });
    await renderApp();
    first.queue('POST', 'network');
    await clickButton('Gửi phiếu');
    cleanup();

    // Reopened: the server gives no claim any more; the one kept is sent on the GET and the retry.
    const again = stubServer({ ...view, draft: completeDraft(view, ['X-ANPHU']) });
    again.setDefault('GET', {
      status: 200,
      body: { ...view, draft: completeDraft(view, ['X-ANPHU']) },
    });
    again.setDefault('POST', { status: 200, body: { receipt: RECEIPT } });
    await renderApp();
    expect(again.calls.map((c) => [c.method, c.claim])).toEqual([
      ['GET', CLAIM],
      ['POST', CLAIM],
    ]);
    expect(screen.getByText(RECEIPT)).toBeTruthy();
  });

  it('403 claimed: explains, takes the resume code as typed, and continues with the draft', async () => {
    const server = stubServer(null);
    server.queue('GET', claimed());
    await renderApp();
    expect(heading()).toBe(OTHER_DEVICE);
    expect(screen.getByText(/đã có người khác mở trước/).textContent).toContain(
      'cấp đường dẫn mới',
    );

    // Too short: said at once, nothing sent.
    await typeCode('7K2M');
    expect(screen.getByRole('alert').textContent).toMatch(/16 chữ và số/);
    expect(server.calls).toHaveLength(1);

    // Wrong: the server refuses it.
    server.queue('GET', claimed());
    await typeCode('zzzz zzzz zzzz zzzz');
    expect(server.calls[1]?.claim).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(heading()).toBe(OTHER_DEVICE);
    expect(screen.getByRole('alert').textContent).toMatch(/chưa đúng/);
    // What was typed stays, to correct a typo.
    expect((screen.getByLabelText('Mã tiếp tục') as HTMLInputElement).value).toBe(
      'zzzz zzzz zzzz zzzz',
    );

    // Right, typed in lowercase with spaces and an O for a zero: the form opens at the draft.
    server.setDefault('GET', {
      status: 200,
      body: { ...view, draft: completeDraft(view, ['X-ANPHU']) },
    });
    const typed = ` ${CODE.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')} `;
    await typeCode(typed);
    expect(server.calls[2]?.claim).toBe(CODE);
    expect(heading()).toBe('Xem lại trước khi gửi');
    expect(localStorage.getItem(`cchc:claim:${TOKEN}`)).toBe(JSON.stringify(CODE));
    expect(screen.getByText(CODE)).toBeTruthy();
    await clickButton('Gửi phiếu');
    expect(server.calls.at(-1)).toMatchObject({ method: 'POST', claim: CODE });
  });

  it('says how long to wait when the link refuses typed codes for a while', async () => {
    const server = stubServer(null);
    server.queue('GET', claimed(), errorReply(403, 'claimed', '', { retryAfter: 90 }));
    await renderApp();
    await typeCode(CODE);
    expect(screen.getByRole('alert').textContent).toMatch(/thử lại sau khoảng 2 phút/);
  });

  it('a draft refused as claimed while answering shows the other-device screen', async () => {
    const server = stubServer(view);
    await renderApp();
    await continueTo(view.questionnaires[0]?.fields[0]?.name ?? '');
    server.queue('PUT', claimed());
    tap(screen.getByRole('group', { name: /^Câu 1\./ }), 'Tốt');
    await flush(2000);
    expect(heading()).toBe(OTHER_DEVICE);
  });
});
