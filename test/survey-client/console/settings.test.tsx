// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
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

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });

describe('campaign settings', () => {
  it('sends only what changed, times as Vietnam time with +07:00', async () => {
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'not_open' }) },
      'PATCH /api/campaigns/c2024': (c) => ({
        status: 200,
        body: campaign({
          phase: 'not_open',
          ...(c.body as object),
          opensAt: '2030-11-03T00:30:00.000Z',
        }),
      }),
    });
    await openAt('/console/c/c2024/settings');
    expect(input('Bắt đầu').value).toBe('2024-11-01T08:00');
    expect(input('Bắt đầu').disabled).toBe(false);
    type('Bắt đầu', '2030-11-03T07:30');
    type('Số điện thoại', '0912 000 111');
    type('Chỉ tiêu tỷ lệ trả lời (%)', '80');
    await click('Lưu thay đổi');
    const [patch] = server.changes();
    expect(patch?.method).toBe('PATCH');
    expect(patch?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(patch?.body).toEqual({
      opensAt: '2030-11-03T07:30:00+07:00',
      contactPhone: '0912 000 111',
      targetRate: 80,
    });
    expect(screen.getByRole('status').textContent).toBe('Đã lưu.');
    expect(screen.getByText('Mở: 03/11/2030 07:30')).toBeTruthy();
  });

  it('once open, the opening time is locked and never sent', async () => {
    const server = fakeServer({
      ...signedIn('admin'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'open' }) },
      'PATCH /api/campaigns/c2024': errorReply(
        422,
        'invalid_dates',
        'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
      ),
    });
    await openAt('/console/c/c2024/settings');
    expect(input('Bắt đầu').disabled).toBe(true);
    const locked = screen.getByText('Đợt khảo sát đã mở: không đổi được thời điểm bắt đầu.');
    // Under the start, read with it: not under the end, where it sat on a phone (qa9b).
    expect(input('Bắt đầu').getAttribute('aria-describedby')?.split(' ')).toContain(locked.id);
    expect(locked.closest('.vn-datetime')?.contains(input('Bắt đầu'))).toBe(true);
    type('Kết thúc', '2024-10-01T17:00');
    // The browser draws the field in its own language; the words under it are Vietnamese.
    expect(input('Kết thúc').getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(input('Kết thúc').getAttribute('aria-describedby') ?? '')
        ?.textContent,
    ).toBe('17:00, thứ Ba 01/10/2024 (giờ Việt Nam)');
    await click('Lưu thay đổi');
    expect(server.changes()[0]?.body).toEqual({ closesAt: '2024-10-01T17:00:00+07:00' });
    expect(screen.getByRole('alert').textContent).toBe(
      'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
    );
  });
});

describe('account', () => {
  it('changes the password with the CSRF token', async () => {
    const server = fakeServer({
      ...signedIn('analyst'),
      'POST /api/auth/password': { status: 204 },
    });
    await openAt('/console/account');
    type('Mật khẩu hiện tại', 'mật-khẩu-cũ-123');
    type('Mật khẩu mới', 'mật-khẩu-mới-456');
    type('Nhập lại mật khẩu mới', 'mật-khẩu-mới-456');
    await click('Đổi mật khẩu');
    expect(server.changes().map((c) => [c.path, c.body, c.headers['X-CSRF-Token']])).toEqual([
      [
        '/api/auth/password',
        { currentPassword: 'mật-khẩu-cũ-123', newPassword: 'mật-khẩu-mới-456' },
        CSRF,
      ],
    ]);
    expect(screen.getByRole('status').textContent).toBe('Đã đổi mật khẩu.');
  });

  it("shows the server's Vietnamese message", async () => {
    fakeServer({
      ...signedIn('officer'),
      'POST /api/auth/password': errorReply(
        422,
        'invalid_credentials',
        'Mật khẩu hiện tại không đúng.',
      ),
    });
    await openAt('/console/account');
    type('Mật khẩu hiện tại', 'sai');
    type('Mật khẩu mới', 'mật-khẩu-mới-456');
    type('Nhập lại mật khẩu mới', 'mật-khẩu-mới-456');
    await click('Đổi mật khẩu');
    expect(screen.getByRole('alert').textContent).toBe('Mật khẩu hiện tại không đúng.');
  });

  it('a mistyped repeat is caught before anything is sent', async () => {
    const server = fakeServer({ ...signedIn('officer') });
    await openAt('/console/account');
    type('Mật khẩu hiện tại', 'mật-khẩu-cũ-123');
    type('Mật khẩu mới', 'mật-khẩu-mới-456');
    type('Nhập lại mật khẩu mới', 'mật-khẩu-mới-457');
    await click('Đổi mật khẩu');
    expect(screen.getByRole('alert').textContent).toBe(
      'Mật khẩu nhập lại không khớp với mật khẩu mới.',
    );
    expect(server.changes()).toHaveLength(0);
  });
});
