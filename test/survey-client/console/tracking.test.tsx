// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { reopenEnd } from '../../../survey-client/console/parts/phase-actions';
import { fieldTime, inWords } from '../../../survey-client/console/parts/vn-datetime';
import {
  CSRF,
  campaign,
  cell,
  click,
  dialog,
  fakeServer,
  openAt,
  settle,
  signedIn,
  tracking,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

const data = tracking({
  targetRate: 70,
  total: cell({
    groupName: 'Tổng cộng',
    invited: 40,
    notOpened: 10,
    opened: 6,
    inProgress: 4,
    submitted: 20,
    rate: 50,
  }),
  groups: [
    cell({ invited: 10, notOpened: 1, opened: 1, inProgress: 0, submitted: 8, rate: 80 }),
    cell({
      groupCode: 'LD_UBND_XA',
      groupName: 'Lãnh đạo UBND các xã, thị trấn',
      invited: 30,
      notOpened: 9,
      opened: 5,
      inProgress: 4,
      submitted: 12,
      rate: 40,
    }),
  ],
  rows: [
    cell({ invited: 10, notOpened: 1, opened: 1, submitted: 8, rate: 80 }),
    cell({
      groupCode: 'LD_UBND_XA',
      groupName: 'Lãnh đạo UBND các xã, thị trấn',
      unitCode: 'X-ANPHU',
      unitName: 'UBND xã An Phú',
      invited: 3,
      notOpened: 1,
      submitted: 2,
      rate: 66.7,
    }),
    cell({
      groupCode: 'LD_UBND_XA',
      groupName: 'Lãnh đạo UBND các xã, thị trấn',
      unitCode: 'X-LONG',
      unitName: `UBND xã ${'Rất Dài '.repeat(25)}`.trim(),
      invited: 27,
      notOpened: 8,
      opened: 5,
      inProgress: 4,
      submitted: 10,
      rate: 37,
    }),
  ],
  daily: [
    { day: '2024-11-04', status: 'opened', n: 9 },
    { day: '2024-11-04', status: 'submitted', n: 5 },
    { day: '2024-11-05', status: 'submitted', n: 15 },
  ],
});

function serve(
  role: 'officer' | 'analyst' = 'officer',
  phase: 'not_open' | 'open' | 'closed' = 'open',
) {
  return fakeServer({
    ...signedIn(role),
    'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase }) },
    'GET /api/campaigns/c2024/tracking': { status: 200, body: data },
  });
}

const section = (name: string) =>
  screen.getByRole('heading', { name }).closest('section') as HTMLElement;

describe('the campaign overview (tracking)', () => {
  it('shows the totals and the overall rate against the target', async () => {
    serve();
    await openAt('/console/c/c2024');
    const total = section('Tổng cộng');
    const stat = (label: string) => within(total).getByText(label).nextElementSibling?.textContent;
    expect(stat('Được mời')).toBe('40');
    expect(stat('Chưa mở')).toBe('10');
    expect(stat('Đã mở')).toBe('6');
    expect(stat('Đang trả lời')).toBe('4');
    expect(stat('Đã gửi')).toBe('20');
    expect(stat('Tỷ lệ trả lời')).toBe('50%');
    const bar = within(total).getByRole('progressbar', { name: 'Tỷ lệ trả lời chung' });
    expect(bar.getAttribute('aria-valuetext')).toBe('50% (chỉ tiêu 70%)');
    expect((bar.querySelector('.fill') as HTMLElement).style.width).toBe('50%');
    expect((bar.querySelector('.target') as HTMLElement).style.left).toBe('70%');
    expect(bar.classList.contains('met')).toBe(false);
  });

  it('shows each group and each group × unit with its counts and bar', async () => {
    serve();
    await openAt('/console/c/c2024');
    const groups = section('Theo nhóm đối tượng');
    const delegates = within(groups).getByRole('row', { name: /^Đại biểu HĐND huyện/ });
    expect([...delegates.querySelectorAll('td.num')].map((td) => td.textContent)).toEqual([
      '10',
      '1',
      '1',
      '0',
      '8',
    ]);
    // 80% meets the 70% target: the bar says so.
    expect(within(delegates).getByRole('progressbar').classList.contains('met')).toBe(true);

    const units = section('Theo nhóm và đơn vị');
    const anPhu = within(units).getByRole('row', { name: /^UBND xã An Phú/ });
    expect(anPhu.textContent).toContain('66,7%');
    expect(within(anPhu).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('66.7');
    expect(within(anPhu).getByRole('progressbar').classList.contains('met')).toBe(false);
    expect(within(units).getByText(/^UBND xã Rất Dài/)).toBeTruthy();
    // Each row says its group; the last row adds every row up.
    expect(within(anPhu).getByText('Lãnh đạo UBND các xã, thị trấn')).toBeTruthy();
    const sum = within(units).getByRole('row', { name: /^Cộng tất cả các dòng/ });
    expect([...sum.querySelectorAll('td.num')].map((td) => td.textContent)).toEqual([
      '40',
      '10',
      '6',
      '4',
      '20',
    ]);
  });

  it('lists submissions per day, with the running total', async () => {
    serve();
    await openAt('/console/c/c2024');
    const days = within(section('Phiếu đã gửi theo ngày')).getAllByRole('listitem');
    expect(days.map((d) => d.textContent)).toEqual([
      '04/11/2024 5 phiếu (cộng dồn 5)',
      '05/11/2024 15 phiếu (cộng dồn 20)',
    ]);
  });

  it('closes the campaign only after confirming, with the CSRF token', async () => {
    const server = serve('officer', 'open');
    server.on('POST /api/campaigns/c2024/close', {
      status: 200,
      body: campaign({ phase: 'closed' }),
    });
    await openAt('/console/c/c2024');
    await click('Đóng đợt khảo sát');
    expect(dialog().textContent).toContain('không ai gửi thêm phiếu được');
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await click('Đóng đợt khảo sát');
    await click('Đóng đợt khảo sát', dialog());
    expect(server.changes().map((c) => [c.method, c.path, c.headers['X-CSRF-Token']])).toEqual([
      ['POST', '/api/campaigns/c2024/close', CSRF],
    ]);
    expect(screen.getAllByText('Đã đóng').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Mở lại đợt khảo sát' })).toBeTruthy();
  });

  it('the question starts on "Hủy"; Escape cancels too', async () => {
    const server = serve('officer', 'open');
    await openAt('/console/c/c2024');
    await click('Đóng đợt khảo sát');
    expect(document.activeElement?.textContent).toBe('Hủy');
    fireEvent.keyDown(dialog(), { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(server.changes()).toHaveLength(0);
  });

  it.each([
    ['not_open', 'Mở đợt khảo sát'],
    ['closed', 'Mở lại đợt khảo sát'],
  ] as const)('a %s campaign offers "%s", which posts /open', async (phase, label) => {
    const server = serve('officer', phase);
    server.on('POST /api/campaigns/c2024/open', { status: 200, body: campaign({ phase: 'open' }) });
    await openAt('/console/c/c2024');
    await click(label);
    await click(label, dialog());
    expect(server.changes().map((c) => c.path)).toEqual(['/api/campaigns/c2024/open']);
    expect(screen.getByRole('button', { name: 'Đóng đợt khảo sát' })).toBeTruthy();
  });

  it('reopening asks for the new end, a week on at 17:00, and sends it in Vietnam time (qa8)', async () => {
    const server = serve('officer', 'closed');
    server.on('POST /api/campaigns/c2024/open', { status: 200, body: campaign({ phase: 'open' }) });
    await openAt('/console/c/c2024');
    await click('Mở lại đợt khảo sát');
    const field = within(dialog()).getByLabelText(
      /^Kết thúc lúc \(giờ Việt Nam\)/,
    ) as HTMLInputElement;
    expect(field.value).toBe(reopenEnd());
    expect(field.value).toMatch(/^\d{4}-\d\d-\d\dT17:00$/);
    expect(document.activeElement).toBe(field);
    // Tab goes round the field and the two buttons.
    fireEvent.keyDown(dialog(), { key: 'Tab' });
    expect(document.activeElement?.textContent).toBe('Hủy');
    fireEvent.keyDown(dialog(), { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(field);
    fireEvent.input(field, { target: { value: '2027-01-15T16:30' } });
    // Said again in Vietnamese, whatever language the browser draws the field in (qa9).
    expect(dialog().textContent).toContain('16:30, thứ Sáu 15/01/2027 (giờ Việt Nam)');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      '16:30, thứ Sáu 15/01/2027 (giờ Việt Nam)',
    );
    await click('Mở lại đợt khảo sát', dialog());
    expect(server.changes().map((c) => [c.path, c.body])).toEqual([
      ['/api/campaigns/c2024/open', { closesAt: '2027-01-15T16:30:00+07:00' }],
    ]);
  });

  it('an end already past is said in the question, which stays open with the time typed', async () => {
    const server = serve('officer', 'closed');
    await openAt('/console/c/c2024');
    await click('Mở lại đợt khảo sát');
    const field = within(dialog()).getByLabelText(/^Kết thúc lúc/) as HTMLInputElement;
    fireEvent.input(field, { target: { value: '2020-01-15T16:30' } });
    await click('Mở lại đợt khảo sát', dialog());
    expect(within(dialog()).getByRole('alert').textContent).toBe(
      'Thời điểm kết thúc phải sau lúc mở: hãy chọn một thời điểm sắp tới.',
    );
    expect(field.value).toBe('2020-01-15T16:30');
    expect(document.activeElement).toBe(field);
    expect(server.changes()).toEqual([]);
  });

  it('a half-typed end is not taken for «no end» (qa9b)', async () => {
    const server = serve('officer', 'closed');
    await openAt('/console/c/c2024');
    await click('Mở lại đợt khảo sát');
    const field = within(dialog()).getByLabelText(/^Kết thúc lúc/) as HTMLInputElement;
    // The hour deleted: the browser says '' as for an empty field, and flags the input as bad.
    Object.defineProperty(field, 'validity', { value: { badInput: true }, configurable: true });
    fireEvent.input(field, { target: { value: '' } });
    expect(dialog().textContent).toContain('Chưa đủ hoặc chưa đúng ngày giờ');
    await click('Mở lại đợt khảo sát', dialog());
    expect(within(dialog()).getByRole('alert').textContent).toMatch(
      /^Ngày giờ kết thúc chưa đủ hoặc chưa đúng/,
    );
    expect(server.changes()).toEqual([]);
  });

  it('reads a date-time field as a whole date and time, or as not yet one', () => {
    const field = (value: string, badInput = false) =>
      ({ value, validity: { badInput } }) as unknown as HTMLInputElement;
    expect(fieldTime(field('2026-12-14T17:00'))).toBe('2026-12-14T17:00');
    expect(fieldTime(field(''))).toBe('');
    expect(fieldTime(field('', true))).toBeNull();
    // A year of six digits, which Chromium's field lets through when typed straight on.
    expect(fieldTime(field('202609-12-20T09:30'))).toBeNull();
  });

  it('a reopening left without an end says so to the server', async () => {
    const server = serve('officer', 'closed');
    server.on('POST /api/campaigns/c2024/open', { status: 200, body: campaign({ phase: 'open' }) });
    await openAt('/console/c/c2024');
    await click('Mở lại đợt khảo sát');
    fireEvent.input(within(dialog()).getByLabelText(/^Kết thúc lúc/), { target: { value: '' } });
    await click('Mở lại đợt khảo sát', dialog());
    expect(server.changes().map((c) => c.body)).toEqual([{ closesAt: null }]);
  });

  it('says a date and time in Vietnamese words', () => {
    expect(inWords('2026-12-14T17:00')).toBe('17:00, thứ Hai 14/12/2026 (giờ Việt Nam)');
    expect(inWords('2026-12-13T07:05')).toBe('07:05, Chủ nhật 13/12/2026 (giờ Việt Nam)');
    expect(inWords('')).toBe('Chưa đặt');
  });

  it('proposes 17:00 of the day a week on in Vietnam, whatever the computer’s zone', () => {
    // 23:30 on 6 Dec in UTC is 06:30 on 7 Dec in Vietnam.
    expect(reopenEnd(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-14T17:00');
  });

  it('an analyst sees the counts but no open/close buttons', async () => {
    serve('analyst');
    await openAt('/console/c/c2024');
    expect(within(section('Tổng cộng')).getByText('Được mời')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /đợt khảo sát/ })).toBeNull();
  });

  it('tells an analyst that small units and groups are merged, or that nothing is shown', async () => {
    fakeServer({
      ...signedIn('analyst'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'open' }) },
      'GET /api/campaigns/c2024/tracking': { status: 200, body: { ...data, minCellSize: 3 } },
    });
    await openAt('/console/c/c2024');
    expect(screen.getByText(/dưới 3 người được gộp lại/)).toBeTruthy();
  });

  it('shows an analyst no table when the campaign is too small', async () => {
    fakeServer({
      ...signedIn('analyst'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'open' }) },
      'GET /api/campaigns/c2024/tracking': {
        status: 200,
        body: { ...data, groups: [], rows: [], daily: [], minCellSize: 3, withheld: true },
      },
    });
    await openAt('/console/c/c2024');
    expect(screen.getByText(/dưới 3 người: không hiển thị số liệu/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Theo nhóm đối tượng' })).toBeNull();
  });
});
