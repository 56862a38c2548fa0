// @vitest-environment happy-dom
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App, tokenFromPath } from '../../survey-client/form/app';
import { surveyView } from './fixture';
import {
  clickButton,
  errorReply,
  flush,
  heading,
  RECEIPT,
  renderApp,
  stubServer,
  TOKEN,
  useTestEnv,
} from './helpers';

useTestEnv();

describe('opening the link', () => {
  it('reads the token from /s/<token>', () => {
    expect(tokenFromPath('/s/AbC_d-9')).toBe('AbC_d-9');
    expect(tokenFromPath('/s/AbC_d-9/')).toBe('AbC_d-9');
    expect(tokenFromPath('/s/')).toBeNull();
    expect(tokenFromPath('/')).toBeNull();
    expect(tokenFromPath('/x/abc')).toBeNull();
  });

  it('says it is loading, then asks the server for the survey', async () => {
    const server = stubServer(surveyView());
    render(<App token={TOKEN} />);
    expect(screen.getByText('Đang tải phiếu khảo sát…')).toBeTruthy();
    await flush();
    expect(server.calls[0]).toMatchObject({ method: 'GET', path: `/api/s/${TOKEN}` });
    expect(screen.queryByText('Đang tải phiếu khảo sát…')).toBeNull();
  });

  it('404: an invalid or revoked link', async () => {
    stubServer(null);
    await renderApp();
    expect(
      screen.getByText(
        'Đường dẫn không hợp lệ hoặc đã bị thu hồi. Vui lòng liên hệ cơ quan đã gửi đường dẫn.',
      ),
    ).toBeTruthy();
  });

  it('a page without a token says the same, without asking the server', async () => {
    const server = stubServer(surveyView());
    await renderApp(null);
    expect(screen.getByText(/Đường dẫn không hợp lệ hoặc đã bị thu hồi/)).toBeTruthy();
    expect(server.calls).toHaveLength(0);
  });

  it('403: not open yet', async () => {
    const server = stubServer(null);
    server.queue('GET', errorReply(403, 'not_open', 'Chưa mở'));
    await renderApp();
    expect(heading()).toBe('Đợt khảo sát chưa bắt đầu.');
  });

  it('410: closed', async () => {
    const server = stubServer(null);
    server.queue('GET', errorReply(410, 'closed', 'Đã đóng'));
    await renderApp();
    expect(heading()).toBe('Đợt khảo sát đã kết thúc.');
  });

  it('already submitted: says so, with the receipt, and forgets the local draft', async () => {
    localStorage.setItem(`cchc:draft:${TOKEN}`, JSON.stringify({ answers: [] }));
    stubServer({ ...surveyView(), status: 'submitted', receipt: RECEIPT });
    await renderApp();
    expect(heading()).toBe('Phiếu của Ông/Bà đã được gửi');
    expect(screen.getByText(RECEIPT)).toBeTruthy();
    expect(localStorage.getItem(`cchc:draft:${TOKEN}`)).toBeNull();
    expect(screen.getByRole('link', { name: '0271 3 123 456' })).toBeTruthy();
  });

  it('no network: offers "Thử lại", which loads the form', async () => {
    const server = stubServer(surveyView());
    server.queue('GET', 'network');
    await renderApp();
    expect(heading()).toBe('Không tải được phiếu');
    await clickButton('Thử lại');
    expect(heading()).toBe('Khảo sát Chỉ số CCHC năm 2023');
    expect(server.calls.filter((c) => c.method === 'GET')).toHaveLength(2);
  });

  it('a server error (5xx) on load is a retry too', async () => {
    const server = stubServer(surveyView());
    server.queue('GET', { status: 502 });
    await renderApp();
    expect(screen.getByRole('button', { name: 'Thử lại' })).toBeTruthy();
  });
});
