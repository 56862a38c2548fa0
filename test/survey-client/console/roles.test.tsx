// @vitest-environment happy-dom
import { screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { campaign, fakeServer, openAt, signedIn, tracking, useConsoleEnv } from './helpers';

useConsoleEnv();

function serve(role: 'admin' | 'officer' | 'analyst') {
  return fakeServer({
    ...signedIn(role),
    'GET /api/campaigns/c2024': { status: 200, body: campaign() },
    'GET /api/campaigns/c2024/tracking': { status: 200, body: tracking() },
  });
}

const tabs = () =>
  within(screen.getByRole('navigation', { name: 'Các mục của đợt khảo sát' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('what each role sees', () => {
  const STAFF_TABS = [
    'Theo dõi',
    'Lời mời',
    'Nhập danh sách',
    'Phiếu giấy',
    'Đơn vị',
    'Bộ câu hỏi',
    'Cài đặt',
  ];
  it.each([
    ['admin', [...STAFF_TABS, 'Kết quả', 'Ý kiến góp ý']],
    ['officer', STAFF_TABS],
  ] as const)(
    '%s: tracking, invitations, roster, settings…; results for the admin only',
    async (role, expected) => {
      serve(role);
      await openAt('/console/c/c2024');
      expect(tabs()).toEqual(expected);
    },
  );

  it('analyst: tracking and results, no links to invitations or the roster', async () => {
    serve('analyst');
    await openAt('/console/c/c2024');
    expect(tabs()).toEqual(['Theo dõi', 'Kết quả', 'Ý kiến góp ý']);
    expect(screen.queryByRole('link', { name: /Lời mời|Nhập danh sách|Cài đặt/ })).toBeNull();
  });

  it.each(['invitations', 'roster', 'settings', 'units'])(
    'analyst typing /console/c/<id>/%s gets a refusal, and names are never asked for',
    async (tab) => {
      const server = serve('analyst');
      await openAt(`/console/c/c2024/${tab}`);
      expect(screen.getByRole('alert').textContent).toBe(
        'Tài khoản của Ông/Bà không có quyền xem mục này.',
      );
      expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/me', '/api/campaigns/c2024']);
    },
  );
});
