// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import {
  type Call,
  CSRF,
  campaign,
  click,
  dialog,
  errorReply,
  fakeServer,
  invitation,
  invitationPage,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from '../helpers';

useConsoleEnv();

const BASE = '/api/campaigns/c2024';
const rows = [
  { ...invitation(), respondentId: 'r1', workplace: null },
  {
    ...invitation({ id: 'inv2', name: 'Lê Thị Hoa', status: 'submitted' }),
    respondentId: 'r2',
    workplace: null,
  },
];

function serve(extra: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/c2024': { status: 200, body: campaign() },
    [`GET ${BASE}/invitations`]: { status: 200, body: invitationPage(rows) },
    ...extra,
  });
}

const form = (name: string | RegExp) => screen.getByRole('form', { name });
const fill = (scope: HTMLElement, label: string | RegExp, value: string) =>
  fireEvent.input(within(scope).getByLabelText(label), { target: { value } });
const choose = (scope: HTMLElement, label: string | RegExp, value: string) =>
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
const row = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe('people by hand', () => {
  it('adds a person with the CSRF token and reloads the list', async () => {
    const server = serve({
      [`POST ${BASE}/respondents`]: { status: 201, body: { respondentId: 'r9', person: {} } },
    });
    await openAt('/console/c/c2024/invitations');
    await click('Thêm người');
    const f = form('Thêm người vào danh sách');
    fill(f, 'Họ và tên', 'Trần Văn Mới');
    choose(f, 'Nhóm đối tượng', 'LD_UBND_XA');
    await settle();
    choose(f, /^Đơn vị/, 'X-ANPHU');
    fill(f, 'Điện thoại', '0909000111');
    const before = server.gets(`${BASE}/invitations`).length;
    await click('Thêm', f);
    const post = server.changes()[0] as Call;
    expect(post.method).toBe('POST');
    expect(post.path).toBe(`${BASE}/respondents`);
    expect(post.headers['X-CSRF-Token']).toBe(CSRF);
    expect(post.body).toEqual({
      name: 'Trần Văn Mới',
      groupCode: 'LD_UBND_XA',
      unitCode: 'X-ANPHU',
      workplace: null,
      position: null,
      phone: '0909000111',
      email: null,
    });
    expect(server.gets(`${BASE}/invitations`).length).toBeGreaterThan(before);
    expect(screen.getByRole('status').textContent).toContain('Đã thêm Trần Văn Mới');
  });

  it("shows the server's message when adding fails", async () => {
    serve({
      [`POST ${BASE}/respondents`]: errorReply(
        409,
        'duplicate',
        'Người này đã có trong danh sách.',
      ),
    });
    await openAt('/console/c/c2024/invitations');
    await click('Thêm người');
    const f = form('Thêm người vào danh sách');
    fill(f, 'Họ và tên', 'Nguyễn Văn An');
    choose(f, 'Nhóm đối tượng', 'HDND_HUYEN');
    await click('Thêm', f);
    expect(within(f).getByRole('alert').textContent).toContain('Người này đã có trong danh sách.');
  });

  it('edits sending only the changed fields', async () => {
    const server = serve({
      [`PATCH ${BASE}/respondents/r1`]: { status: 200, body: { respondentId: 'r1', person: {} } },
    });
    await openAt('/console/c/c2024/invitations');
    await click(/^Sửa/, row('Nguyễn Văn An'));
    const f = form(/Sửa thông tin Nguyễn Văn An/);
    fill(f, 'Điện thoại', '0988777666');
    fill(f, 'Chức vụ', '');
    await click('Lưu', f);
    expect(server.changes()).toHaveLength(1);
    const patch = server.changes()[0] as Call;
    expect(patch.method).toBe('PATCH');
    expect(patch.headers['X-CSRF-Token']).toBe(CSRF);
    expect(patch.body).toEqual({ phone: '0988777666', position: null });
  });

  it('hides edit and delete for submitted rows', async () => {
    serve();
    await openAt('/console/c/c2024/invitations');
    expect(within(row('Lê Thị Hoa')).queryByRole('button', { name: /^Sửa/ })).toBeNull();
    expect(within(row('Lê Thị Hoa')).queryByRole('button', { name: /^Xóa/ })).toBeNull();
  });

  it("deletes only after confirming, and shows the server's 409 message", async () => {
    const server = serve({
      [`DELETE ${BASE}/respondents/r1`]: errorReply(
        409,
        'already_submitted',
        'Người này đã nộp phiếu; không xóa được.',
      ),
    });
    await openAt('/console/c/c2024/invitations');
    await click(/^Xóa/, row('Nguyễn Văn An'));
    expect(dialog().textContent).toContain('Nguyễn Văn An');
    expect(server.changes()).toHaveLength(0);
    await click('Hủy', dialog());
    expect(server.changes()).toHaveLength(0);
    await click(/^Xóa/, row('Nguyễn Văn An'));
    await click('Xóa', dialog());
    expect(server.changes()).toHaveLength(1);
    expect((server.changes()[0] as Call).method).toBe('DELETE');
    expect((server.changes()[0] as Call).headers['X-CSRF-Token']).toBe(CSRF);
    expect(within(row('Nguyễn Văn An')).getByRole('alert').textContent).toContain(
      'Người này đã nộp phiếu; không xóa được.',
    );
  });
});

describe('unit import on the units tab', () => {
  const fileInput = () =>
    screen.getByLabelText('Nhập danh sách đơn vị (.xlsx, .csv)') as HTMLInputElement;
  const pick = (input: HTMLInputElement) => {
    const file = new File(['code,name,kind'], 'don-vi.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  };

  it('is offered only before the campaign opens', async () => {
    serve();
    await openAt('/console/c/c2024/units');
    expect(screen.queryByLabelText('Nhập danh sách đơn vị (.xlsx, .csv)')).toBeNull();
  });

  it('uploads the file and shows the row problems', async () => {
    const server = serve({
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'not_open' }) },
      [`POST ${BASE}/units`]: errorReply(
        422,
        'units_invalid',
        'Danh sách đơn vị có 2 lỗi; không có gì được thay đổi.',
        [
          { row: 3, message: 'Thiếu mã đơn vị.' },
          { row: 7, message: 'Loại đơn vị không hợp lệ.' },
        ],
      ),
    });
    await openAt('/console/c/c2024/units');
    pick(fileInput());
    await settle();
    const post = server.changes()[0] as Call;
    expect(post.path).toBe(`${BASE}/units`);
    expect(post.headers['X-CSRF-Token']).toBe(CSRF);
    expect(post.body).toBeInstanceOf(FormData);
    expect(((post.body as FormData).get('file') as File).name).toBe('don-vi.csv');
    expect(screen.getByRole('alert').textContent).toContain('có 2 lỗi');
    expect(screen.getByText('Dòng 3: Thiếu mã đơn vị.')).toBeTruthy();
    expect(screen.getByText('Dòng 7: Loại đơn vị không hợp lệ.')).toBeTruthy();
  });

  it('reports success', async () => {
    serve({
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'not_open' }) },
      [`POST ${BASE}/units`]: { status: 200, body: { unitSetId: 'us2', code: 'X', units: 42 } },
    });
    await openAt('/console/c/c2024/units');
    pick(fileInput());
    await settle();
    expect(screen.getByText('Đã nhập 42 đơn vị.')).toBeTruthy();
  });
});
