// @vitest-environment happy-dom
import { fireEvent, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import '../../../../survey-client/console/results/screens';
import { rankingRows } from '../../../../survey-client/console/results/ranking-view';
import { campaign, cell, openAt, settle, tracking, useConsoleEnv } from '../helpers';
import { commune, district, resultsDoc, runSummary } from './fixtures';
import { choose, rowsOf, section, serve } from './serve';

useConsoleEnv();

/**
 * A province's commune index: 95 units. The ranking pages by 25 (chart and table together, the
 * ranks those of the whole index), searches names without diacritics, and orders weakest first.
 */
const names = ['UBND xã Đắk Ơ', 'UBND phường Tân Định'];
const many = Array.from({ length: 95 }, (_, i) =>
  commune(
    `XA${i + 1}`,
    names[i] ?? `UBND xã Số ${String(i + 1).padStart(2, '0')}`,
    // Scores from 19 down; XA95 without data.
    i === 94 ? 0 : 19 - i * 0.2,
    i === 94,
  ),
);

function open() {
  serve('analyst', 'closed', [runSummary()], [resultsDoc({}, [district(), ...many])]);
  return openAt('/console/c/c2024/results');
}
const ranking = () => section(/^Xếp hạng theo điểm khảo sát/);
const table = () => within(ranking()).getByRole('table');
const firstCells = () => rowsOf(table()).map((r) => `${r[0]} ${r[1]}`);

describe('the ranking of 95 communes', () => {
  it('shows 25 a page, chart and table alike, ranks of the whole index', async () => {
    await open();
    expect(rowsOf(table())).toHaveLength(25);
    expect(firstCells()[0]).toBe('1 UBND xã Đắk Ơ');
    expect(within(ranking()).getAllByText(/Trang 1\/4/)).toHaveLength(2);
    const canvas = within(ranking()).getByRole('img');
    expect(canvas.getAttribute('aria-label')).toBe(
      'Xếp hạng đơn vị 1–25 trong 95 theo tỷ lệ điểm khảo sát, Chỉ số CCHC của UBND xã, thị trấn',
    );
    fireEvent.click(
      within(ranking()).getAllByRole('button', { name: 'Trang sau →' })[0] as Element,
    );
    await settle();
    expect(firstCells()[0]).toBe('26 UBND xã Số 26');
    fireEvent.click(
      within(ranking()).getAllByRole('button', { name: 'Trang sau →' })[0] as Element,
    );
    fireEvent.click(
      within(ranking()).getAllByRole('button', { name: 'Trang sau →' })[0] as Element,
    );
    await settle();
    expect(firstCells().at(-1)).toBe('— UBND xã Số 95không đủ dữ liệu');
  });

  it('finds a commune typed without diacritics, with its rank', async () => {
    await open();
    fireEvent.input(within(ranking()).getByLabelText('Tìm đơn vị'), {
      target: { value: 'tan dinh' },
    });
    await settle();
    expect(firstCells()).toEqual(['2 UBND phường Tân Định']);
    expect(within(ranking()).getByText(/1 trong 95 đơn vị khớp/)).toBeTruthy();
  });

  it('orders the weakest first, the unit without data still last; or all on one page', async () => {
    await open();
    await choose(within(ranking()).getByLabelText('Sắp xếp'), 'rank-desc');
    expect(firstCells()[0]).toBe('94 UBND xã Số 94');
    fireEvent.click(within(ranking()).getByLabelText(/Hiện cả 95 đơn vị/));
    await settle();
    expect(rowsOf(table())).toHaveLength(95);
    expect(firstCells().at(-1)).toBe('— UBND xã Số 95không đủ dữ liệu');
    expect(within(ranking()).queryByText(/Trang 1\//)).toBeNull();
  });

  it('ranks one kind of unit at a time, with the ranks of the whole index', async () => {
    const server = serve(
      'analyst',
      'closed',
      [runSummary()],
      [resultsDoc({}, [district(), ...many])],
    );
    // The 2nd and every 10th commune are wards (phường).
    const units = many.map((u, i) => ({
      code: u.code,
      name: u.name,
      kind: i === 1 || i % 10 === 9 ? 'phuong' : 'xa',
      parentCode: null,
      officialCode: null,
      area: null,
    }));
    server.on('GET /api/campaigns/c2024', {
      status: 200,
      body: campaign({ phase: 'closed', units }),
    });
    await openAt('/console/c/c2024/results');
    await choose(within(ranking()).getByLabelText('Loại đơn vị'), 'phuong');
    expect(firstCells()).toEqual([
      '2 UBND phường Tân Định',
      '10 UBND xã Số 10',
      '20 UBND xã Số 20',
      '30 UBND xã Số 30',
      '40 UBND xã Số 40',
      '50 UBND xã Số 50',
      '60 UBND xã Số 60',
      '70 UBND xã Số 70',
      '80 UBND xã Số 80',
      '90 UBND xã Số 90',
    ]);
    expect(within(ranking()).getByText(/10 trong 95 đơn vị khớp bộ lọc/)).toBeTruthy();
  });

  it('names each unit with its official code (Mã ĐVHC) where it has one', async () => {
    const coded = many.map((u, i) => ({ ...u, officialCode: i === 0 ? '25345' : null }));
    serve('analyst', 'closed', [runSummary()], [resultsDoc({}, [district(), ...coded])]);
    await openAt('/console/c/c2024/results');
    expect(firstCells()[0]).toBe('1 UBND xã Đắk ƠMã ĐVHC 25345');
    expect(firstCells()[1]).toBe('2 UBND phường Tân Định');
  });

  it('an index of a few units keeps the plain ranking, without search or pages', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    expect(within(ranking()).queryByLabelText('Tìm đơn vị')).toBeNull();
    expect(within(ranking()).queryByText(/Trang/)).toBeNull();
  });
});

describe('response rates of a province on the results screen', () => {
  // 95 communes × 2 groups + 20 departments × 1 group + the delegates: 211 rows.
  const rows = [
    cell({ groupCode: 'DB', groupName: 'Đại biểu', invited: 10, submitted: 5, rate: 50 }),
    ...Array.from({ length: 20 }, (_, i) =>
      cell({
        groupCode: 'LD_SO',
        groupName: 'Lãnh đạo sở',
        unitCode: `SO${i + 1}`,
        unitName: `Sở số ${i + 1}`,
        unitKind: 'co_quan',
        index: 'SO',
        invited: 10,
        submitted: 10,
        rate: 100,
      }),
    ),
    ...['LD_XA', 'CC_XA'].flatMap((g) =>
      many.map((u, i) =>
        cell({
          groupCode: g,
          groupName: g === 'LD_XA' ? 'Lãnh đạo xã' : 'Công chức xã',
          unitCode: u.code,
          unitName: u.name,
          unitKind: 'xa',
          index: 'XA',
          invited: 10,
          submitted: (i * 3) % 10,
          rate: ((i * 3) % 10) * 10,
        }),
      ),
    ),
  ];
  const data = tracking({
    indexes: [
      { code: 'SO', name: 'Chỉ số các sở', unitKinds: ['co_quan'] },
      { code: 'XA', name: 'Chỉ số cấp xã', unitKinds: ['xa', 'phuong'] },
    ],
    groups: ['DB', 'LD_SO', 'LD_XA', 'CC_XA'].map((groupCode) =>
      cell({ groupCode, groupName: groupCode }),
    ),
    rows,
  });

  it('pages 211 rows by 40, and filters one index and group, lowest rate first', async () => {
    const server = serve('analyst', 'open');
    server.on('GET /api/campaigns/c2024/tracking', { status: 200, body: data });
    await openAt('/console/c/c2024/results');
    const rates = section('Tỷ lệ trả lời theo nhóm và đơn vị');
    expect(within(rates).getByRole('img').getAttribute('aria-label')).toMatch(
      /^Tỷ lệ đã gửi phiếu theo nhóm đối tượng và đơn vị, dòng 1–40 trong 211(;|$)/,
    );
    await choose(within(rates).getByLabelText('Chỉ số / loại đơn vị'), 'index:XA');
    await choose(within(rates).getByLabelText('Nhóm đối tượng'), 'CC_XA');
    await choose(within(rates).getByLabelText('Sắp xếp'), 'rate');
    expect(within(rates).getAllByText(/Trang 1\/3/)).toHaveLength(1);
    const first = rowsOf(within(rates).getByRole('table'))[0];
    expect(first).toEqual(['Công chức xã', 'UBND xã Đắk Ơ', '10', '0', '0%']);
  });
});

describe('rankingRows', () => {
  const ranked = [
    { name: 'B', rank: 1 },
    { name: 'A', rank: 2 },
    { name: 'C', rank: 2 },
    { name: 'Đ', rank: null },
  ];
  it.each([
    ['rank', ['B', 'A', 'C', 'Đ']],
    ['rank-desc', ['A', 'C', 'B', 'Đ']],
    ['name', ['A', 'B', 'C', 'Đ']],
  ] as const)('%s', (sort, order) => {
    expect(rankingRows(ranked, { q: '', sort }).map((u) => u.name)).toEqual(order);
  });
});
