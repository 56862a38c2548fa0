// @vitest-environment happy-dom
import { fireEvent, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import '../../../../survey-client/console/results/screens';
import { rankingRows } from '../../../../survey-client/console/results/ranking-view';
import { openAt, settle, useConsoleEnv } from '../helpers';
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

  it('an index of a few units keeps the plain ranking, without search or pages', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    expect(within(ranking()).queryByLabelText('Tìm đơn vị')).toBeNull();
    expect(within(ranking()).queryByText(/Trang/)).toBeNull();
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
