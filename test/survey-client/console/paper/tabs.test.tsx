// @vitest-environment happy-dom
import { screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { campaign, fakeServer, openAt, signedIn, tracking, useConsoleEnv } from '../helpers';

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

describe('paper forms and the definition are for staff', () => {
  it.each(['admin', 'officer'] as const)('%s sees "Phiếu giấy" and "Bộ câu hỏi"', async (role) => {
    serve(role);
    await openAt('/console/c/c2024');
    expect(tabs()).toEqual(expect.arrayContaining(['Phiếu giấy', 'Bộ câu hỏi']));
    expect(screen.getByRole('link', { name: 'Phiếu giấy' }).getAttribute('href')).toBe(
      '/console/c/c2024/paper',
    );
    expect(screen.getByRole('link', { name: 'Bộ câu hỏi' }).getAttribute('href')).toBe(
      '/console/c/c2024/definition',
    );
  });

  it('an analyst sees neither tab', async () => {
    serve('analyst');
    await openAt('/console/c/c2024');
    expect(tabs()).not.toContain('Phiếu giấy');
    expect(tabs()).not.toContain('Bộ câu hỏi');
  });

  it.each(['paper', 'definition'])(
    'an analyst typing /console/c/<id>/%s is refused, and nothing more is asked',
    async (tab) => {
      const server = serve('analyst');
      await openAt(`/console/c/c2024/${tab}`);
      expect(screen.getByRole('alert').textContent).toBe(
        'Tài khoản của Ông/Bà không có quyền xem mục này.',
      );
      expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/me', '/api/campaigns/c2024']);
    },
  );

  it('an officer has no "Quản trị" link; an admin has', async () => {
    serve('officer');
    await openAt('/console/c/c2024');
    expect(screen.queryByRole('link', { name: 'Quản trị' })).toBeNull();
    serve('admin');
    await openAt('/console/c/c2024');
    expect(screen.getByRole('link', { name: 'Quản trị' })).toBeTruthy();
  });
});
