// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../../../contract/console/organisations';
import { click, errorReply, fakeServer, openAt, signedIn, useConsoleEnv } from '../helpers';

useConsoleEnv();

const org = (patch: Partial<Organisation>): Organisation => ({
  id: 'root',
  name: 'Toàn hệ thống',
  parentId: null,
  officialCode: null,
  kind: null,
  depth: 0,
  provinceCode: null,
  ...patch,
});

describe('organisations (admin): renaming', () => {
  it('renames one from its row, says so, and lists the new name', async () => {
    let tree = [org({}), org({ id: 'o1', name: 'Huyện Hớn Quản', parentId: 'root', depth: 1 })];
    const server = fakeServer({
      ...signedIn('admin'),
      'GET /api/organisations': () => ({ status: 200, body: tree }),
      'PATCH /api/organisations/o1': (c) => {
        tree = [
          tree[0] as Organisation,
          { ...(tree[1] as Organisation), name: (c.body as { name: string }).name },
        ];
        return { status: 200, body: tree[1] };
      },
    });
    await openAt('/console/admin/organisations');
    await click('Đổi tên Huyện Hớn Quản');
    const input = screen.getByLabelText('Tên mới') as HTMLInputElement;
    expect(input.value).toBe('Huyện Hớn Quản');
    fireEvent.input(input, { target: { value: 'Thị xã Hớn Quản' } });
    await click('Lưu tên mới');
    expect(server.changes().map((c) => [c.method, c.path, c.body])).toEqual([
      ['PATCH', '/api/organisations/o1', { name: 'Thị xã Hớn Quản' }],
    ]);
    expect(screen.getByRole('status').textContent).toContain(
      'Đã đổi tên «Huyện Hớn Quản» thành «Thị xã Hớn Quản».',
    );
    expect(screen.getByRole('table').textContent).toContain('Thị xã Hớn Quản');
    expect(screen.queryByLabelText('Tên mới')).toBeNull();
  });

  it('shows the server’s refusal in the form and keeps it open', async () => {
    fakeServer({
      ...signedIn('admin'),
      'GET /api/organisations': { status: 200, body: [org({})] },
      'PATCH /api/organisations/root': errorReply(
        422,
        'unknown_organisation',
        'Không có tổ chức này trong phạm vi tài khoản của Ông/Bà.',
      ),
    });
    await openAt('/console/admin/organisations');
    await click('Đổi tên Toàn hệ thống');
    await click('Lưu tên mới');
    expect(screen.getByRole('alert').textContent).toContain(
      'Không có tổ chức này trong phạm vi tài khoản của Ông/Bà.',
    );
    expect(screen.getByLabelText('Tên mới')).toBeTruthy();
  });
});
