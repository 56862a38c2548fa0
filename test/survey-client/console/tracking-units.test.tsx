// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { navigate } from '../../../survey-client/console/router';
import type { TrackingCell } from '../../../survey-client/console/types';
import {
  campaign,
  cell,
  click,
  fakeServer,
  openAt,
  settle,
  signedIn,
  tracking,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

/**
 * A province's overview: 20 departments (index SO) and 95 communes (index XA), two groups each,
 * and the delegates without a unit: 231 rows, which the screen searches, filters, sorts, pages.
 */
const SO = Array.from({ length: 20 }, (_, i) => ({
  code: `SO${i + 1}`,
  name: i === 0 ? 'Sở Nội vụ' : `Sở số ${i + 1}`,
  kind: 'co_quan',
}));
const XA = Array.from({ length: 95 }, (_, i) => {
  const kind = i === 1 || i >= 70 ? 'phuong' : 'xa';
  const name = i === 0 ? 'Đắk Ơ' : i === 1 ? 'Tân Định' : `Thứ ${i + 1}`;
  return { code: `XA${i + 1}`, name: `UBND ${kind === 'xa' ? 'xã' : 'phường'} ${name}`, kind };
});

function unitRows(): TrackingCell[] {
  const rows: TrackingCell[] = [];
  const add = (
    group: string,
    name: string,
    u: { code: string; name: string; kind: string },
    n: number,
  ) => {
    const invited = 10;
    // Rates differ per unit: the lowest is XA50 at 0%.
    const submitted = n % 11;
    rows.push(
      cell({
        groupCode: group,
        groupName: name,
        unitCode: u.code,
        unitName: u.name,
        unitKind: u.kind,
        index: u.kind === 'co_quan' ? 'SO' : 'XA',
        invited,
        notOpened: invited - submitted,
        submitted,
        rate: (submitted / invited) * 100,
      }),
    );
  };
  for (const [i, u] of SO.entries()) add('LD_SO', 'Lãnh đạo các sở', u, i + 3);
  for (const [i, u] of SO.entries()) add('CC_SO', 'Công chức các sở', u, i + 5);
  for (const [i, u] of XA.entries()) add('LD_XA', 'Lãnh đạo UBND cấp xã', u, i + 6);
  for (const [i, u] of XA.entries()) add('CC_XA', 'Công chức cấp xã', u, i + 1);
  return rows;
}

const rows = [
  cell({
    groupCode: 'DB',
    groupName: 'Đại biểu HĐND tỉnh',
    invited: 100,
    notOpened: 60,
    submitted: 40,
    rate: 40,
  }),
  ...unitRows(),
];
const sum = (k: 'invited' | 'submitted', list = rows) => list.reduce((s, r) => s + r[k], 0);
const groups = ['DB', 'LD_SO', 'CC_SO', 'LD_XA', 'CC_XA'].map((code) => {
  const mine = rows.filter((r) => r.groupCode === code);
  return cell({
    groupCode: code,
    groupName: mine[0]?.groupName,
    invited: sum('invited', mine),
    submitted: sum('submitted', mine),
  });
});
const data = tracking({
  targetRate: 70,
  indexes: [
    { code: 'SO', name: 'Chỉ số CCHC các sở', unitKinds: ['co_quan'] },
    { code: 'XA', name: 'Chỉ số CCHC cấp xã', unitKinds: ['xa', 'phuong', 'dac_khu'] },
  ],
  total: cell({ groupName: 'Tổng cộng', invited: sum('invited'), submitted: sum('submitted') }),
  groups,
  rows,
  daily: [],
});

function serve() {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase: 'open' }) },
    'GET /api/campaigns/c2024/tracking': { status: 200, body: data },
  });
}

const units = () =>
  screen.getByRole('heading', { name: 'Theo nhóm và đơn vị' }).closest('section') as HTMLElement;
const bodyRows = () =>
  [...units().querySelectorAll('tbody tr')].map((tr) => [
    tr.querySelector('th')?.textContent,
    tr.querySelector('td.group')?.textContent,
  ]);
const sumRow = () =>
  [...(units().querySelector('tfoot tr') as HTMLElement).querySelectorAll('td.num')].map(
    (td) => td.textContent,
  );
const select = (label: string) => within(units()).getByLabelText(label) as HTMLSelectElement;
async function choose(label: string, value: string) {
  fireEvent.change(select(label), { target: { value } });
  await settle();
}

beforeEach(() => localStorage.clear());

