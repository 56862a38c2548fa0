// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { builtInUnitSet } from '../../../questionnaires';
import { dayNames, openingHours, readClock } from '../../../survey-client/console/sipas/hours';
import {
  campaign,
  click,
  collectionPoint,
  dialog,
  errorReply,
  fakeServer,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

// Issue #14: a SIPAS campaign in the console — made from "Tạo đợt khảo sát", opening on its
// collection points, without the PAR tabs.
const units = builtInUnitSet().units.map((u) => ({
  ...u,
  parentCode: u.parentCode ?? null,
  officialCode: u.officialCode ?? null,
  area: u.area ?? null,
}));
const sipas = campaign({
  id: 'hl2026',
  name: 'Khảo sát sự hài lòng 2026',
  kind: 'sipas',
  phase: 'not_open',
  definition: { code: 'sipas-2026', version: 1, name: 'SIPAS 2026' },
  groups: undefined,
  units,
  counts: { invited: 0, submitted: 0 },
});
const point = collectionPoint({
  serviceArea: 'Đất đai',
  codes: { issued: 48, used: 3 },
  inUse: true,
});

function serve(role: 'officer' | 'analyst' = 'officer') {
  return fakeServer({
    ...signedIn(role),
    'GET /api/campaigns': { status: 200, body: [campaign()] },
    'POST /api/campaigns': { status: 201, body: sipas },
    'GET /api/campaigns/hl2026': { status: 200, body: sipas },
    'GET /api/campaigns/hl2026/points': { status: 200, body: [point] },
    'GET /api/campaigns/hl2026/code-batches': { status: 200, body: [] },
    'POST /api/campaigns/hl2026/points': { status: 201, body: { ...point, id: 'p2' } },
  });
}

describe('creating a SIPAS campaign', () => {
  it('offers the kind, sends it, and opens on the collection points', async () => {
    const server = serve();
    await openAt('/console');
    await click('Tạo đợt khảo sát');
    const form = screen.getByRole('form', { name: 'Tạo đợt khảo sát' });
    fireEvent.input(within(form).getByLabelText('Tên đợt khảo sát'), {
      target: { value: 'Khảo sát sự hài lòng 2026' },
    });
    fireEvent.click(within(form).getByLabelText(/^Khảo sát sự hài lòng \(SIPAS\)/));
    await settle();
    expect(within(form).getByText('Đơn vị (gắn với các điểm thu thập)')).toBeTruthy();
    // No roster, so no response rate to aim for (qa6).
    expect(within(form).queryByLabelText('Chỉ tiêu tỷ lệ trả lời (%)')).toBeNull();
    await click('Tạo đợt khảo sát', form);
    expect(server.changes()[0]?.body).toMatchObject({
      name: 'Khảo sát sự hài lòng 2026',
      kind: 'sipas',
      template: 'district_2023',
    });
    expect(location.pathname).toBe('/console/c/hl2026/points');
    expect(screen.getByRole('heading', { name: 'Điểm thu thập ý kiến' })).toBeTruthy();
  });

  it('a PAR campaign is made without a kind, as before', async () => {
    const server = serve();
    await openAt('/console');
    await click('Tạo đợt khảo sát');
    const form = screen.getByRole('form', { name: 'Tạo đợt khảo sát' });
    fireEvent.input(within(form).getByLabelText('Tên đợt khảo sát'), {
      target: { value: 'Khảo sát 2026' },
    });
    expect(within(form).getByLabelText('Chỉ tiêu tỷ lệ trả lời (%)')).toBeTruthy();
    await click('Tạo đợt khảo sát', form);
    expect(server.changes()[0]?.body).not.toHaveProperty('kind');
  });
});

describe('a SIPAS campaign', () => {
  it('is listed with its kind and its forms, without a response rate', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns': {
        status: 200,
        body: [{ ...sipas, counts: { invited: 0, submitted: 12 } }, campaign()],
      },
    });
    await openAt('/console');
    const card = screen.getByRole('link', { name: 'Khảo sát sự hài lòng 2026' }).closest('li');
    expect(card?.textContent).toContain('Khảo sát sự hài lòng (SIPAS)');
    expect(card?.textContent).toContain('Đã nhận 12 phiếu góp ý');
    expect(card?.textContent).not.toContain('người được mời');
  });

  it('shows its points with unit, service area, hours and daily limit, and no PAR tab', async () => {
    serve();
    await openAt('/console/c/hl2026');
    const tabs = within(screen.getByRole('navigation', { name: 'Các mục của đợt khảo sát' }))
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(tabs).toEqual(['Điểm thu thập', 'Phiếu giấy', 'Đơn vị', 'Cài đặt']);
    const table = screen.getByRole('table', { name: 'Các điểm thu thập' });
    const text = table.textContent ?? '';
    for (const t of [
      'Bộ phận Một cửa xã Tân Hưng',
      // The poster's short address, as printed on it.
      'survey.test/p/K7QM4X',
      'UBND xã Tân Hưng',
      'Đất đai',
      '07:30–17:00, T2–T6',
      '48 / 3',
    ])
      expect(text).toContain(t);
    const poster = within(table).getByRole('link', { name: 'Áp phích A4' });
    expect(poster.getAttribute('href')).toBe('/api/campaigns/hl2026/points/p1/poster?size=A4');
  });

  it('its settings have no response-rate target, and saving leaves the target alone', async () => {
    const server = serve();
    server.on('PATCH /api/campaigns/hl2026', (c) => ({
      status: 200,
      body: { ...sipas, ...(c.body as object) },
    }));
    await openAt('/console/c/hl2026/settings');
    expect(screen.queryByLabelText('Chỉ tiêu tỷ lệ trả lời (%)')).toBeNull();
    fireEvent.input(screen.getByLabelText('Người hoặc bộ phận liên hệ'), {
      target: { value: 'Văn phòng UBND' },
    });
    await click('Lưu thay đổi');
    expect(server.changes()[0]?.body).toEqual({ contactName: 'Văn phòng UBND' });
  });

  it('a PAR tab opened by its address says the campaign has none', async () => {
    const server = serve();
    await openAt('/console/c/hl2026/roster');
    expect(screen.getByRole('alert').textContent).toBe(
      'Đợt khảo sát sự hài lòng (SIPAS) không có mục này.',
    );
    expect(server.calls.filter((c) => c.path.includes('/roster'))).toEqual([]);
  });

  it('adds a point on a unit of the campaign', async () => {
    const server = serve();
    await openAt('/console/c/hl2026');
    await click('Thêm điểm thu thập');
    const form = screen.getByRole('form', { name: 'Thêm điểm thu thập' });
    fireEvent.input(within(form).getByLabelText('Tên điểm (in trên áp phích)'), {
      target: { value: 'Tiếp nhận Phòng Tư pháp' },
    });
    fireEvent.change(within(form).getByLabelText('Đơn vị'), { target: { value: 'PTP' } });
    fireEvent.click(within(form).getByLabelText('T7'));
    await click('Thêm điểm', form);
    expect(server.changes()[0]).toMatchObject({
      method: 'POST',
      path: '/api/campaigns/hl2026/points',
      body: {
        name: 'Tiếp nhận Phòng Tư pháp',
        unitCode: 'PTP',
        serviceArea: null,
        opens: '07:30',
        closes: '17:00',
        weekdays: [1, 2, 3, 4, 5, 6],
        dailyLimit: 1,
      },
    });
  });

  it('takes opening hours as typed, 24-hour, whatever the browser’s language (qa8)', async () => {
    // A time field follows the browser's language: «07:30 AM» in an English one, while the
    // table and the posters say «07:30–17:00». Plain text, read as an office types it.
    const server = serve();
    await openAt('/console/c/hl2026');
    await click('Thêm điểm thu thập');
    const form = screen.getByRole('form', { name: 'Thêm điểm thu thập' });
    const opens = within(form).getByLabelText(/^Giờ mở cửa/) as HTMLInputElement;
    const closes = within(form).getByLabelText(/^Giờ đóng cửa/) as HTMLInputElement;
    expect([opens.type, opens.value, opens.inputMode]).toEqual(['text', '07:30', 'decimal']);
    expect(closes.value).toBe('17:00');
    fireEvent.input(within(form).getByLabelText('Tên điểm (in trên áp phích)'), {
      target: { value: 'Tiếp nhận Phòng Tư pháp' },
    });
    fireEvent.change(within(form).getByLabelText('Đơn vị'), { target: { value: 'PTP' } });
    fireEvent.input(opens, { target: { value: '7h' } });
    fireEvent.input(closes, { target: { value: '16.30' } });
    await click('Thêm điểm', form);
    expect(server.changes()[0]?.body).toMatchObject({ opens: '07:00', closes: '16:30' });
  });

  it('keeps what was typed when a save is refused, and says what is wrong with which field (qa9)', async () => {
    const server = serve();
    server.on(
      'POST /api/campaigns/hl2026/points',
      errorReply(400, 'invalid_request', 'Dữ liệu gửi lên không đúng định dạng.', [
        {
          path: 'opens',
          message: 'Giờ phải viết theo 24 giờ, dạng giờ:phút, ví dụ "07:30" hoặc "16:30".',
        },
      ]),
    );
    await openAt('/console/c/hl2026');
    await click('Thêm điểm thu thập');
    const form = screen.getByRole('form', { name: 'Thêm điểm thu thập' });
    const name = within(form).getByLabelText('Tên điểm (in trên áp phích)') as HTMLInputElement;
    // The keyboard starts in the form it opened (qa9).
    expect(document.activeElement).toBe(name);
    const opens = within(form).getByLabelText(/^Giờ mở cửa/) as HTMLInputElement;
    const closes = within(form).getByLabelText(/^Giờ đóng cửa/) as HTMLInputElement;
    fireEvent.input(name, { target: { value: 'Tiếp nhận Phòng Tư pháp' } });
    fireEvent.change(within(form).getByLabelText('Đơn vị'), { target: { value: 'PTP' } });
    fireEvent.input(opens, { target: { value: 'sáng' } });
    fireEvent.input(closes, { target: { value: '16,30' } });
    await click('Thêm điểm', form);
    expect(server.changes()[0]?.body).toMatchObject({ opens: 'sáng', closes: '16:30' });
    const alert = within(form).getByRole('alert');
    expect(alert.textContent).toContain('Dữ liệu gửi lên không đúng định dạng.');
    expect(alert.textContent).toContain(
      'Giờ phải viết theo 24 giờ, dạng giờ:phút, ví dụ "07:30" hoặc "16:30".',
    );
    // Nothing typed is lost: a second «Thêm điểm» sends what the officer sees.
    expect([name.value, opens.value, closes.value]).toEqual([
      'Tiếp nhận Phòng Tư pháp',
      'sáng',
      '16,30',
    ]);
  });

  it.each([
    ['7:30', '07:30'],
    ['07:30', '07:30'],
    ['7h30', '07:30'],
    ['7 giờ 30', '07:30'],
    ['0730', '07:30'],
    ['730', '07:30'],
    ['17', '17:00'],
    ['17g', '17:00'],
    [' 17.00 ', '17:00'],
    ['16,30', '16:30'],
    ['24:00', '24:00'],
    ['7:5', '7:5'],
    ['sáng', 'sáng'],
  ])(
    'reads the hour «%s» as «%s» (what it cannot read goes to the server as typed)',
    (typed, read) => {
      expect(readClock(typed)).toBe(read);
    },
  );

  it('a new point starts with no unit, and is not sent until one is chosen', async () => {
    const server = serve();
    await openAt('/console/c/hl2026');
    await click('Thêm điểm thu thập');
    const form = screen.getByRole('form', { name: 'Thêm điểm thu thập' });
    const select = within(form).getByLabelText('Đơn vị') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(select.selectedOptions[0]?.textContent).toBe('— Chọn đơn vị —');
    fireEvent.input(within(form).getByLabelText('Tên điểm (in trên áp phích)'), {
      target: { value: 'Tiếp nhận Phòng Tư pháp' },
    });
    await click('Thêm điểm', form);
    expect(within(form).getByRole('alert').textContent).toBe('Hãy chọn đơn vị của điểm thu thập.');
    expect(server.changes()).toEqual([]);
  });

  it('finds a unit in a long list by typing without diacritics', async () => {
    serve();
    await openAt('/console/c/hl2026');
    await click('Thêm điểm thu thập');
    const form = screen.getByRole('form', { name: 'Thêm điểm thu thập' });
    const all = within(form).getByLabelText('Đơn vị').querySelectorAll('option').length;
    expect(all).toBe(units.length + 1);
    fireEvent.input(within(form).getByLabelText('Tìm đơn vị'), { target: { value: 'tu phap' } });
    await settle();
    const shown = [...within(form).getByLabelText('Đơn vị').querySelectorAll('option')].map(
      (o) => o.textContent,
    );
    expect(shown[0]).toBe('— Chọn đơn vị —');
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(all);
    for (const name of shown.slice(1)) expect(name).toMatch(/Tư pháp/i);
  });

  it('staff open and close a SIPAS campaign from its points, after confirming', async () => {
    const server = serve();
    server.on('POST /api/campaigns/hl2026/open', {
      status: 200,
      body: { ...sipas, phase: 'open' },
    });
    server.on('POST /api/campaigns/hl2026/close', {
      status: 200,
      body: { ...sipas, phase: 'closed' },
    });
    await openAt('/console/c/hl2026');
    await click('Mở đợt khảo sát');
    await click('Mở đợt khảo sát', dialog());
    expect(server.changes().map((c) => c.path)).toEqual(['/api/campaigns/hl2026/open']);
    expect(screen.getByText('Đang mở')).toBeTruthy();
    await click('Đóng đợt khảo sát');
    await click('Đóng đợt khảo sát', dialog());
    expect(server.changes().map((c) => c.path)).toEqual([
      '/api/campaigns/hl2026/open',
      '/api/campaigns/hl2026/close',
    ]);
    expect(screen.getByRole('button', { name: 'Mở lại đợt khảo sát' })).toBeTruthy();
  });

  it('closed: no new point and no new codes, and the page says why', async () => {
    const server = serve();
    server.on('GET /api/campaigns/hl2026', {
      status: 200,
      body: { ...sipas, phase: 'closed' },
    });
    await openAt('/console/c/hl2026');
    const table = screen.getByRole('table', { name: 'Các điểm thu thập' });
    expect(within(table).queryByRole('button', { name: 'Tạo mã dùng một lần' })).toBeNull();
    expect(within(table).queryByLabelText('Số mã')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Thêm điểm thu thập' })).toBeNull();
    expect(screen.getByText(/^Đợt khảo sát đã đóng: người dân không góp ý được nữa/)).toBeTruthy();
    // Posters still print, and reopening is offered.
    expect(within(table).getByRole('link', { name: 'Áp phích A4' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mở lại đợt khảo sát' })).toBeTruthy();
  });

  it('a point in use offers no «Xóa»; its unit is shown, not chosen, and says why', async () => {
    const server = serve();
    server.on('GET /api/campaigns/hl2026/points', {
      status: 200,
      body: [point, { ...point, id: 'p2', code: 'Q2W3E4', name: 'Chưa có phiếu', inUse: false }],
    });
    server.on('GET /api/campaigns/hl2026', { status: 200, body: { ...sipas, phase: 'open' } });
    await openAt('/console/c/hl2026');
    const table = screen.getByRole('table', { name: 'Các điểm thu thập' });
    const row = (name: string) =>
      within(table).getByText(name, { exact: false }).closest('tr') as HTMLElement;
    expect(
      within(row('Bộ phận Một cửa xã Tân Hưng')).queryByRole('button', { name: 'Xóa' }),
    ).toBeNull();
    expect(within(row('Chưa có phiếu')).getByRole('button', { name: 'Xóa' })).toBeTruthy();
    await click('Sửa', row('Bộ phận Một cửa xã Tân Hưng'));
    const form = screen.getByRole('form', { name: 'Sửa điểm «Bộ phận Một cửa xã Tân Hưng»' });
    expect(within(form).queryByRole('combobox', { name: 'Đơn vị' })).toBeNull();
    expect(form.textContent).toContain('UBND xã Tân Hưng');
    expect(form.textContent).toContain(
      'Điểm đã có phiếu trả lời: đơn vị của điểm giữ nguyên, vì các phiếu đã thu được tính cho đơn vị này. Nếu cần, hãy thêm một điểm mới cho đơn vị khác.',
    );
    await click('Lưu', form);
    expect(server.changes()[0]?.body).toMatchObject({ unitCode: 'X-TANHUNG' });
  });

  it('open: codes are made for a point', async () => {
    const server = serve();
    server.on('POST /api/campaigns/hl2026/points/p1/codes', {
      status: 201,
      body: {
        id: 'b1',
        pointId: 'p1',
        pointName: point.name,
        size: 48,
        used: 0,
        createdAt: '2026-12-06T08:00:00.000Z',
        sheet: '/api/campaigns/hl2026/code-batches/b1/sheet',
      },
    });
    await openAt('/console/c/hl2026');
    expect(screen.queryByText(/^Đợt khảo sát đã đóng/)).toBeNull();
    await click('Tạo mã dùng một lần');
    expect(server.changes()[0]).toMatchObject({
      path: '/api/campaigns/hl2026/points/p1/codes',
      body: { count: 48 },
    });
    expect(screen.getByRole('status').textContent).toContain(
      'Đã tạo 48 mã dùng một lần cho «Bộ phận Một cửa xã Tân Hưng».',
    );
  });

  it('an analyst sees the points but no printing or codes', async () => {
    serve('analyst');
    await openAt('/console/c/hl2026');
    const table = screen.getByRole('table', { name: 'Các điểm thu thập' });
    expect(within(table).queryByRole('link', { name: 'Áp phích A4' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Thêm điểm thu thập' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mở đợt khảo sát' })).toBeNull();
  });
});

describe('working days', () => {
  // One style in every row (qa6: «T2, T3, T4, T5, T6, T7» beside «Thứ Hai – thứ Sáu»).
  it.each([
    [[1, 2, 3, 4, 5], 'T2–T6'],
    [[1, 2, 3, 4, 5, 6], 'T2–T7'],
    [[1, 2, 3, 4, 5, 6, 7], 'T2–CN'],
    [[2, 3, 4], 'T3–T5'],
    [[1, 2, 3, 5], 'T2–T4, T6'],
    [[1, 3, 7], 'T2, T4, CN'],
    [[6, 7], 'T7, CN'],
    [[7, 1, 2, 3], 'T2–T4, CN'],
  ])('%j → %s', (days, text) => expect(dayNames(days)).toBe(text));

  it('hours and days read the same way for every point', () => {
    expect(openingHours({ opens: '07:00', closes: '17:00', weekdays: [1, 2, 3, 4, 5, 6] })).toBe(
      '07:00–17:00, T2–T7',
    );
    expect(openingHours({ opens: '07:30', closes: '17:00', weekdays: [1, 2, 3, 4, 5] })).toBe(
      '07:30–17:00, T2–T6',
    );
  });
});
