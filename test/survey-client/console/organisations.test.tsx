// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../../contract/console/organisations';
import type { Account } from '../../../contract/console/users';
import {
  CSRF,
  campaign,
  click,
  fakeServer,
  openAt,
  session,
  settle,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

/** Issue #12: a province's account sees its organisation, filters by commune, adds communes. */
const province: Organisation = {
  id: 'dn',
  name: 'Tỉnh Đồng Nai',
  parentId: null,
  officialCode: '75',
  kind: 'tỉnh',
  depth: 0,
  provinceCode: '75',
};
const commune: Organisation = {
  id: 'th',
  name: 'Xã Tân Hưng',
  parentId: 'dn',
  officialCode: null,
  kind: 'xã',
  depth: 1,
  provinceCode: '75',
};
const ofProvince = (role: 'admin' | 'officer' = 'admin') => ({
  'GET /api/auth/me': {
    status: 200,
    body: { signedIn: true, ...session(role), organisation: { id: 'dn', name: 'Tỉnh Đồng Nai' } },
  },
  'GET /api/organisations': { status: 200, body: [province, commune] },
});

describe('organisations in the console', () => {
  it('names the signed-in account’s organisation in the header', async () => {
    fakeServer({ ...ofProvince('officer'), 'GET /api/campaigns': { status: 200, body: [] } });
    await openAt('/console');
    const header = screen.getByRole('banner');
    expect(within(header).getByTitle('Tổ chức').textContent).toBe('Tỉnh Đồng Nai');
  });

  it('lets a parent filter the campaigns by a child organisation, each card naming its own', async () => {
    const ofCommune = campaign({
      id: 'c-th',
      name: 'Khảo sát xã 2026',
      organisation: { id: 'th', name: 'Xã Tân Hưng' },
    });
    const own = campaign({ organisation: { id: 'dn', name: 'Tỉnh Đồng Nai' } });
    const server = fakeServer({
      ...ofProvince('officer'),
      'GET /api/campaigns': (c) => ({
        status: 200,
        body: c.query.get('organisation') === 'th' ? [ofCommune] : [own, ofCommune],
      }),
    });
    await openAt('/console');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getAllByRole('listitem')[1]?.textContent).toContain('Xã Tân Hưng');
    const filter = screen.getByLabelText('Tổ chức') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toEqual([
      'Tất cả tổ chức',
      'Tỉnh Đồng Nai (tỉnh)',
      '\u00a0\u00a0\u00a0Xã Tân Hưng (xã)',
    ]);
    fireEvent.change(filter, { target: { value: 'th' } });
    await settle();
    expect(server.gets('/api/campaigns').at(-1)?.query.get('organisation')).toBe('th');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Khảo sát xã 2026'),
    ]);
  });

  it('lets a parent’s officer make a campaign for a child organisation', async () => {
    const server = fakeServer({
      ...ofProvince('officer'),
      'GET /api/campaigns': { status: 200, body: [] },
      'POST /api/campaigns': { status: 201, body: campaign({ id: 'c-new' }) },
      'GET /api/campaigns/c-new': { status: 200, body: campaign({ id: 'c-new' }) },
    });
    await openAt('/console');
    await click('Tạo đợt khảo sát');
    const form = screen.getByRole('form', { name: 'Tạo đợt khảo sát' });
    fireEvent.input(within(form).getByLabelText('Tên đợt khảo sát'), {
      target: { value: 'Khảo sát xã 2026' },
    });
    const where = within(form).getByLabelText('Thuộc tổ chức') as HTMLSelectElement;
    expect(where.value).toBe('dn');
    fireEvent.change(where, { target: { value: 'th' } });
    await click('Tạo đợt khảo sát', form);
    expect(server.changes()[0]?.body).toMatchObject({
      name: 'Khảo sát xã 2026',
      organisationId: 'th',
    });
  });

  it('shows no filter to an organisation without children', async () => {
    fakeServer({
      ...ofProvince('officer'),
      'GET /api/organisations': { status: 200, body: [commune] },
      'GET /api/campaigns': { status: 200, body: [campaign()] },
    });
    await openAt('/console');
    expect(screen.queryByLabelText('Tổ chức')).toBeNull();
  });

  it('lets an admin add a sub-organisation, then lists it', async () => {
    let tree = [province];
    const server = fakeServer({
      ...ofProvince(),
      'GET /api/organisations': () => ({ status: 200, body: tree }),
      'POST /api/organisations': () => {
        tree = [province, commune];
        return { status: 201, body: commune };
      },
    });
    await openAt('/console/admin/organisations');
    expect(screen.getByRole('link', { name: 'Tổ chức' }).getAttribute('aria-current')).toBe('page');
    await click('Thêm tổ chức cấp dưới');
    fireEvent.input(screen.getByLabelText('Tên tổ chức'), { target: { value: 'Xã Tân Hưng' } });
    fireEvent.input(screen.getByLabelText('Loại (không bắt buộc)'), { target: { value: 'xã' } });
    await click('Tạo tổ chức');
    const [post] = server.changes();
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(post?.body).toEqual({
      name: 'Xã Tân Hưng',
      parentId: 'dn',
      kind: 'xã',
      officialCode: null,
    });
    expect(screen.getByRole('status').textContent).toContain('Đã tạo tổ chức «Xã Tân Hưng»');
    expect(screen.getByRole('table').textContent).toContain('Xã Tân Hưng');
  });

  it('makes an account in a chosen sub-organisation, and lists each account’s organisation', async () => {
    const me: Account = {
      id: 'u1',
      email: 'binh@honquan.vn',
      name: 'Trần Thị Bình',
      role: 'admin',
      createdAt: '2024-10-01T02:00:00.000Z',
      disabled: false,
      mustChangePassword: false,
      organisation: { id: 'dn', name: 'Tỉnh Đồng Nai' },
    };
    const server = fakeServer({
      ...ofProvince(),
      'GET /api/users': { status: 200, body: [me] },
      'POST /api/users': (c) => ({
        status: 201,
        body: {
          ...me,
          id: 'u2',
          email: 'an@tanhung.vn',
          name: 'An',
          role: 'officer',
          organisation: { id: 'th', name: 'Xã Tân Hưng' },
          ...(c.body as object),
        },
      }),
    });
    await openAt('/console/admin/users');
    expect(screen.getByRole('table').textContent).toContain('Tỉnh Đồng Nai');
    await click('Thêm tài khoản');
    fireEvent.input(screen.getByLabelText(/^E-mail/), { target: { value: 'an@tanhung.vn' } });
    fireEvent.input(screen.getByLabelText('Họ và tên'), { target: { value: 'An' } });
    fireEvent.change(screen.getByLabelText('Thuộc tổ chức'), { target: { value: 'th' } });
    fireEvent.input(screen.getByLabelText('Mật khẩu ban đầu'), {
      target: { value: 'mot-mat-khau-dai' },
    });
    await click('Tạo tài khoản');
    expect(server.changes()[0]?.body).toMatchObject({ organisationId: 'th', role: 'officer' });
  });
});
