// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { PersonalData } from '../../../../survey-client/console/admin/types';
import {
  CSRF,
  campaign,
  click,
  dialog,
  errorReply,
  fakeServer,
  openAt,
  signedIn,
  tracking,
  useConsoleEnv,
} from '../helpers';

useConsoleEnv();

const DUE: PersonalData = {
  purgedAt: null,
  purgeDueAt: '2025-02-01T00:00:00.000Z',
  purgeAllowed: true,
};

function serve(role: 'admin' | 'officer', personalData?: PersonalData) {
  return fakeServer({
    ...signedIn(role),
    'GET /api/campaigns/c2024': {
      status: 200,
      body: { ...campaign({ phase: 'closed' }), ...(personalData ? { personalData } : {}) },
    },
    'GET /api/campaigns/c2024/tracking': { status: 200, body: tracking() },
  });
}

const PURGE = '/api/campaigns/c2024/purge-personal-data';

describe('personal data, once due for erasure', () => {
  it('an admin is told it is due, and erases after two confirmations', async () => {
    const server = serve('admin', DUE);
    server.on(`POST ${PURGE}`, {
      status: 200,
      body: {
        purged: 24,
        purgedAt: '2025-02-03T02:00:00.000Z',
        purgeDueAt: null,
        purgeAllowed: false,
      },
    });
    await openAt('/console/c/c2024');
    const block = screen.getByRole('region', { name: 'Dữ liệu cá nhân' });
    expect(block.textContent).toContain('Đã đến hạn xóa dữ liệu cá nhân (từ 01/02/2025 07:00)');
    await click('Xóa dữ liệu cá nhân', block);
    expect(dialog().textContent).toContain('sẽ bị xóa vĩnh viễn');
    await click('Tiếp tục', dialog());
    expect(server.changes()).toHaveLength(0);
    expect(dialog().textContent).toContain('Xác nhận lần cuối');
    await click('Xóa vĩnh viễn dữ liệu cá nhân', dialog());
    expect(server.changes().map((c) => [c.method, c.path, c.headers['X-CSRF-Token']])).toEqual([
      ['POST', PURGE, CSRF],
    ]);
    const done = screen.getByRole('region', { name: 'Dữ liệu cá nhân' });
    expect(done.textContent).toContain('Đã xóa dữ liệu cá nhân của 24 người.');
    expect(done.textContent).toContain('đã được xóa lúc 03/02/2025 09:00');
    expect(screen.queryByRole('button', { name: 'Xóa dữ liệu cá nhân' })).toBeNull();
  });

  it('"Hủy" at either question erases nothing', async () => {
    const server = serve('admin', DUE);
    await openAt('/console/c/c2024');
    await click('Xóa dữ liệu cá nhân');
    await click('Hủy', dialog());
    await click('Xóa dữ liệu cá nhân');
    await click('Tiếp tục', dialog());
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);
  });

  it("shows the server's refusal", async () => {
    const server = serve('admin', DUE);
    server.on(
      `POST ${PURGE}`,
      errorReply(
        409,
        'not_allowed_yet',
        'Chỉ xóa được khi đợt khảo sát đã đóng và kết quả đã được khóa để công bố.',
      ),
    );
    await openAt('/console/c/c2024');
    await click('Xóa dữ liệu cá nhân');
    await click('Tiếp tục', dialog());
    await click('Xóa vĩnh viễn dữ liệu cá nhân', dialog());
    expect(screen.getByRole('alert').textContent).toBe(
      'Chỉ xóa được khi đợt khảo sát đã đóng và kết quả đã được khóa để công bố.',
    );
  });

  it('nothing before it is due, without the fields, or for an officer', async () => {
    serve('admin', { ...DUE, purgeDueAt: '2999-01-01T00:00:00.000Z' });
    await openAt('/console/c/c2024');
    expect(screen.queryByRole('region', { name: 'Dữ liệu cá nhân' })).toBeNull();

    serve('admin');
    await openAt('/console/c/c2024');
    expect(screen.queryByText(/dữ liệu cá nhân/i)).toBeNull();

    serve('officer', DUE);
    await openAt('/console/c/c2024');
    expect(screen.queryByText(/dữ liệu cá nhân/i)).toBeNull();
  });

  it('says when it was erased', async () => {
    serve('admin', { purgedAt: '2025-02-03T02:00:00.000Z', purgeDueAt: null, purgeAllowed: false });
    await openAt('/console/c/c2024');
    expect(screen.getByRole('region', { name: 'Dữ liệu cá nhân' }).textContent).toContain(
      'đã được xóa lúc 03/02/2025 09:00',
    );
    expect(screen.queryByRole('button', { name: 'Xóa dữ liệu cá nhân' })).toBeNull();
  });
});
