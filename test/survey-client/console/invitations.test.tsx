// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import {
  CSRF,
  campaign,
  click,
  dialog,
  errorReply,
  fakeServer,
  invitation,
  invitationPage,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

const BASE = '/api/campaigns/c2024';
const rows = [
  invitation(),
  invitation({
    id: 'inv2',
    name: 'Lê Thị Hoa',
    status: 'submitted',
    groupCode: 'HDND_HUYEN',
    group: 'Đại biểu HĐND huyện',
    unitCode: null,
    unit: 'Trường THPT Hớn Quản',
    phone: null,
    reminders: 2,
  }),
  invitation({
    id: 'inv3',
    name: 'Phạm Văn Cường',
    status: 'revoked',
    link: null,
    shortCode: null,
  }),
];

function serve() {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/c2024': { status: 200, body: campaign() },
    [`GET ${BASE}/invitations`]: { status: 200, body: invitationPage(rows) },
  });
}

const row = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe('invitations', () => {
  it('lists name, group, unit, phone, status in Vietnamese and reminders', async () => {
    serve();
    await openAt('/console/c/c2024/invitations');
    const an = row('Nguyễn Văn An');
    expect(an.textContent).toContain('Lãnh đạo UBND các xã, thị trấn');
    expect(an.textContent).toContain('UBND xã An Phú');
    expect(within(an).getByRole('link', { name: '0912345678' }).getAttribute('href')).toBe(
      'tel:0912345678',
    );
    expect(an.textContent).toContain('Chưa mở');
    const hoa = row('Lê Thị Hoa');
    expect(hoa.textContent).toContain('Đã gửi');
    expect(hoa.textContent).toContain('Trường THPT Hớn Quản');
    // A submitted form: nothing to reissue, revoke or remind.
    expect(within(hoa).queryByRole('button')).toBeNull();
    const cuong = row('Phạm Văn Cường');
    expect(cuong.textContent).toContain('Đã thu hồi');
    // A revoked link: nothing to reissue, revoke or remind; the person can still be edited.
    expect(
      within(cuong)
        .getAllByRole('button')
        .map((b) => b.firstChild?.textContent),
    ).toEqual(['Sửa', 'Xóa']);
  });

  it('asks the server again with the chosen filters, and prints and exports what they match', async () => {
    const server = serve();
    await openAt('/console/c/c2024/invitations');
    fireEvent.change(screen.getByLabelText('Trạng thái'), { target: { value: 'not_opened' } });
    await settle();
    fireEvent.change(screen.getByLabelText('Nhóm đối tượng'), { target: { value: 'LD_UBND_XA' } });
    await settle();
    fireEvent.change(screen.getByLabelText('Đơn vị'), { target: { value: 'X-ANPHU' } });
    await settle();
    fireEvent.change(screen.getByLabelText('Sắp xếp theo'), { target: { value: 'name' } });
    await settle();
    expect(server.gets(`${BASE}/invitations`).map((c) => c.url)).toEqual([
      `${BASE}/invitations`,
      `${BASE}/invitations?status=not_opened`,
      `${BASE}/invitations?status=not_opened&group=LD_UBND_XA`,
      `${BASE}/invitations?status=not_opened&group=LD_UBND_XA&unit=X-ANPHU`,
      `${BASE}/invitations?status=not_opened&group=LD_UBND_XA&unit=X-ANPHU&sort=name`,
    ]);
    // Exports and slips follow the same filters.
    const href = (name: string) => screen.getByRole('link', { name }).getAttribute('href');
    const filters = 'status=not_opened&group=LD_UBND_XA&unit=X-ANPHU';
    expect(href('Tải đường dẫn và tin nhắn (CSV)')).toBe(`${BASE}/links.csv?${filters}`);
    expect(href('Tải đường dẫn và tin nhắn (Excel)')).toBe(`${BASE}/links.xlsx?${filters}`);
    const slips = screen.getByRole('link', { name: 'In phiếu mời (QR)' });
    expect(slips.getAttribute('href')).toBe(`${BASE}/slips?${filters}&layout=8&arrange=units`);
    expect(slips.getAttribute('target')).toBe('_blank');
    // How many slips and A4 sheets, before printing; the layout changes both.
    expect(screen.getByText(/Áp dụng cho mọi người khớp bộ lọc/).textContent).toBe(
      'Áp dụng cho mọi người khớp bộ lọc: 1 phiếu mời, 1 trang A4 (không in cho 2 người đã gửi phiếu hoặc có đường dẫn đã thu hồi).',
    );
    fireEvent.change(screen.getByLabelText('Số phiếu mỗi trang A4'), { target: { value: '4' } });
    await settle();
    expect(slips.getAttribute('href')).toBe(`${BASE}/slips?${filters}&layout=4&arrange=units`);
    // Changing the layout does not ask for the list again.
    expect(server.gets(`${BASE}/invitations`)).toHaveLength(5);
  });

  it('searches once typing pauses, pages through the matches, and remembers it all', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = serve();
    server.on(`GET ${BASE}/invitations`, (c) => ({
      status: 200,
      body: invitationPage(rows, {
        total: 4812,
        page: Number(c.query.get('page') ?? 1),
        pageSize: Number(c.query.get('pageSize') ?? 50),
      }),
    }));
    await openAt('/console/c/c2024/invitations');
    expect(screen.getAllByText('Dòng 1–50 trong 4.812')).toHaveLength(2);
    const box = screen.getByLabelText('Tìm theo họ tên, điện thoại, e-mail');
    fireEvent.input(box, { target: { value: 'ng' } });
    fireEvent.input(box, { target: { value: 'nguyen van' } });
    await settle();
    expect(server.gets(`${BASE}/invitations`)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(350);
    await settle();
    expect(server.gets(`${BASE}/invitations`).map((c) => c.url)).toEqual([
      `${BASE}/invitations`,
      `${BASE}/invitations?q=nguyen+van`,
    ]);
    await click('Trang sau →', screen.getAllByRole('navigation', { name: 'Chuyển trang' })[0]);
    expect(server.gets(`${BASE}/invitations`).at(-1)?.url).toBe(
      `${BASE}/invitations?q=nguyen+van&page=2`,
    );
    expect(screen.getAllByText('Dòng 51–100 trong 4.812')).toHaveLength(2);
    expect(location.search).toBe('?q=nguyen+van&page=2');
    // A new filter starts again from page 1.
    fireEvent.change(screen.getByLabelText('Nhóm đối tượng'), { target: { value: 'LD_UBND_XA' } });
    await settle();
    expect(server.gets(`${BASE}/invitations`).at(-1)?.url).toBe(
      `${BASE}/invitations?q=nguyen+van&group=LD_UBND_XA`,
    );
    vi.useRealTimers();
    // Back on the tab later (the address without its query): the same search and filters.
    cleanup();
    history.replaceState(null, '', '/console');
    await openAt('/console/c/c2024/invitations');
    expect(server.gets(`${BASE}/invitations`).at(-1)?.url).toBe(
      `${BASE}/invitations?q=nguyen+van&group=LD_UBND_XA`,
    );
    expect(
      (screen.getByLabelText('Tìm theo họ tên, điện thoại, e-mail') as HTMLInputElement).value,
    ).toBe('nguyen van');
    // …and the address says it again, to be copied or bookmarked.
    expect(location.search).toBe('?q=nguyen+van&group=LD_UBND_XA');
  });

  it('prints the paper forms of one person who cannot answer online, until the campaign closes', async () => {
    serve();
    await openAt('/console/c/c2024/invitations');
    const paper = within(row('Nguyễn Văn An')).getByRole('link', {
      name: 'In phiếu giấy — Nguyễn Văn An',
    });
    expect(paper.getAttribute('href')).toBe(`${BASE}/paper?ids=inv1`);
    expect(paper.getAttribute('target')).toBe('_blank');
    // Not for a form already sent, nor a revoked link (the print page leaves them out too).
    expect(within(row('Lê Thị Hoa')).queryByRole('link', { name: /^In phiếu giấy/ })).toBeNull();
    expect(
      within(row('Phạm Văn Cường')).queryByRole('link', { name: /^In phiếu giấy/ }),
    ).toBeNull();
    cleanup();
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'closed' }) },
      [`GET ${BASE}/invitations`]: { status: 200, body: invitationPage(rows) },
    });
    await openAt('/console/c/c2024/invitations');
    expect(within(row('Nguyễn Văn An')).queryByRole('link', { name: /^In phiếu giấy/ })).toBeNull();
    // Nor is the list changed once closed: the server refuses it (qa9b).
    expect(screen.queryByRole('button', { name: /^Thêm người/ })).toBeNull();
    expect(within(row('Nguyễn Văn An')).queryByRole('button', { name: /^(Sửa|Xóa)/ })).toBeNull();
  });

  it('prints the slips of the rows picked, or of every match, and reprints one person', async () => {
    serve();
    await openAt('/console/c/c2024/invitations');
    const reprint = within(row('Nguyễn Văn An')).getByRole('link', { name: /^In lại phiếu mời/ });
    expect(reprint.getAttribute('href')).toBe(`${BASE}/slips?ids=inv1&layout=8`);
    // Nothing to reprint for a submitted or a revoked link.
    expect(within(row('Lê Thị Hoa')).queryByRole('link', { name: /^In lại/ })).toBeNull();
    expect(within(row('Phạm Văn Cường')).queryByRole('link', { name: /^In lại/ })).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn Nguyễn Văn An' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn Lê Thị Hoa' }));
    await settle();
    expect(screen.getByText(/Áp dụng cho/).textContent).toBe(
      'Áp dụng cho 2 người đã chọn: 1 phiếu mời, 1 trang A4 (không in cho 1 người đã gửi phiếu hoặc có đường dẫn đã thu hồi).',
    );
    const href = (name: string) => screen.getByRole('link', { name }).getAttribute('href');
    expect(href('In phiếu mời (QR)')).toBe(`${BASE}/slips?ids=inv1,inv2&layout=8&arrange=units`);
    expect(href('Tải đường dẫn và tin nhắn (CSV)')).toBe(`${BASE}/links.csv?ids=inv1,inv2`);
    await click('Bỏ chọn');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn cả trang' }));
    await settle();
    expect(screen.getByText(/Áp dụng cho/).textContent).toBe(
      'Áp dụng cho 3 người đã chọn: 1 phiếu mời, 1 trang A4 (không in cho 2 người đã gửi phiếu hoặc có đường dẫn đã thu hồi).',
    );
  });

  it('records a reminder for the rows picked, or for every match, and reloads the list', async () => {
    const server = serve();
    server.on(`POST ${BASE}/reminders`, (c) => ({
      status: 200,
      body: { recorded: (c.body as { ids?: string[] }).ids ? 1 : 4700 },
    }));
    server.on(`GET ${BASE}/invitations`, {
      status: 200,
      body: invitationPage(rows, { total: 4812 }),
    });
    await openAt('/console/c/c2024/invitations?group=LD_UBND_XA');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn Nguyễn Văn An' }));
    await settle();
    await click('Ghi nhận đã nhắc…');
    await click('Zalo', screen.getByRole('group', { name: 'Đã nhắc những người này qua:' }));
    expect(server.changes().map((c) => [c.path, c.body, c.headers['X-CSRF-Token']])).toEqual([
      [`${BASE}/reminders`, { channel: 'zalo', ids: ['inv1'] }, CSRF],
    ]);
    expect(screen.getByText('Đã ghi nhận nhắc 1 người qua Zalo.')).toBeTruthy();
    const loads = server.gets(`${BASE}/invitations`).length;
    expect(loads).toBeGreaterThan(1);

    await click('Bỏ chọn');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn cả trang' }));
    await settle();
    await click('Chọn tất cả 4.812 người khớp bộ lọc');
    await click('Ghi nhận đã nhắc…');
    await click('Điện thoại', screen.getByRole('group', { name: 'Đã nhắc những người này qua:' }));
    expect(server.changes().at(-1)?.body).toEqual({
      channel: 'phone',
      filter: { group: 'LD_UBND_XA' },
    });
    expect(screen.getByText('Đã ghi nhận nhắc 4.700 người qua Điện thoại.')).toBeTruthy();
  });

  it('picks every row that matches across pages, printing by the filters', async () => {
    const server = serve();
    server.on(`GET ${BASE}/invitations`, {
      status: 200,
      body: invitationPage(rows, {
        total: 4812,
        slips: {
          count: 4700,
          pages: { '1': 4700, '4': 1175, '8': 588 },
          unitPages: { '1': 4700, '4': 1200, '8': 602 },
        },
      }),
    });
    await openAt('/console/c/c2024/invitations?group=LD_UBND_XA');
    expect(screen.getByText(/Áp dụng cho/).textContent).toBe(
      'Áp dụng cho mọi người khớp bộ lọc: 4.700 phiếu mời, 588 trang A4 (không in cho 112 người đã gửi phiếu hoặc có đường dẫn đã thu hồi).',
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn cả trang' }));
    await settle();
    await click('Chọn tất cả 4.812 người khớp bộ lọc');
    expect(screen.getByText(/Áp dụng cho/).textContent).toBe(
      'Áp dụng cho tất cả 4.812 người khớp bộ lọc: 4.700 phiếu mời, 588 trang A4 (không in cho 112 người đã gửi phiếu hoặc có đường dẫn đã thu hồi).',
    );
    expect(screen.getByRole('link', { name: 'In phiếu mời (QR)' }).getAttribute('href')).toBe(
      `${BASE}/slips?group=LD_UBND_XA&layout=8&arrange=units`,
    );
    expect(
      (screen.getByRole('checkbox', { name: 'Chọn Nguyễn Văn An' }) as HTMLInputElement).checked,
    ).toBe(true);
    // A unit per page costs sheets: the count says so before printing.
    fireEvent.change(screen.getByLabelText('Cách xếp'), { target: { value: 'unit-pages' } });
    await settle();
    expect(screen.getByText(/Áp dụng cho/).textContent).toBe(
      'Áp dụng cho tất cả 4.812 người khớp bộ lọc: 4.700 phiếu mời, 602 trang A4 (không in cho 112 người đã gửi phiếu hoặc có đường dẫn đã thu hồi).',
    );
    expect(screen.getByRole('link', { name: 'In phiếu mời (QR)' }).getAttribute('href')).toBe(
      `${BASE}/slips?group=LD_UBND_XA&layout=8&arrange=unit-pages`,
    );
  });

  it('reissues a link only after a confirmation saying the old link stops working', async () => {
    const server = serve();
    server.on(`POST ${BASE}/invitations/inv1/reissue`, {
      status: 200,
      body: invitation({ link: 'https://khaosat.example.vn/s/tok-new' }),
    });
    await openAt('/console/c/c2024/invitations');
    await click(/^Cấp lại đường dẫn/, row('Nguyễn Văn An'));
    expect(dialog().textContent).toContain('Đường dẫn cũ của Nguyễn Văn An sẽ hết hiệu lực ngay');
    // Said plainly: the draft cannot follow to the new link (it was sealed under the old claim).
    expect(dialog().textContent).toContain('trả lời lại từ đầu');
    expect(server.changes()).toHaveLength(0);
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);

    await click(/^Cấp lại đường dẫn/, row('Nguyễn Văn An'));
    await click('Cấp lại đường dẫn', dialog());
    const [post] = server.changes();
    expect(post?.path).toBe(`${BASE}/invitations/inv1/reissue`);
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(row('Nguyễn Văn An').textContent).toContain('Đã cấp đường dẫn mới');
  });

  it('revokes after confirming, and the row then shows "Đã thu hồi"', async () => {
    const server = serve();
    server.on(`POST ${BASE}/invitations/inv1/revoke`, {
      status: 200,
      body: invitation({ status: 'revoked', link: null }),
    });
    await openAt('/console/c/c2024/invitations');
    await click(/^Thu hồi/, row('Nguyễn Văn An'));
    expect(dialog().textContent).toContain('Không hoàn tác được');
    await click('Thu hồi', dialog());
    expect(server.changes().map((c) => [c.path, c.headers['X-CSRF-Token']])).toEqual([
      [`${BASE}/invitations/inv1/revoke`, CSRF],
    ]);
    expect(row('Nguyễn Văn An').textContent).toContain('Đã thu hồi');
    expect(within(row('Nguyễn Văn An')).queryByRole('button', { name: /^Thu hồi/ })).toBeNull();
  });

  it("shows the server's message when an action is refused", async () => {
    const server = serve();
    server.on(
      `POST ${BASE}/invitations/inv1/revoke`,
      errorReply(
        409,
        'already_submitted',
        'Người này đã gửi phiếu; không thể cấp lại hay thu hồi đường dẫn.',
      ),
    );
    await openAt('/console/c/c2024/invitations');
    await click(/^Thu hồi/, row('Nguyễn Văn An'));
    await click('Thu hồi', dialog());
    expect(within(row('Nguyễn Văn An')).getByRole('alert').textContent).toBe(
      'Người này đã gửi phiếu; không thể cấp lại hay thu hồi đường dẫn.',
    );
  });

  it('records a reminder with its channel', async () => {
    const server = serve();
    server.on(`POST ${BASE}/invitations/inv1/reminders`, { status: 204 });
    await openAt('/console/c/c2024/invitations');
    await click(/^Đã nhắc/, row('Nguyễn Văn An'));
    const channels = within(row('Nguyễn Văn An')).getByRole('group', {
      name: /Đã nhắc Nguyễn Văn An qua/,
    });
    expect(
      within(channels)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Điện thoại', 'Zalo', 'SMS', 'E-mail', 'Khác', 'Hủy']);
    await click('Zalo', channels);
    expect(server.changes().map((c) => [c.path, c.body, c.headers['X-CSRF-Token']])).toEqual([
      [`${BASE}/invitations/inv1/reminders`, { channel: 'zalo' }, CSRF],
    ]);
    expect(row('Nguyễn Văn An').textContent).toContain('Đã ghi nhận nhắc qua Zalo.');
    expect(row('Nguyễn Văn An').querySelector('td.num')?.textContent).toBe('1 lần');
  });

  it('copies the personal link', async () => {
    serve();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await openAt('/console/c/c2024/invitations');
    await click(/^Sao chép đường dẫn/, row('Nguyễn Văn An'));
    expect(writeText).toHaveBeenCalledWith('https://khaosat.example.vn/s/tok-abc');
    expect(within(row('Nguyễn Văn An')).getByRole('button', { name: /^Đã sao chép/ })).toBeTruthy();
  });

  it('lists the non-responders with their reminders and a CSV export', async () => {
    const server = serve();
    server.on(`GET ${BASE}/non-responders`, {
      status: 200,
      body: {
        total: 1,
        page: 1,
        pageSize: 50,
        items: [
          {
            id: 'inv1',
            name: 'Nguyễn Văn An',
            group: 'Lãnh đạo UBND các xã, thị trấn',
            unit: 'UBND xã An Phú',
            phone: '0912345678',
            email: '',
            status: 'opened',
            statusName: 'Đã mở',
            reminders: 2,
            lastReminderAt: '2024-11-20T02:15:00.000Z',
          },
        ],
      },
    });
    server.on(`POST ${BASE}/invitations/inv1/reminders`, { status: 204 });
    await openAt('/console/c/c2024/invitations');
    await click('Người chưa trả lời');
    expect(screen.getByText('1 người chưa gửi phiếu')).toBeTruthy();
    expect(row('Nguyễn Văn An').textContent).toContain('2 lần, gần nhất 20/11/2024 09:15');
    expect(
      screen
        .getByRole('link', { name: 'Tải danh sách người chưa trả lời (CSV)' })
        .getAttribute('href'),
    ).toBe(`${BASE}/non-responders?format=csv`);
    expect(screen.getByText('Dòng 1 trong 1')).toBeTruthy();
    // The search and the group and unit filters apply here too, and to the CSV.
    fireEvent.change(screen.getByLabelText('Đơn vị'), { target: { value: 'X-ANPHU' } });
    await settle();
    expect(server.gets(`${BASE}/non-responders`).at(-1)?.url).toBe(
      `${BASE}/non-responders?unit=X-ANPHU`,
    );
    expect(
      screen
        .getByRole('link', { name: 'Tải danh sách người chưa trả lời theo bộ lọc (CSV)' })
        .getAttribute('href'),
    ).toBe(`${BASE}/non-responders?unit=X-ANPHU&format=csv`);
    await click(/^Đã nhắc/, row('Nguyễn Văn An'));
    await click('Điện thoại', row('Nguyễn Văn An'));
    expect(server.changes()[0]?.body).toEqual({ channel: 'phone' });
    expect(row('Nguyễn Văn An').textContent).toContain('3 lần');
  });
});
