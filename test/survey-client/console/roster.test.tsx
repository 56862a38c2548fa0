// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CSRF, click, errorReply, openAt, settle, useConsoleEnv } from './helpers';
import { BASE, form, pickFile, result, serve } from './roster-fixture';

useConsoleEnv();

describe('roster preview', () => {
  it('previews the chosen file: summary and every problem by row number', async () => {
    const server = serve();
    await openAt('/console/c/c2024/roster');
    await pickFile();
    const [post] = server.changes();
    expect(post?.path).toBe(`${BASE}/preview`);
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    expect((form(post).get('file') as File).name).toBe('danh-sach.xlsx');
    expect(form(post).has('mapping')).toBe(false);

    expect(screen.getByRole('heading', { name: 'Xem trước: danh-sach.xlsx' })).toBeTruthy();
    expect(screen.getByText('Dòng tiêu đề là dòng 3 của tệp. Chưa có gì được ghi.')).toBeTruthy();
    const errors = screen.getByRole('region', { name: 'Lỗi' });
    expect(within(errors).getByRole('listitem').textContent).toBe(
      'Dòng 5 (STT 2): Không nhận ra đơn vị "xã Tân Hung". Có phải "UBND xã Tân Hưng"?',
    );
    // A question is asked once, next to its checkbox.
    expect(screen.queryByRole('region', { name: 'Cần xác nhận' })).toBeNull();
    expect(
      screen.getByText('1 dòng cần Ông/Bà xác nhận: xem «Các dòng cần xác nhận» bên dưới.'),
    ).toBeTruthy();
    const decide = screen.getByRole('region', { name: 'Các dòng cần xác nhận (1)' });
    expect(within(decide).getAllByRole('listitem')[0]?.textContent).toContain('Dòng 6: Lê Văn Tám');
    expect(within(decide).getByText(/^Trùng họ tên, đơn vị và nhóm/)).toBeTruthy();
  });

  it('a click on the file field forgets the file held, so the same file fixed and chosen again is read again (qa9)', async () => {
    const server = serve();
    await openAt('/console/c/c2024/roster');
    await pickFile();
    const input = screen.getByLabelText('Chọn tệp danh sách') as HTMLInputElement;
    // A browser fires no change for the file its field already holds: the click empties it.
    const value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    let cleared = false;
    Object.defineProperty(input, 'value', {
      configurable: true,
      get: () => (cleared ? '' : 'C:\\fakepath\\danh-sach.xlsx'),
      set: (v: string) => {
        if (v === '') cleared = true;
      },
    });
    fireEvent.click(input);
    expect(input.value).toBe('');
    if (value) Object.defineProperty(input, 'value', value);
    await pickFile();
    expect(server.changes().filter((c) => c.path === `${BASE}/preview`)).toHaveLength(2);
    // The file read stays on screen meanwhile.
    expect(screen.getByRole('heading', { name: 'Xem trước: danh-sach.xlsx' })).toBeTruthy();
  });

  it('previews again with the decisions, which stay on screen to be changed', async () => {
    const server = serve();
    await openAt('/console/c/c2024/roster');
    await pickFile();
    expect(form(server.changes()[0]).get('confirm')).toBe('[]');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Cùng người: cập nhật người đã có' }));
    await settle();
    const decided = result({
      summary: { ...result().summary, confirm: 0, updated: 1 },
      problems: result().problems.slice(0, 1),
      rows: result().rows.map((r) => (r.row === 6 ? { ...r, status: 'update' as const } : r)),
    });
    server.on(`POST ${BASE}/preview`, { status: 200, body: decided });
    await click('Xem trước lại với các lựa chọn đã đánh dấu');
    expect(JSON.parse(String(form(server.changes()[1]).get('confirm')))).toEqual([6]);
    expect(screen.queryByRole('region', { name: 'Cần xác nhận' })).toBeNull();
    const same = screen.getByRole('checkbox', { name: 'Cùng người: cập nhật người đã có' });
    expect((same as HTMLInputElement).checked).toBe(true);
  });

  it('an unsure column must be confirmed: the mapping is sent and the preview runs again', async () => {
    const unsure = result({
      columns: result().columns.map((c) =>
        c.field === 'name' ? { ...c, header: 'Họ và tên người được khảo sát', sure: false } : c,
      ),
      problems: [
        {
          row: 3,
          stt: null,
          code: 'column_unsure',
          severity: 'confirm',
          field: 'name',
          message:
            'Cột "Họ và tên người được khảo sát" được hiểu là "Họ và tên": hãy xác nhận cách ghép cột.',
        },
      ],
      summary: {
        total: 4,
        new: 4,
        updated: 0,
        unchanged: 0,
        confirm: 0,
        skipped: 0,
        invalid: 0,
        warnings: 0,
      },
    });
    const server = serve(unsure);
    await openAt('/console/c/c2024/roster');
    await pickFile();
    expect(
      (screen.getByRole('button', { name: /^Nhập tất cả/ }) as HTMLButtonElement).disabled,
    ).toBe(true);
    const select = screen.getByLabelText(/^Họ và tên.*cần xác nhận/) as HTMLSelectElement;
    expect(select.value).toBe('Họ và tên người được khảo sát');
    // The note column was ignored; the officer maps it.
    fireEvent.change(screen.getByLabelText('Ghi chú'), { target: { value: 'Ghi chú riêng' } });
    await settle();
    server.on(`POST ${BASE}/preview`, { status: 200, body: result() });
    await click('Xác nhận cách ghép cột và xem trước lại');
    const again = form(server.changes()[1]);
    expect(JSON.parse(String(again.get('mapping')))).toEqual({
      stt: 'STT',
      name: 'Họ và tên người được khảo sát',
      position: null,
      unit: 'Đơn vị công tác',
      group: 'Nhóm',
      phone: 'SĐT',
      email: null,
      note: 'Ghi chú riêng',
    });
  });

  it('a file without a required column: choose it from the headers the server found', async () => {
    const server = serve(
      errorReply(
        422,
        'roster_columns_missing',
        'Không tìm thấy cột "Nhóm đối tượng" (dòng tiêu đề là dòng 1: STT | Tên | Nơi làm | Loại). Hãy chọn cột tương ứng.',
        {
          headers: ['STT', 'Tên', 'Nơi làm', 'Loại'],
          headerRow: 1,
          columns: [
            { field: 'stt', index: 0, header: 'STT', sure: true },
            { field: 'name', index: 1, header: 'Tên', sure: true },
          ],
          missing: ['unit', 'group'],
          unknownManual: [],
        },
      ),
    );
    await openAt('/console/c/c2024/roster');
    await pickFile('ds.csv');
    expect(screen.getByRole('alert').textContent).toContain('Không tìm thấy cột "Nhóm đối tượng"');
    const apply = screen.getByRole('button', {
      name: 'Xác nhận cách ghép cột và xem trước lại',
    }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(screen.getByText('Hãy chọn cột cho: Đơn vị công tác, Nhóm đối tượng.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Đơn vị công tác/), { target: { value: 'Nơi làm' } });
    await settle();
    fireEvent.change(screen.getByLabelText(/^Nhóm đối tượng/), { target: { value: 'Loại' } });
    await settle();
    server.on(`POST ${BASE}/preview`, { status: 200, body: result() });
    await click('Xác nhận cách ghép cột và xem trước lại');
    expect(JSON.parse(String(form(server.changes()[1]).get('mapping')))).toMatchObject({
      name: 'Tên',
      unit: 'Nơi làm',
      group: 'Loại',
    });
    expect(screen.getByRole('heading', { name: 'Xem trước: danh-sach.xlsx' })).toBeTruthy();
  });
});
