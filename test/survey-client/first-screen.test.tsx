// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FirstScreen } from '../../contract/first-screen';
import { resumeCodeOf } from '../../contract/resume-code';
import { openingPage } from '../../server/respondent/opening-html';
import { App } from '../../survey-client/form/app';
import { surveyView } from './fixture';
import { CLAIM, clickButton, flush, heading, stubServer, TOKEN, useTestEnv } from './helpers';

useTestEnv();
afterEach(() => document.getElementById('first-screen')?.remove());

const view = surveyView();
const CODE = resumeCodeOf(CLAIM);
const FIRST: FirstScreen = {
  campaign: view.campaign,
  group: view.group,
  claim: CLAIM,
  questionnaires: view.questionnaires.map((q) => ({ id: q.id, title: q.title })),
};

/** The page of a link never opened, as the server sends it: the first screen in a data element. */
function pageBrings(data: unknown) {
  const island = document.createElement('script');
  island.type = 'application/json';
  island.id = 'first-screen';
  island.textContent = typeof data === 'string' ? data : JSON.stringify(data);
  document.head.append(island);
}

/** The server once the page gave the claim: the whole form, without a second claim. */
const claimedServer = () => {
  const server = stubServer(view);
  server.setDefault('GET', { status: 200, body: view });
  return server;
};

describe('the first screen brought by the page (issue #13.8)', () => {
  it('shows the welcome and the resume code at once, keeps the claim, and fetches the rest with it', async () => {
    pageBrings(FIRST);
    const server = claimedServer();
    render(<App token={TOKEN} />);
    // Before any reply: the welcome is there from the first render.
    expect(heading()).toBe('Khảo sát Chỉ số CCHC năm 2023');
    expect(screen.getByText('Đại biểu HĐND huyện')).toBeTruthy();
    expect(screen.getByText(/^Phiếu số 05: Đánh giá UBND các xã, thị trấn/)).toBeTruthy();
    expect(screen.getByText(CODE)).toBeTruthy();
    expect(screen.getByText('17:00 ngày 15/12/2023')).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('Phòng Nội vụ huyện Hớn Quản');
    expect(localStorage.getItem(`cchc:claim:${TOKEN}`)).toBe(JSON.stringify(CLAIM));
    // The claim does not stay in the page.
    expect(document.getElementById('first-screen')).toBeNull();

    await flush(50);
    expect(server.calls.map((c) => [c.method, c.claim])).toEqual([['GET', CLAIM]]);
    expect(screen.getByRole('progressbar', { name: 'Phần 1/22' })).toBeTruthy();
    expect(screen.getByText(CODE)).toBeTruthy();
    await clickButton('Tiếp tục');
    expect(heading()).not.toBe('Khảo sát Chỉ số CCHC năm 2023');
  });

  it('says the form is loading when «Tiếp tục» is pressed before the rest has come', async () => {
    pageBrings(FIRST);
    // A slow network: the reply has not come yet.
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    render(<App token={TOKEN} />);
    expect(screen.getByRole('progressbar', { name: 'Phần 1' })).toBeTruthy();
    await clickButton('Tiếp tục');
    expect(screen.getByText(/Đang tải phiếu khảo sát/)).toBeTruthy();
    expect(heading()).toBe('Khảo sát Chỉ số CCHC năm 2023');
  });

  it('moves on by itself when «Tiếp tục» was pressed before the rest had come', async () => {
    pageBrings(FIRST);
    let reply: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (reply = resolve)));
    render(<App token={TOKEN} />);
    await clickButton('Tiếp tục');
    expect(screen.getByText(/Đang tải phiếu khảo sát/)).toBeTruthy();
    await flush(50);
    expect(heading()).toBe('Khảo sát Chỉ số CCHC năm 2023');
    // The rest arrives: no second press is needed.
    await act(async () => {
      reply(
        new Response(JSON.stringify(view), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
      await flush(50);
    });
    expect(heading()).not.toBe('Khảo sát Chỉ số CCHC năm 2023');
    expect(screen.getByRole('progressbar', { name: 'Phần 2/22' })).toBeTruthy();
    // The phone's back still leads to the welcome.
    expect((history.state as { back?: string } | null)?.back).toBe('welcome');
  });

  it('ignores data that is not a first screen, and opens the link through the API as before', async () => {
    pageBrings('{"claim": 5');
    const server = stubServer(view);
    render(<App token={TOKEN} />);
    expect(screen.getByText('Đang tải phiếu khảo sát…')).toBeTruthy();
    await flush();
    expect(server.calls.map((c) => [c.method, c.claim])).toEqual([['GET', undefined]]);
    expect(heading()).toBe('Khảo sát Chỉ số CCHC năm 2023');
    expect(localStorage.getItem(`cchc:claim:${TOKEN}`)).toBe(JSON.stringify(CLAIM));
  });

  it('is drawn by the server exactly as the form draws it (the two cannot drift apart)', () => {
    pageBrings(FIRST);
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const { container } = render(<App token={TOKEN} />);
    expect(openingPage(FIRST)).toBe(container.innerHTML);
    const noContact = { ...FIRST, campaign: { ...FIRST.campaign, contact: null, closesAt: null } };
    cleanup();
    pageBrings(noContact);
    const other = render(<App token={TOKEN} />);
    expect(openingPage(noContact)).toBe(other.container.innerHTML);
  });

  it('takes over the welcome the server drew without drawing it again', async () => {
    pageBrings(FIRST);
    const server = claimedServer();
    const root = document.createElement('div');
    root.id = 'app';
    root.innerHTML = openingPage(FIRST);
    document.body.append(root);
    const drawn = root.querySelectorAll('p.promise')[1];
    expect(drawn?.textContent).toContain(CODE);
    render(<App token={TOKEN} />, { container: root });
    // The same elements, so the browser paints nothing new where the server's welcome was.
    expect(root.querySelectorAll('p.promise')[1]).toBe(drawn);
    expect(root.querySelectorAll('h1')).toHaveLength(1);
    expect(root.querySelectorAll('footer')).toHaveLength(1);
    await flush(50);
    expect(server.calls.map((c) => [c.method, c.claim])).toEqual([['GET', CLAIM]]);
    expect(screen.getByRole('progressbar', { name: 'Phần 1/22' })).toBeTruthy();
    root.remove();
  });

  it('asks for the rest of the form only once the welcome has been painted', async () => {
    pageBrings(FIRST);
    const server = claimedServer();
    render(<App token={TOKEN} />);
    await act(async () => {
      await Promise.resolve();
    });
    // Nothing competes with the first paint of the welcome…
    expect(server.calls).toEqual([]);
    // …then, a frame later, the rest of the form is asked for with the page's claim.
    await flush(50);
    expect(server.calls.map((c) => [c.method, c.claim])).toEqual([['GET', CLAIM]]);
  });
});
