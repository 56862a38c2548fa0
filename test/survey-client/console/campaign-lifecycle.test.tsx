// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import {
  campaign,
  click,
  dialog,
  errorReply,
  fakeServer,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

const PAST = '2024-10-30T08:00';
const input = (label: string, scope: HTMLElement = document.body) =>
  within(scope).getByLabelText(label) as HTMLInputElement;

async function fillCreate(opensAt: string) {
  await openAt('/console');
  await click('Tạo đợt khảo sát');
  const form = screen.getByRole('form', { name: 'Tạo đợt khảo sát' });
  fireEvent.input(input('Tên đợt khảo sát', form), { target: { value: 'Khảo sát 2024' } });
  fireEvent.input(input('Bắt đầu', form), { target: { value: opensAt } });
  await click('Tạo đợt khảo sát', form);
  return form;
}

describe('a start time already past (issue #13.14)', () => {
  it('asks before creating a campaign that would open at once; "Hủy" sends nothing', async () => {
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns': { status: 200, body: [] },
      'POST /api/campaigns': { status: 201, body: campaign({ id: 'c2024', phase: 'open' }) },
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'open' }) },
    });
    const form = await fillCreate(PAST);
    expect(
      within(dialog()).getByText(/^Thời điểm bắt đầu \(30\/10\/2024 08:00\) đã qua/),
    ).toBeTruthy();
    expect(dialog().textContent).toContain('bộ câu hỏi, cách tính điểm được cố định');
    await click('Hủy', dialog());
    expect(server.changes()).toEqual([]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // The form is ready again: the officer may pick a later time, or confirm.
    await click('Tạo đợt khảo sát', form);
    await click('Mở ngay', dialog());
    expect(server.changes().map((c) => c.body)).toEqual([
      expect.objectContaining({ opensAt: '2024-10-30T08:00:00+07:00', openNow: true }),
    ]);
  });

  it('asks too when the server finds the start past (its clock decides), then sends it confirmed', async () => {
    const refused = errorReply(
      409,
      'opens_in_past',
      'Thời điểm bắt đầu (08 giờ 00 ngày 01/11/2030) đã qua: đợt khảo sát sẽ mở ngay.',
    );
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns': { status: 200, body: [] },
      'POST /api/campaigns': (c) =>
        (c.body as { openNow?: boolean }).openNow
          ? { status: 201, body: campaign({ id: 'c2024', phase: 'open' }) }
          : refused,
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'open' }) },
    });
    await fillCreate('2030-11-01T08:00');
    expect(dialog().textContent).toContain('08 giờ 00 ngày 01/11/2030) đã qua');
    await click('Mở ngay', dialog());
    expect(server.changes().map((c) => (c.body as { openNow?: boolean }).openNow)).toEqual([
      undefined,
      true,
    ]);
    expect(location.pathname).toBe('/console/c/c2024/roster');
  });

  it('asks before moving a draft’s start into the past', async () => {
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'not_open' }) },
      'PATCH /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'open' }) },
    });
    await openAt('/console/c/c2024/settings');
    fireEvent.input(input('Bắt đầu'), { target: { value: PAST } });
    await click('Lưu thay đổi');
    await click('Mở ngay', dialog());
    expect(server.changes().map((c) => c.body)).toEqual([
      { opensAt: '2024-10-30T08:00:00+07:00', openNow: true },
    ]);
  });
});

describe('the openings, archiving and deleting', () => {
  it('shows every period the campaign was open on its page', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': {
        status: 200,
        body: campaign({
          phase: 'open',
          openings: [
            { openedAt: '2024-11-01T01:00:00.000Z', closedAt: '2024-12-15T10:00:00.000Z' },
            { openedAt: '2024-12-16T02:00:00.000Z', closedAt: null },
          ],
        }),
      },
      'GET /api/campaigns/c2024/tracking': errorReply(500, 'internal', 'x'),
    });
    await openAt('/console/c/c2024/settings');
    const list = screen.getByRole('list', { name: 'Các lần mở' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Mở lần đầu: 01/11/2024 08:00 – 15/12/2024 17:00',
      'Mở lại lần 1: 16/12/2024 09:00 – chưa đặt thời điểm kết thúc',
    ]);
  });

  it('archives a closed campaign; the list shows archived ones only on asking', async () => {
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'closed' }) },
      'POST /api/campaigns/c2024/archive': {
        status: 200,
        body: campaign({ phase: 'closed', archivedAt: '2025-01-10T02:00:00.000Z' }),
      },
    });
    await openAt('/console/c/c2024/settings');
    // An officer does not delete a campaign that was open: that is for an admin.
    expect(screen.queryByRole('button', { name: 'Xóa đợt khảo sát' })).toBeNull();
    await click('Lưu trữ đợt khảo sát');
    expect(server.changes().map((c) => c.path)).toEqual(['/api/campaigns/c2024/archive']);
    expect(screen.getByText('Đã lưu trữ')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Bỏ lưu trữ' })).toBeTruthy();

    server.on('GET /api/campaigns', { status: 200, body: [campaign({ id: 'c2025' })] });
    await openAt('/console');
    expect(server.gets('/api/campaigns').at(-1)?.query.get('archived')).toBeNull();
    fireEvent.click(screen.getByLabelText('Hiện cả đợt đã lưu trữ'));
    await settle();
    expect(server.gets('/api/campaigns').at(-1)?.query.get('archived')).toBe('1');
  });

  it.each([
    ['officer', 'not_open', /^Xóa đợt "Khảo sát CCHC năm 2024" chưa mở/],
    ['admin', 'closed', /^Xóa đợt dùng thử "Khảo sát CCHC năm 2024" cùng mọi dữ liệu: 40 người/],
  ] as const)('deletes a campaign (%s, %s) after saying what goes', async (role, phase, text) => {
    const server = fakeServer({
      ...signedIn(role),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase }) },
      'DELETE /api/campaigns/c2024': {
        status: 200,
        body: { id: 'c2024', forms: 18, people: 40 },
      },
      'GET /api/campaigns': { status: 200, body: [] },
    });
    await openAt('/console/c/c2024/settings');
    await click('Xóa đợt khảo sát');
    expect(within(dialog()).getByText(text)).toBeTruthy();
    await click('Xóa đợt khảo sát', dialog());
    expect(server.changes().map((c) => [c.method, c.path])).toEqual([
      ['DELETE', '/api/campaigns/c2024'],
    ]);
    expect(location.pathname).toBe('/console');
  });
});
