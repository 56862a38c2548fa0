// @vitest-environment happy-dom
import { screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../../survey-client/console/admin/types';
import { campaign, click, fakeServer, openAt, signedIn, useConsoleEnv } from '../helpers';

useConsoleEnv();

const line = (patch: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: '2024-11-05T01:30:00.000Z',
  userId: 'u1',
  userEmail: 'binh@honquan.vn',
  action: 'login',
  campaignId: null,
  target: null,
  targetName: null,
  details: null,
  ip: '10.0.0.7',
  organisationId: 'root',
  organisationName: 'Toàn hệ thống',
  ...patch,
});

const many = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => line({ id: from - i, action: 'slips_printed' }));

describe('the audit log', () => {
  it('shows when (Vietnam time), who, what in Vietnamese, where, on what, details', async () => {
    fakeServer({
      ...signedIn('admin'),
      'GET /api/campaigns': { status: 200, body: [campaign()] },
      'GET /api/audit': {
        status: 200,
        body: [
          line({
            id: 5,
            action: 'invitation_revoke',
            campaignId: 'c2024',
            target: 'inv-77',
            targetName: 'Nguyễn Văn An',
          }),
          line({
            id: 4,
            at: '2024-11-04T17:05:00.000Z',
            action: 'user_edited',
            target: 'hoa@honquan.vn',
            details: JSON.stringify({ role: 'analyst' }),
          }),
          line({
            id: 3,
            action: 'user_edited',
            target: 'an@honquan.vn',
            details: JSON.stringify({ disabled: true }),
          }),
          line({
            id: 2,
            action: 'reminder_sent',
            campaignId: 'gone',
            details: JSON.stringify({ channel: 'zalo' }),
          }),
          line({
            id: 1,
            action: 'slips_printed',
            campaignId: 'c2024',
            details: JSON.stringify({ count: 1200, layout: '8', arrange: 'unit-pages' }),
          }),
          line({
            id: 0,
            userId: null,
            userEmail: null,
            action: 'something_new',
            details: JSON.stringify({ email: 'x@y.vn' }),
          }),
        ],
      },
    });
    await openAt('/console/admin/audit');
    const rows = screen.getAllByRole('row').slice(1);
    const cells = (r: HTMLElement) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(rows[0]?.textContent).toContain('05/11/2024 08:30');
    expect(cells(rows[0] as HTMLElement)).toEqual([
      'binh@honquan.vnIP 10.0.0.7',
      'Thu hồi đường dẫn',
      'Khảo sát CCHC năm 2024',
      'Nguyễn Văn An',
      '—',
    ]);
    // 17:05 UTC is past midnight in Vietnam.
    expect(rows[1]?.textContent).toContain('05/11/2024 00:05');
    expect(cells(rows[1] as HTMLElement).slice(1)).toEqual([
      'Đổi vai trò',
      '—',
      'hoa@honquan.vn',
      'Vai trò: Phân tích, thẩm định',
    ]);
    expect(cells(rows[2] as HTMLElement)[1]).toBe('Khóa tài khoản');
    expect(cells(rows[3] as HTMLElement).slice(1, 3)).toEqual(['Ghi nhận đã nhắc', 'gone']);
    expect(cells(rows[3] as HTMLElement)[4]).toBe('Kênh: Zalo');
    expect(cells(rows[4] as HTMLElement)[4]).toBe(
      'Số lượng: 1.200; Số phiếu mỗi trang: 8; Cách xếp: Mỗi đơn vị sang trang mới',
    );
    expect(cells(rows[5] as HTMLElement)).toEqual([
      '—IP 10.0.0.7',
      'something_new',
      '—',
      '—',
      'E-mail: x@y.vn',
    ]);
  });

  it('pages 50 lines at a time, asking one more to know if there is a next page', async () => {
    const server = fakeServer({
      ...signedIn('admin'),
      'GET /api/campaigns': { status: 200, body: [] },
      'GET /api/audit?limit=51&offset=0': { status: 200, body: many(51, 200) },
      'GET /api/audit?limit=51&offset=50': { status: 200, body: many(3, 150) },
    });
    await openAt('/console/admin/audit');
    expect(screen.getAllByRole('row')).toHaveLength(51);
    const top = screen.getByRole('navigation', { name: 'Chuyển trang nhật ký (đầu bảng)' });
    expect(top.textContent).toContain('Trang 1 (dòng 1–50)');
    expect(within(top).getByRole('button', { name: '← Mới hơn' })).toHaveProperty('disabled', true);
    await click('Cũ hơn →', top);
    expect(server.gets('/api/audit').map((c) => c.url)).toEqual([
      '/api/audit?limit=51&offset=0',
      '/api/audit?limit=51&offset=50',
    ]);
    const again = screen.getByRole('navigation', { name: 'Chuyển trang nhật ký (đầu bảng)' });
    expect(again.textContent).toContain('Trang 2 (dòng 51–53)');
    expect(within(again).getByRole('button', { name: 'Cũ hơn →' })).toHaveProperty(
      'disabled',
      true,
    );
    await click('← Mới hơn', again);
    expect(server.gets('/api/audit').at(-1)?.url).toBe('/api/audit?limit=51&offset=0');
  });

  it('links the CSV export of the whole log', async () => {
    fakeServer({
      ...signedIn('admin'),
      'GET /api/campaigns': { status: 200, body: [] },
      'GET /api/audit': { status: 200, body: [] },
    });
    await openAt('/console/admin/audit');
    const csv = screen.getByRole('link', { name: 'Tải toàn bộ nhật ký (CSV)' });
    expect(csv.getAttribute('href')).toBe('/api/audit.csv');
    expect(screen.getByText('Nhật ký chưa có dòng nào.')).toBeTruthy();
  });
});
