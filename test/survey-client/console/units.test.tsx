// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { campaign, fakeServer, openAt, settle, signedIn, useConsoleEnv } from './helpers';
import { DONG_NAI_UNITS } from './units-fixture';

useConsoleEnv();

function serve(phase: 'not_open' | 'open' = 'not_open') {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/dn2026': {
      status: 200,
      body: campaign({ id: 'dn2026', phase, units: DONG_NAI_UNITS }),
    },
  });
}

const table = () => screen.getByRole('table', { name: 'Các đơn vị của đợt khảo sát' });
const rowOf = (name: string) => {
  const row = within(table()).getByRole('rowheader', { name }).closest('tr');
  if (!row) throw new Error(`no row ${name}`);
  return [...row.querySelectorAll('th, td')].map((c) => c.textContent);
};

describe('the units tab', () => {
  it('lists every unit with its official code, its kind in Vietnamese and its former district', async () => {
    serve();
    await openAt('/console/c/dn2026/units');
    expect(
      screen.getByText('5 đơn vị: 1 tỉnh, thành phố, 2 cơ quan, 1 xã, 1 phường.'),
    ).toBeTruthy();
    expect(rowOf('Xã Tân Hưng')).toEqual([
      'Xã Tân Hưng',
      'xã',
      '25345',
      '25345',
      'Huyện Hớn Quản (cũ)',
    ]);
    expect(rowOf('Phường Bình Long')).toEqual([
      'Phường Bình Long',
      'phường',
      '25326',
      '25326',
      'Thị xã Bình Long (cũ)',
    ]);
    expect(rowOf('Sở Nội vụ')).toEqual(['Sở Nội vụ', 'cơ quan', '—', 'SNV', '—']);
    // On a phone each cell says its column.
    const cell = within(table()).getByText('25345', { selector: 'td[data-label="Mã ĐVHC"]' });
    expect(cell).toBeTruthy();
  });

  it('a search without diacritics narrows the list (name, code, kind or former district)', async () => {
    serve();
    await openAt('/console/c/dn2026/units');
    const search = screen.getByLabelText('Tìm đơn vị (tên, mã, loại, huyện cũ)');
    fireEvent.input(search, { target: { value: 'hon quan' } });
    await settle();
    expect(
      within(table())
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Xã Tân Hưng']);
    expect(screen.getByText('1 đơn vị khớp «hon quan».')).toBeTruthy();
    fireEvent.input(search, { target: { value: 'co quan' } });
    await settle();
    expect(
      within(table())
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Sở Nội vụ', 'Sở Y tế']);
  });

  it('before opening: explains how to edit the departments, offers the current list and the import', async () => {
    serve();
    await openAt('/console/c/dn2026/units');
    const edit = screen.getByRole('region', { name: 'Sửa danh sách đơn vị' });
    expect(edit.textContent).toContain('Danh sách sở, ban, ngành là danh sách gợi ý');
    for (const column of ['Mã ĐVHC', 'Huyện cũ', 'Đơn vị cấp trên']) {
      expect(within(edit).getByText(column)).toBeTruthy();
    }
    expect(edit.textContent).toContain('tỉnh, cơ quan, xã, phường, đặc khu');
    const download = within(edit).getByRole('link', { name: 'Tải danh sách hiện tại (.csv)' });
    expect(download.getAttribute('href')).toBe('/api/campaigns/dn2026/units.csv');
    expect(within(edit).getByLabelText('Nhập danh sách đơn vị (.xlsx, .csv)')).toBeTruthy();
  });

  it('once open: the list can be downloaded but no longer imported', async () => {
    serve('open');
    await openAt('/console/c/dn2026/units');
    const edit = screen.getByRole('region', { name: 'Sửa danh sách đơn vị' });
    expect(edit.textContent).toContain('Đợt khảo sát đã mở');
    expect(within(edit).getByRole('link', { name: 'Tải danh sách hiện tại (.csv)' })).toBeTruthy();
    expect(screen.queryByLabelText('Nhập danh sách đơn vị (.xlsx, .csv)')).toBeNull();
  });
});
