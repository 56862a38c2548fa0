// @vitest-environment happy-dom
import { createHash } from 'node:crypto';
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../survey-client/console/router';
import {
  CSRF,
  click,
  errorReply,
  fakeServer,
  openAt,
  session,
  settle,
  signedIn,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

/** The session probe answers 200 to nobody signed in (issue #13.16): no 401 in the browser. */
const signedOut = () => ({ status: 200, body: { signedIn: false } });

async function typeLogin(email: string, password: string) {
  fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Mật khẩu'), { target: { value: password } });
  await click('Đăng nhập');
}

describe('signing in', () => {
  it('reads every console address', () => {
    expect(parseRoute('/console')).toEqual({ name: 'campaigns' });
    expect(parseRoute('/console/')).toEqual({ name: 'campaigns' });
    expect(parseRoute('/console/login')).toEqual({ name: 'login' });
    expect(parseRoute('/console/account')).toEqual({ name: 'account' });
    expect(parseRoute('/console/c/demo-2023')).toEqual({
      name: 'campaign',
      id: 'demo-2023',
      tab: 'tracking',
    });
    expect(parseRoute('/console/c/a%20b/roster')).toEqual({
      name: 'campaign',
      id: 'a b',
      tab: 'roster',
    });
    expect(parseRoute('/console/c/x/invitations').name).toBe('campaign');
    expect(parseRoute('/console/c/x/settings').name).toBe('campaign');
    expect(parseRoute('/console/c/x/nope').name).toBe('not-found');
    expect(parseRoute('/console/c/%E0%A4%A/roster').name).toBe('not-found');
  });

  it('shows the sign-in screen when nobody is signed in', async () => {
    fakeServer({ 'GET /api/auth/me': signedOut() });
    await openAt('/console');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Đăng nhập');
    expect(screen.queryByRole('button', { name: 'Đăng xuất' })).toBeNull();
  });

  it("shows the server's message for a wrong password, and sends no CSRF-less change", async () => {
    const server = fakeServer({
      'GET /api/auth/me': signedOut(),
      'POST /api/auth/login': errorReply(
        401,
        'invalid_credentials',
        'E-mail hoặc mật khẩu không đúng.',
      ),
    });
    await openAt('/console/login');
    await typeLogin('binh@honquan.vn', 'sai-mat-khau');
    expect(screen.getByRole('alert').textContent).toContain('E-mail hoặc mật khẩu không đúng.');
    expect(server.changes()[0]?.body).toEqual({
      email: 'binh@honquan.vn',
      password: 'sai-mat-khau',
    });
    // Still on the sign-in screen, not "session expired".
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Đăng nhập');
    expect(screen.queryByText(/Phiên làm việc đã hết hạn/)).toBeNull();
  });

  it('signs in, shows the name and the role in Vietnamese, then the campaigns', async () => {
    const server = fakeServer({
      'GET /api/auth/me': signedOut(),
      'POST /api/auth/login': { status: 200, body: session('officer', 'Trần Thị Bình') },
      'GET /api/campaigns': { status: 200, body: [] },
    });
    await openAt('/console/login');
    await typeLogin('binh@honquan.vn', 'mật-khẩu-dài-đủ');
    expect(screen.getByText('Trần Thị Bình')).toBeTruthy();
    expect(screen.getByText('Cán bộ nội vụ')).toBeTruthy();
    expect(location.pathname).toBe('/console');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Các đợt khảo sát');
    expect(server.gets('/api/campaigns')).toHaveLength(1);
  });

  it('solves the proof of work the server asks a new device for, then signs in', async () => {
    const challenge = 'v1.login.abc.8.9999999999999.id1.sig';
    const server = fakeServer({
      'GET /api/auth/me': signedOut(),
      'POST /api/auth/login': (call) =>
        (call.body as { proof?: unknown }).proof
          ? { status: 200, body: session('officer', 'Trần Thị Bình') }
          : errorReply(429, 'proof_required', 'Trình duyệt cần vài giây để xác minh.', {
              challenge,
              bits: 8,
            }),
      'GET /api/campaigns': { status: 200, body: [] },
    });
    await openAt('/console/login');
    await typeLogin('binh@honquan.vn', 'mật-khẩu-dài-đủ');
    for (let i = 0; i < 50 && location.pathname !== '/console'; i++) await settle();
    const [first, second] = server.changes();
    expect(first?.body).toEqual({ email: 'binh@honquan.vn', password: 'mật-khẩu-dài-đủ' });
    const proof = (second?.body as { proof?: { challenge: string; nonce: string } } | undefined)
      ?.proof ?? { challenge: '', nonce: '' };
    expect(proof.challenge).toBe(challenge);
    const digest = createHash('sha256').update(`${challenge}:${proof.nonce}`).digest();
    expect(digest[0]).toBe(0);
    expect(screen.getByText('Trần Thị Bình')).toBeTruthy();
  });

  it.each([
    ['admin', 'Quản trị'],
    ['analyst', 'Phân tích, thẩm định'],
  ] as const)('names the role %s as "%s"', async (role, label) => {
    fakeServer({ ...signedIn(role), 'GET /api/campaigns': { status: 200, body: [] } });
    await openAt('/console');
    // The role under the name (an admin's header also has the "Quản trị" link).
    expect(document.querySelector('.user .role')?.textContent).toBe(label);
  });

  it('asks for a new password first when an admin reset it, then opens the campaigns', async () => {
    const reset = session('officer', 'Trần Thị Bình');
    reset.user.mustChangePassword = true;
    const server = fakeServer({
      'GET /api/auth/me': signedOut(),
      'POST /api/auth/login': { status: 200, body: reset },
      'POST /api/auth/password': { status: 204 },
      'GET /api/campaigns': { status: 200, body: [] },
    });
    await openAt('/console/login');
    await typeLogin('binh@honquan.vn', 'abcd-efgh-jkmn-pqrs');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Đổi mật khẩu trước khi tiếp tục',
    );
    // Nothing else is asked of the server until the password is changed.
    expect(server.gets('/api/campaigns')).toHaveLength(0);
    fireEvent.input(screen.getByLabelText('Mật khẩu dùng một lần'), {
      target: { value: 'abcd-efgh-jkmn-pqrs' },
    });
    fireEvent.input(screen.getByLabelText('Mật khẩu mới'), {
      target: { value: 'mật-khẩu-của-tôi' },
    });
    fireEvent.input(screen.getByLabelText('Nhập lại mật khẩu mới'), {
      target: { value: 'mật-khẩu-của-tôi' },
    });
    await click('Đổi mật khẩu');
    expect(server.changes().find((c) => c.path === '/api/auth/password')?.body).toEqual({
      currentPassword: 'abcd-efgh-jkmn-pqrs',
      newPassword: 'mật-khẩu-của-tôi',
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Các đợt khảo sát');
  });

  it.each([
    ['officer', true],
    ['admin', true],
    ['analyst', false],
  ] as const)('warns %s on every page when PUBLIC_URL is localhost: %s', async (role, shown) => {
    const warned = session(role);
    warned.publicUrlWarning = 'Địa chỉ công khai của hệ thống đang là http://localhost:3000: …';
    fakeServer({
      'GET /api/auth/me': { status: 200, body: { signedIn: true, ...warned } },
      'GET /api/campaigns': { status: 200, body: [] },
    });
    await openAt('/console');
    const alert = screen.queryByText(/Địa chỉ công khai của hệ thống đang là/);
    expect(alert !== null).toBe(shown);
  });

  it('signs out with the CSRF token and returns to the sign-in screen', async () => {
    const server = fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns': { status: 200, body: [] },
      'POST /api/auth/logout': { status: 204 },
    });
    await openAt('/console');
    await click('Đăng xuất');
    const logout = server.changes().find((c) => c.path === '/api/auth/logout');
    expect(logout?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(location.pathname).toBe('/console/login');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Đăng nhập');
  });

  it('goes back to the sign-in screen when the session expires (401)', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns': errorReply(401, 'unauthenticated', 'Vui lòng đăng nhập.'),
    });
    await openAt('/console');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Đăng nhập');
    expect(screen.getByText('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.')).toBeTruthy();
  });

  it('offers "Thử lại" when the network fails, and recovers', async () => {
    const server = fakeServer({ 'GET /api/auth/me': 'network' });
    await openAt('/console');
    expect(screen.getByRole('alert').textContent).toContain('Không kết nối được máy chủ');
    server.on('GET /api/auth/me', signedIn('officer')['GET /api/auth/me']);
    server.on('GET /api/campaigns', { status: 200, body: [] });
    await click('Thử lại');
    expect(screen.getByText('Trần Thị Bình')).toBeTruthy();
    await settle();
  });
});