describe('the overview of a province: 115 units, 231 rows', () => {
  it('shows 50 rows a page, and the last row adds up every row', async () => {
    serve();
    await openAt('/console/c/c2024');
    expect(bodyRows()).toHaveLength(50);
    expect(within(units()).getAllByText(/Trang 1\/5/)).toHaveLength(2);
    expect(sumRow()[0]).toBe(String(sum('invited')).replace(/\B(?=(\d{3})+$)/g, '.'));
    const next = within(units()).getAllByRole('button', { name: 'Trang sau →' })[0];
    fireEvent.click(next as HTMLElement);
    await settle();
    expect(within(units()).getAllByText(/Trang 2\/5/)).toHaveLength(2);
    // The words of the server-paged lists' pager (qa9b).
    expect(within(units()).getAllByText('Dòng 51–100 trong 231')).toHaveLength(2);
    expect(location.search).toBe('?trang=2');
    // The delegates' row, 2 × 20 departments, then the communes' leaders.
    expect(bodyRows()[0]).toEqual(['UBND xã Thứ 10', 'Lãnh đạo UBND cấp xã']);
  });

  it('finds a commune typed without diacritics, in every group', async () => {
    serve();
    await openAt('/console/c/c2024');
    fireEvent.input(within(units()).getByLabelText('Tìm đơn vị'), { target: { value: 'dak o' } });
    await settle();
    expect(bodyRows()).toEqual([
      ['UBND xã Đắk Ơ', 'Lãnh đạo UBND cấp xã'],
      ['UBND xã Đắk Ơ', 'Công chức cấp xã'],
    ]);
    expect(within(units()).getByText(/2 trong 231 dòng khớp bộ lọc/)).toBeTruthy();
    expect(sumRow()[0]).toBe('20');
    expect(location.search).toBe('?q=dak+o');
  });

  it('filters by index and group, sorts laggards first, and remembers it all for the next visit', async () => {
    serve();
    await openAt('/console/c/c2024');
    await choose('Chỉ số / loại đơn vị', 'index:XA');
    await choose('Nhóm đối tượng', 'CC_XA');
    await choose('Sắp xếp', 'rate');
    const shown = bodyRows();
    expect(shown).toHaveLength(50);
    // CC_XA: the n-th commune has n submitted of 10, mod 11: XA11, XA22, … at 0 come first.
    expect(shown.slice(0, 3)).toEqual([
      ['UBND xã Thứ 11', 'Công chức cấp xã'],
      ['UBND xã Thứ 22', 'Công chức cấp xã'],
      ['UBND xã Thứ 33', 'Công chức cấp xã'],
    ]);
    expect(within(units()).getByText(/95 trong 231 dòng/)).toBeTruthy();
    expect(location.search).toBe('?nhom=CC_XA&loai=index%3AXA&sap=rate');

    // Back later, from the tab's plain address: the same filter.
    cleanup();
    serve();
    await openAt('/console/c/c2024');
    expect(select('Chỉ số / loại đơn vị').value).toBe('index:XA');
    expect(select('Nhóm đối tượng').value).toBe('CC_XA');
    expect(select('Sắp xếp').value).toBe('rate');
    expect(bodyRows()[0]?.[0]).toBe('UBND xã Thứ 11');

    await click('Bỏ lọc');
    expect(bodyRows()).toHaveLength(50);
    expect(location.search).toBe('');
    expect(within(units()).queryByText(/khớp bộ lọc/)).toBeNull();
  });

  it('takes the filter from a shared address before the remembered one', async () => {
    localStorage.setItem('cchc.tracking.c2024', '?nhom=CC_SO');
    serve();
    await openAt('/console/c/c2024?loai=kind%3Aphuong&sap=name');
    expect(select('Nhóm đối tượng').value).toBe('');
    expect(bodyRows()[0]).toEqual(['UBND phường Tân Định', 'Lãnh đạo UBND cấp xã']);
    expect(bodyRows().every(([name]) => !name?.startsWith('UBND xã'))).toBe(true);
  });

  it("another campaign's overview starts from its own filter, not the one just used", async () => {
    const server = serve();
    server.on('GET /api/campaigns/c2025', {
      status: 200,
      body: campaign({ id: 'c2025', phase: 'open' }),
    });
    server.on('GET /api/campaigns/c2025/tracking', { status: 200, body: data });
    await openAt('/console/c/c2024');
    await choose('Nhóm đối tượng', 'CC_XA');
    act(() => navigate('/console/c/c2025'));
    await settle();
    expect(select('Nhóm đối tượng').value).toBe('');
    expect(location.search).toBe('');
    expect(localStorage.getItem('cchc.tracking.c2024')).toBe('?nhom=CC_XA');
    expect(localStorage.getItem('cchc.tracking.c2025')).toBe('');
  });

  it('says so when nothing matches', async () => {
    serve();
    await openAt('/console/c/c2024?q=khong+co');
    expect(within(units()).getByText('Không có đơn vị nào khớp bộ lọc.')).toBeTruthy();
  });
});
