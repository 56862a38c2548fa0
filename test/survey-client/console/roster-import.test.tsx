// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import {
  CSRF,
  campaign,
  click,
  fakeServer,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from './helpers';
import { BASE, form, pickFile, result, serve } from './roster-fixture';

useConsoleEnv();

describe('roster import', () => {
  it('"Nhập tất cả" is disabled while a row is invalid; "Chỉ nhập các dòng hợp lệ" imports the rest', async () => {
    const server = serve();
    server.on(`POST ${BASE}/import`, {
      status: 200,
      body: result({
        dryRun: false,
        committed: true,
        summary: {
          total: 4,
          new: 2,
          updated: 0,
          unchanged: 0,
          confirm: 0,
          skipped: 0,
          invalid: 1,
          warnings: 0,
        },
      }),
    });
    await openAt('/console/c/c2024/roster');
    await pickFile();
    expect(
      (screen.getByRole('button', { name: /^Nhập tất cả/ }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(screen.getByText(/Còn 1 dòng lỗi/)).toBeTruthy();

    // The namesake on row 6 is the same person.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Cùng người: cập nhật người đã có' }));
    await click('Chỉ nhập các dòng hợp lệ');
    const post = server.changes()[1];
    expect(post?.path).toBe(`${BASE}/import`);
    expect(post?.headers['X-CSRF-Token']).toBe(CSRF);
    const body = form(post);
    expect(body.get('skipInvalid')).toBe('true');
    expect(JSON.parse(String(body.get('confirm')))).toEqual([6]);
    expect(JSON.parse(String(body.get('distinct')))).toEqual([]);
    expect(body.get('fileHash')).toBe('hash-1');
    expect(JSON.parse(String(body.get('mapping')))).toEqual({
      stt: 'STT',
      name: 'Họ và tên',
      unit: 'Đơn vị công tác',
      group: 'Nhóm',
      phone: 'SĐT',
    });
    expect(screen.getByRole('heading', { name: 'Đã nhập danh sách' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Đã nhập 2 người mới');
    expect(screen.getByRole('link', { name: /Xem lời mời/ }).getAttribute('href')).toBe(
      '/console/c/c2024/invitations',
    );
  });

  it('"Nhập tất cả" sends skipInvalid=false once every row is valid; "different person" is exclusive', async () => {
    const clean = result({
      summary: {
        total: 2,
        new: 1,
        updated: 0,
        unchanged: 0,
        confirm: 1,
        skipped: 0,
        invalid: 0,
        warnings: 0,
      },
      problems: result().problems.slice(1),
      rows: result().rows.filter((r) => r.status !== 'error' && r.row !== 7),
    });
    const server = serve(clean);
    server.on(`POST ${BASE}/import`, {
      status: 200,
      body: { ...clean, dryRun: false, committed: true },
    });
    await openAt('/console/c/c2024/roster');
    await pickFile();
    const same = screen.getByRole('checkbox', {
      name: 'Cùng người: cập nhật người đã có',
    }) as HTMLInputElement;
    const other = screen.getByRole('checkbox', {
      name: 'Khác người: thêm người mới',
    }) as HTMLInputElement;
    fireEvent.click(same);
    await settle();
    fireEvent.click(other);
    await settle();
    expect(same.checked).toBe(false);
    expect(other.checked).toBe(true);
    await click(/^Nhập tất cả/);
    const body = form(server.changes()[1]);
    expect(body.get('skipInvalid')).toBe('false');
    expect(JSON.parse(String(body.get('confirm')))).toEqual([]);
    expect(JSON.parse(String(body.get('distinct')))).toEqual([6]);
  });

  it('an import the server did not commit stays on the preview and says why', async () => {
    const clean = result({
      summary: {
        total: 1,
        new: 0,
        updated: 0,
        unchanged: 0,
        confirm: 1,
        skipped: 0,
        invalid: 0,
        warnings: 0,
      },
      problems: result().problems.slice(1),
      rows: result().rows.filter((r) => r.row === 6),
    });
    const server = serve(clean);
    server.on(`POST ${BASE}/import`, {
      status: 200,
      body: { ...clean, dryRun: false, committed: false },
    });
    await openAt('/console/c/c2024/roster');
    await pickFile();
    await click(/^Nhập tất cả/);
    expect(screen.getByRole('alert').textContent).toContain('Chưa nhập gì');
    expect(screen.getByRole('heading', { name: /Xem trước/ })).toBeTruthy();
  });

  it('a closed campaign can preview but not import', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'closed' }) },
      [`POST ${BASE}/preview`]: {
        status: 200,
        body: result({ summary: { ...result().summary, invalid: 0 } }),
      },
    });
    await openAt('/console/c/c2024/roster');
    await pickFile();
    expect(
      screen.getByText('Đợt khảo sát đã đóng: chỉ xem trước được, không nhập được.'),
    ).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: /^Nhập tất cả/ }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(
      (screen.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });
});
