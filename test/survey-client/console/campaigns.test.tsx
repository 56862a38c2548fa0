// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { fromVnInput, toVnInput, vnDateTime } from '../../../survey-client/console/format';
import {
  CSRF,
  campaign,
  click,
  errorReply,
  fakeServer,
  openAt,
  signedIn,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

const list = [
  campaign(),
  campaign({
    id: 'c2023',
    name: 'Khảo sát CCHC năm 2023',
    phase: 'closed',
    opensAt: '2023-11-01T01:00:00.000Z',
    closesAt: '2023-12-20T10:00:00.000Z',
    targetRate: null,
    counts: { invited: 0, submitted: 0 },
  }),
];

describe('Vietnam time', () => {
  it('shows instants as dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh', () => {
    expect(vnDateTime('2023-12-04T17:30:00.000Z')).toBe('05/12/2023 00:30');
    expect(vnDateTime(null)).toBe('—');
  });
  it('reads a typed time as Vietnam time, with +07:00', () => {
    expect(fromVnInput('2024-11-01T08:00')).toBe('2024-11-01T08:00:00+07:00');
    expect(fromVnInput('')).toBeNull();
    expect(toVnInput('2024-11-01T01:00:00.000Z')).toBe('2024-11-01T08:00');
  });
});

describe('the campaigns list', () => {
  it('shows each campaign with its phase, Vietnam-time dates, counts and a bar', async () => {
    fakeServer({ ...signedIn('officer'), 'GET /api/campaigns': { status: 200, body: list } });
    await openAt('/console');
    const [first, second] = screen.getAllByRole('listitem');
    if (!first || !second) throw new Error('two campaigns expected');
    expect(
      within(first).getByRole('link', { name: 'Khảo sát CCHC năm 2024' }).getAttribute('href'),
    ).toBe('/console/c/c2024');
    expect(first.textContent).toContain('Đang mở');
    expect(first.textContent).toContain('Mở: 01/11/2024 08:00');
    expect(first.textContent).toContain('Đóng: 15/12/2024 17:00');
    expect(first.textContent).toContain('Đã gửi 18 / 40 người được mời (45%; chỉ tiêu 70%)');
    const bar = within(first).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('45');
    expect(bar.getAttribute('aria-valuetext')).toBe('45% (chỉ tiêu 70%)');
    expect(second.textContent).toContain('Đã đóng');
    expect(within(second).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
  });

  it('follows a campaign link without reloading the page', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns': { status: 200, body: list },
      'GET /api/campaigns/c2024': { status: 200, body: campaign() },
      'GET /api/campaigns/c2024/tracking': errorReply(500, 'internal', 'Lỗi máy chủ.'),
    });
    await openAt('/console');
    fireEvent.click(screen.getByRole('link', { name: 'Khảo sát CCHC năm 2024' }));
    await new Promise((ok) => setTimeout(ok, 0));
    expect(location.pathname).toBe('/console/c/c2024');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(
      'Khảo sát CCHC năm 2024',
    );
  });

  it('creates a campaign: times typed as Vietnam time are sent with +07:00, with the CSRF token', async () => {
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns': { status: 200, body: list },
      'POST /api/campaigns': { status: 201, body: campaign({ id: 'new1', name: 'Đợt mới' }) },
      'GET /api/campaigns/new1': { status: 200, body: campaign({ id: 'new1', name: 'Đợt mới' }) },
    });
    await openAt('/console');
    await click('Tạo đợt khảo sát');
    const form = screen.getByRole('form', { name: 'Tạo đợt khảo sát' });
    const set = (label: string, value: string) =>
      fireEvent.input(within(form).getByLabelText(label), { target: { value } });
    set('Tên đợt khảo sát', 'Khảo sát năm 2025');
    fireEvent.click(within(form).getByLabelText(/^Sao chép một đợt trước/));
    fireEvent.change(within(form).getByLabelText('Đợt khảo sát để sao chép'), {
      target: { value: 'c2023' },
    });
    set('Bắt đầu', '2030-11-03T07:30');
    set('Kết thúc', '2030-12-19T17:00');
    set('Người hoặc bộ phận liên hệ', 'Phòng Nội vụ huyện');
    set('Số điện thoại', '0271 3645 123');
    set('Chỉ tiêu tỷ lệ trả lời (%)', '75');
    await click('Tạo đợt khảo sát', form);
    const post = server.changes()[0];
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(post?.body).toEqual({
      name: 'Khảo sát năm 2025',
      copyOf: 'c2023',
      opensAt: '2030-11-03T07:30:00+07:00',
      closesAt: '2030-12-19T17:00:00+07:00',
      contactName: 'Phòng Nội vụ huyện',
      contactPhone: '0271 3645 123',
      targetRate: 75,
    });
    // A new campaign starts with its roster.
    expect(location.pathname).toBe('/console/c/new1/roster');
  });

  it('the built-in Hớn Quản 2023 set is the default; empty fields are sent as null', async () => {
    const server = fakeServer({
      ...signedIn('admin'),
      'GET /api/campaigns': { status: 200, body: [] },
      'POST /api/campaigns': errorReply(
        422,
        'invalid_dates',
        'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
      ),
    });
    await openAt('/console');
    await click('Tạo đợt khảo sát');
    const form = screen.getByRole('form', { name: 'Tạo đợt khảo sát' });
    const district = within(form).getByRole('radio', { name: /^Cấp huyện \(mẫu Hớn Quản 2023\)/ });
    expect((district as HTMLInputElement).checked).toBe(true);
    // With no earlier campaign there is nothing to copy.
    expect(within(form).queryByRole('radio', { name: /^Sao chép/ })).toBeNull();
    fireEvent.input(within(form).getByLabelText('Tên đợt khảo sát'), {
      target: { value: 'Đợt thử' },
    });
    await click('Tạo đợt khảo sát', form);
    expect(server.changes()[0]?.body).toEqual({
      name: 'Đợt thử',
      template: 'district_2023',
      opensAt: null,
      closesAt: null,
      contactName: null,
      contactPhone: null,
      targetRate: null,
    });
    expect(within(form).getByRole('alert').textContent).toBe(
      'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
    );
    expect(location.pathname).toBe('/console');
  });

  it('an analyst sees the campaigns but cannot create one', async () => {
    fakeServer({ ...signedIn('analyst'), 'GET /api/campaigns': { status: 200, body: list } });
    await openAt('/console');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Tạo đợt khảo sát' })).toBeNull();
  });
});
