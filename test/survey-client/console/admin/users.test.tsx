// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../survey-client/console/admin/types';
import {
  CSRF,
  click,
  dialog,
  errorReply,
  fakeServer,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from '../helpers';

useConsoleEnv();

const account = (patch: Partial<Account> = {}): Account => ({
  id: 'u1',
  email: 'binh@honquan.vn',
  name: 'Trần Thị Bình',
  role: 'admin',
  createdAt: '2024-10-01T02:00:00.000Z',
  disabled: false,
  organisation: { id: 'root', name: 'Toàn hệ thống' },
  mustChangePassword: false,
  ...patch,
});
const accounts = [
  account(),
  account({ id: 'u2', email: 'an@honquan.vn', name: 'Nguyễn Văn An', role: 'officer' }),
  account({
    id: 'u3',
    email: 'hoa@honquan.vn',
    name: 'Lê Thị Hoa',
    role: 'analyst',
    disabled: true,
  }),
];

function serve() {
  return fakeServer({
    ...signedIn('admin'),
    'GET /api/users': { status: 200, body: accounts },
  });
}

const row = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });
const roleOf = (name: string) => screen.getByLabelText(`Vai trò của ${name}`) as HTMLSelectElement;

describe('accounts (admin)', () => {
  it('the header links "Quản trị" to the accounts for an admin', async () => {
    serve();
    await openAt('/console');
    const link = screen.getByRole('link', { name: 'Quản trị' });
    expect(link.getAttribute('href')).toBe('/console/admin/users');
    fireEvent.click(link);
    await settle();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Quản trị');
    expect(screen.getByRole('heading', { name: 'Tài khoản' })).toBeTruthy();
  });

  it('lists e-mail, name, role in Vietnamese, and who is locked', async () => {
    serve();
    await openAt('/console/admin/users');
    const an = row('Nguyễn Văn An');
    expect(an.textContent).toContain('an@honquan.vn');
    expect(an.textContent).toContain('Đang hoạt động');
    const selected = (s: HTMLSelectElement) => s.options[s.selectedIndex]?.textContent;
    expect(selected(roleOf('Nguyễn Văn An'))).toBe('Cán bộ nội vụ');
    expect(selected(roleOf('Lê Thị Hoa'))).toBe('Phân tích, thẩm định');
    expect(selected(roleOf('Trần Thị Bình'))).toBe('Quản trị');
    expect(row('Lê Thị Hoa').textContent).toContain('Đã khóa');
    expect(within(row('Lê Thị Hoa')).getByRole('button', { name: /^Mở khóa/ })).toBeTruthy();
    expect(row('Trần Thị Bình').textContent).toContain('Tài khoản của Ông/Bà');
    expect(row('Nguyễn Văn An').textContent).toContain('01/10/2024 09:00');
  });

  it('adds an account with e-mail, name, role and an initial password', async () => {
    const server = serve();
    server.on('POST /api/users', (c) => ({
      status: 201,
      body: account({
        id: 'u9',
        ...(c.body as object),
        createdAt: '2024-11-02T03:00:00.000Z',
      }),
    }));
    await openAt('/console/admin/users');
    await click('Thêm tài khoản');
    const type = (label: string | RegExp, value: string) =>
      fireEvent.input(screen.getByLabelText(label), { target: { value } });
    type(/^E-mail/, 'cuong@honquan.vn');
    type('Họ và tên', 'Phạm Văn Cường');
    // An officer unless chosen otherwise.
    expect((screen.getByLabelText('Vai trò') as HTMLSelectElement).value).toBe('officer');
    fireEvent.change(screen.getByLabelText('Vai trò'), { target: { value: 'analyst' } });
    type('Mật khẩu ban đầu', 'mot-mat-khau-dai');
    await click('Tạo tài khoản');
    const [post] = server.changes();
    expect(post?.path).toBe('/api/users');
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(post?.body).toEqual({
      email: 'cuong@honquan.vn',
      name: 'Phạm Văn Cường',
      role: 'analyst',
      password: 'mot-mat-khau-dai',
    });
    expect(screen.getByRole('status').textContent).toContain(
      'Đã tạo tài khoản cuong@honquan.vn (Phân tích, thẩm định)',
    );
    expect(row('Phạm Văn Cường').textContent).toContain('cuong@honquan.vn');
    expect(screen.queryByRole('button', { name: 'Tạo tài khoản' })).toBeNull();
  });

  it('a random initial password fills the field; the server refusal is shown as it is', async () => {
    const server = serve();
    server.on('POST /api/users', errorReply(409, 'email_taken', 'Đã có tài khoản an@honquan.vn.'));
    await openAt('/console/admin/users');
    await click('Thêm tài khoản');
    await click('Tạo mật khẩu ngẫu nhiên');
    const password = (screen.getByLabelText('Mật khẩu ban đầu') as HTMLInputElement).value;
    expect(password).toMatch(/^[a-zA-Z2-9]{14}$/);
    fireEvent.input(screen.getByLabelText(/^E-mail/), { target: { value: 'an@honquan.vn' } });
    fireEvent.input(screen.getByLabelText('Họ và tên'), { target: { value: 'An' } });
    await click('Tạo tài khoản');
    expect((server.changes()[0]?.body as { password?: string } | undefined)?.password).toBe(
      password,
    );
    expect(screen.getByRole('alert').textContent).toBe('Đã có tài khoản an@honquan.vn.');
  });

  it('changes a role only after a confirmation', async () => {
    const server = serve();
    server.on('PATCH /api/users/u2', {
      status: 200,
      body: accounts[1] && { ...accounts[1], role: 'analyst' },
    });
    await openAt('/console/admin/users');
    fireEvent.change(roleOf('Nguyễn Văn An'), { target: { value: 'analyst' } });
    await settle();
    expect(dialog().textContent).toContain('«Cán bộ nội vụ» thành «Phân tích, thẩm định»');
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);
    expect(roleOf('Nguyễn Văn An').value).toBe('officer');

    fireEvent.change(roleOf('Nguyễn Văn An'), { target: { value: 'analyst' } });
    await settle();
    await click('Đổi vai trò', dialog());
    expect(
      server.changes().map((c) => [c.method, c.path, c.body, c.headers['X-CSRF-Token']]),
    ).toEqual([['PATCH', '/api/users/u2', { role: 'analyst' }, CSRF]]);
    expect(roleOf('Nguyễn Văn An').value).toBe('analyst');
    expect(row('Nguyễn Văn An').textContent).toContain(
      'Đã đổi vai trò thành Phân tích, thẩm định.',
    );
  });

  it('locks and unlocks after confirming', async () => {
    const server = serve();
    server.on('PATCH /api/users/u2', (c) => ({
      status: 200,
      body: { ...accounts[1], ...(c.body as object) },
    }));
    await openAt('/console/admin/users');
    await click(/^Khóa tài khoản/, row('Nguyễn Văn An'));
    expect(dialog().textContent).toContain('bị đăng xuất ngay');
    await click('Khóa tài khoản', dialog());
    expect(server.changes()[0]?.body).toEqual({ disabled: true });
    expect(row('Nguyễn Văn An').textContent).toContain('Đã khóa');
    await click(/^Mở khóa/, row('Nguyễn Văn An'));
    await click('Mở khóa', dialog());
    expect(server.changes()[1]?.body).toEqual({ disabled: false });
    expect(row('Nguyễn Văn An').textContent).toContain('Đang hoạt động');
  });

  it('does not offer the admin to lock or reset their own account (issue #13.16)', async () => {
    serve();
    await openAt('/console/admin/users');
    const mine = within(row('Trần Thị Bình'));
    expect(mine.queryByRole('button', { name: /^Khóa tài khoản/ })).toBeNull();
    expect(mine.queryByRole('button', { name: /^Đặt lại mật khẩu/ })).toBeNull();
    expect(
      within(row('Nguyễn Văn An')).getByRole('button', { name: /^Khóa tài khoản/ }),
    ).toBeTruthy();
  });

  it('resets a password after confirming and shows the one-time password once', async () => {
    const server = serve();
    server.on('POST /api/users/u2/reset-password', () => ({
      status: 200,
      body: { oneTimePassword: 'abcd-efgh-jkmn-pqrs' },
    }));
    await openAt('/console/admin/users');
    await click(/^Đặt lại mật khẩu/, row('Nguyễn Văn An'));
    expect(dialog().textContent).toContain('mật khẩu dùng một lần');
    await click('Đặt lại mật khẩu', dialog());
    expect(server.changes().map((c) => c.path)).toEqual(['/api/users/u2/reset-password']);
    const text = row('Nguyễn Văn An').textContent ?? '';
    expect(text).toContain('abcd-efgh-jkmn-pqrs');
    expect(text).toContain('chờ đổi mật khẩu');
  });
});

