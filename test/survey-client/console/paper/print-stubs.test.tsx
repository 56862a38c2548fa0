// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { builtInDefinition } from '../../../../questionnaires';
import {
  CSRF,
  campaign,
  click,
  errorReply,
  fakeServer,
  invitation,
  invitationPage,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from '../helpers';

useConsoleEnv();

const BASE = '/api/campaigns/c2024';

function serve(phase: 'not_open' | 'open' | 'closed' = 'open', people = 3) {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase }) },
    [`GET ${BASE}/invitations`]: {
      status: 200,
      body: invitationPage(
        Array.from({ length: Math.min(people, 1) }, (_, i) => invitation({ id: `inv${i}` })),
        { total: people, pageSize: 1 },
      ),
    },
  });
}

describe('printing paper forms', () => {
  it('counts who would get one, and opens the print page for the chosen group in a new tab', async () => {
    const server = serve();
    await openAt('/console/c/c2024/paper');
    expect(screen.getByRole('link', { name: 'Phiếu giấy', current: 'page' })).toBeTruthy();
    expect(screen.getByText('Sẽ in 3 phiếu giấy (mỗi người một bộ).')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Nhóm đối tượng'), { target: { value: 'LD_UBND_XA' } });
    await settle();
    fireEvent.change(screen.getByLabelText('Đơn vị'), { target: { value: 'X-ANPHU' } });
    await settle();
    expect(server.gets(`${BASE}/invitations`).map((c) => c.url)).toEqual([
      `${BASE}/invitations?status=not_opened%2Copened%2Cin_progress&pageSize=1`,
      `${BASE}/invitations?status=not_opened%2Copened%2Cin_progress&group=LD_UBND_XA&pageSize=1`,
      `${BASE}/invitations?status=not_opened%2Copened%2Cin_progress&group=LD_UBND_XA&unit=X-ANPHU&pageSize=1`,
    ]);
    const print = screen.getByRole('link', { name: 'Mở trang in phiếu giấy (3 người)' });
    expect(print.getAttribute('href')).toBe(`${BASE}/paper?group=LD_UBND_XA&unit=X-ANPHU`);
    expect(print.getAttribute('target')).toBe('_blank');
    // Opening the page prints serials: nothing is printed just by looking.
    expect(server.calls.some((c) => c.path === `${BASE}/paper`)).toBe(false);
  });

  it('over 200 forms, or none, there is nothing to open', async () => {
    serve('open', 201);
    await openAt('/console/c/c2024/paper');
    expect(screen.getByRole('status').textContent).toContain('mỗi lần in tối đa 200 phiếu giấy');
    expect(screen.queryByRole('link', { name: /^Mở trang in phiếu giấy \(/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Mở trang in phiếu giấy' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('a closed campaign still takes the sheets of stubs received before closing, and says so', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': {
        status: 200,
        body: { ...campaign({ phase: 'closed' }), paperWaiting: 2 },
      },
      [`GET ${BASE}/definition`]: {
        status: 200,
        body: { editable: false, definition: builtInDefinition() },
      },
    });
    await openAt('/console/c/c2024/paper');
    await click('Nhập phiếu giấy');
    expect(screen.getByRole('status').textContent).toContain(
      'Đợt khảo sát đã kết thúc: còn 2 phiếu giấy đã nhận cuống trước khi kết thúc đang chờ nhập.',
    );
    expect(screen.queryByText(/không nhận thêm cuống phiếu hay phiếu giấy/)).toBeNull();
    expect(screen.getByLabelText('Số phiếu (in ở đầu tờ trả lời)')).toBeTruthy();
    // Stubs are not received any more.
    await click('Nhận cuống phiếu');
    expect(
      screen.getByText('Đợt khảo sát đã kết thúc: không nhận thêm cuống phiếu hay phiếu giấy.'),
    ).toBeTruthy();
  });

  it('a closed campaign with no sheet waiting takes none', async () => {
    serve('closed');
    await openAt('/console/c/c2024/paper');
    await click('Nhập phiếu giấy');
    expect(
      screen.getByText(
        'Đợt khảo sát đã kết thúc và không còn phiếu giấy nào đã nhận cuống chờ nhập.',
      ),
    ).toBeTruthy();
  });

  it('a closed campaign prints no more', async () => {
    const server = serve('closed');
    await openAt('/console/c/c2024/paper');
    expect(screen.getByText('Đợt khảo sát đã kết thúc: không in thêm phiếu giấy.')).toBeTruthy();
    expect(server.gets(`${BASE}/invitations`)).toHaveLength(0);
  });
});

describe('receiving stubs', () => {
  const code = () => screen.getByLabelText('Mã phiếu giấy (trên cuống phiếu)') as HTMLInputElement;

  it('takes a stub code and says whose it was; the field is ready for the next', async () => {
    const server = serve();
    server.on(`POST ${BASE}/paper/stubs`, {
      status: 200,
      body: {
        id: 'inv1',
        name: 'Nguyễn Văn An',
        group: 'Lãnh đạo UBND các xã, thị trấn',
        unit: 'UBND xã An Phú',
        status: 'submitted',
        receipt: 'GIẤY-ABCD',
      },
    });
    await openAt('/console/c/c2024/paper');
    await click('Nhận cuống phiếu');
    fireEvent.input(code(), { target: { value: 'k7qm-4x2p' } });
    await click('Nhận cuống phiếu', screen.getByRole('region', { name: 'Nhận cuống phiếu' }));
    const [post] = server.changes();
    expect(post?.path).toBe(`${BASE}/paper/stubs`);
    expect(post?.body).toEqual({ code: 'k7qm-4x2p' });
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(screen.getByRole('status').textContent).toBe(
      'Đã nhận cuống phiếu của Nguyễn Văn An (Lãnh đạo UBND các xã, thị trấn, UBND xã An Phú). Trạng thái: Đã gửi (phiếu giấy).',
    );
    expect(code().value).toBe('');
    expect(
      within(screen.getByRole('table')).getByRole('row', { name: /^Nguyễn Văn An/ }),
    ).toBeTruthy();
  });

  it("shows the server's refusal, and recognises a serial typed here by mistake", async () => {
    const server = serve();
    server.on(
      `POST ${BASE}/paper/stubs`,
      errorReply(
        409,
        'already_submitted',
        'Người này đã gửi phiếu trước đó (trực tuyến hoặc phiếu giấy).',
      ),
    );
    await openAt('/console/c/c2024/paper');
    await click('Nhận cuống phiếu');
    const region = screen.getByRole('region', { name: 'Nhận cuống phiếu' });
    fireEvent.input(code(), { target: { value: 'K7QM-4X2P-R' } });
    await click('Nhận cuống phiếu', region);
    expect(screen.getByRole('alert').textContent).toContain(
      'Đây có vẻ là số phiếu in trên tờ trả lời',
    );
    expect(server.changes()).toHaveLength(0);
    fireEvent.input(code(), { target: { value: 'K7QM-4X2P' } });
    await click('Nhận cuống phiếu', region);
    expect(screen.getByRole('alert').textContent).toBe(
      'Người này đã gửi phiếu trước đó (trực tuyến hoặc phiếu giấy).',
    );
    expect(code().value).toBe('K7QM-4X2P');
  });

  it('before the campaign opens, stubs are not taken', async () => {
    serve('not_open');
    await openAt('/console/c/c2024/paper');
    await click('Nhận cuống phiếu');
    expect(screen.getByText(/Đợt khảo sát chưa mở/)).toBeTruthy();
    expect(screen.queryByLabelText('Mã phiếu giấy (trên cuống phiếu)')).toBeNull();
  });
});