describe('who sees the admin screens', () => {
  it.each(['officer', 'analyst'] as const)(
    '%s: no "Quản trị" link, and typing the address asks nothing of the server',
    async (role) => {
      const server = fakeServer({
        ...signedIn(role),
        'GET /api/campaigns': { status: 200, body: [] },
      });
      await openAt('/console');
      expect(screen.queryByRole('link', { name: 'Quản trị' })).toBeNull();
      for (const path of ['/console/admin/users', '/console/admin/audit']) {
        await openAt(path);
        expect(screen.getAllByRole('alert').at(-1)?.textContent).toBe(
          'Tài khoản của Ông/Bà không có quyền xem mục này.',
        );
      }
      expect(server.calls.some((c) => c.path.startsWith('/api/users'))).toBe(false);
      expect(server.calls.some((c) => c.path.startsWith('/api/audit'))).toBe(false);
    },
  );
});

describe('accounts (admin) with sub-organisations', () => {
  const tree = [
    { id: 'root', name: 'Toàn hệ thống', parentId: null, officialCode: null, kind: null, depth: 0 },
    { id: 'o1', name: 'Xã Tân Hưng', parentId: 'root', officialCode: null, kind: 'xã', depth: 1 },
  ];
  const organisationOf = (name: string) =>
    screen.getByLabelText(`Tổ chức của ${name}`) as HTMLSelectElement;

  it('moves an account to another organisation only after a confirmation', async () => {
    const server = serve();
    server.on('GET /api/organisations', { status: 200, body: tree });
    server.on('POST /api/users/u2/move', {
      status: 200,
      body: accounts[1] && { ...accounts[1], organisation: { id: 'o1', name: 'Xã Tân Hưng' } },
    });
    await openAt('/console/admin/users');
    // The admin's own account has no choice: it is not moved from here.
    expect(screen.queryByLabelText('Tổ chức của Trần Thị Bình')).toBeNull();
    expect(organisationOf('Nguyễn Văn An').value).toBe('root');

    fireEvent.change(organisationOf('Nguyễn Văn An'), { target: { value: 'o1' } });
    await settle();
    expect(dialog().textContent).toContain('từ «Toàn hệ thống» sang «Xã Tân Hưng»');
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);
    expect(organisationOf('Nguyễn Văn An').value).toBe('root');

    fireEvent.change(organisationOf('Nguyễn Văn An'), { target: { value: 'o1' } });
    await settle();
    await click('Chuyển tổ chức', dialog());
    expect(server.changes().map((c) => [c.method, c.path, c.body])).toEqual([
      ['POST', '/api/users/u2/move', { organisationId: 'o1' }],
    ]);
    expect(organisationOf('Nguyễn Văn An').value).toBe('o1');
    expect(row('Nguyễn Văn An').textContent).toContain('Đã chuyển sang «Xã Tân Hưng».');
  });
});
