import { describe, expect, it } from 'vitest';
import { slipPageCount } from '../../../contract/console/invitation-list';
import {
  filterQuery,
  INITIAL,
  listQuery,
  pageCount,
  parseState,
  rangeText,
  stateQuery,
} from '../../../survey-client/console/parts/list-state';
import { pickedSlips } from '../../../survey-client/console/parts/selection';

describe('the remembered state of the people lists', () => {
  it('reads back what it wrote, and only what differs from the defaults', () => {
    const state = {
      ...INITIAL,
      view: 'pending' as const,
      q: 'nguyễn văn',
      group: 'LD_UBND_XA',
      sort: '-changed',
      page: 3,
      pageSize: 100,
      layout: 4 as const,
    };
    const query = stateQuery(state);
    expect(query).toBe(
      '?view=pending&q=nguy%E1%BB%85n+v%C4%83n&group=LD_UBND_XA&sort=-changed&page=3&pageSize=100&layout=4',
    );
    expect(parseState(query)).toEqual(state);
    expect(stateQuery(INITIAL)).toBe('');
  });

  it.each([
    ['?page=0', {}],
    ['?page=2.5', {}],
    ['?pageSize=500', {}],
    ['?sort=age', {}],
    ['?status=done,opened', { status: 'opened' }],
    ['?layout=3', {}],
    ['?view=other', {}],
  ])('leaves what it does not know at its default: %s', (search, expected) => {
    expect(parseState(search)).toEqual({ ...INITIAL, ...expected });
  });

  it('asks the server for the view (no status on the non-responders), without view or layout', () => {
    const s = {
      ...INITIAL,
      q: ' an ',
      status: 'opened',
      unit: 'X-ANPHU',
      page: 2,
      layout: 1 as const,
    };
    expect(listQuery(s)).toBe('?q=an&status=opened&unit=X-ANPHU&page=2');
    expect(listQuery({ ...s, view: 'pending' })).toBe('?q=an&unit=X-ANPHU&page=2');
    expect(filterQuery(s, { layout: 1 })).toBe('?q=an&status=opened&unit=X-ANPHU&layout=1');
  });

  it('says which rows a page shows, in Vietnamese numbers', () => {
    expect(rangeText(1, 50, 4812)).toBe('Dòng 1–50 trong 4.812');
    expect(rangeText(97, 50, 4812)).toBe('Dòng 4.801–4.812 trong 4.812');
    expect(rangeText(1, 50, 0)).toBe('Không có dòng nào');
    expect(pageCount(4812, 50)).toBe(97);
    expect(pageCount(0, 50)).toBe(1);
  });
});

describe('slips and A4 sheets', () => {
  it('starts each unit on a new sheet only when asked', () => {
    expect(slipPageCount([9, 8, 1], 8, 'unit-pages')).toBe(4);
    expect(slipPageCount([9, 8, 1], 4, 'unit-pages')).toBe(3 + 2 + 1);
    expect(slipPageCount([9, 8, 1], 1, 'unit-pages')).toBe(18);
    expect(slipPageCount([], 8, 'unit-pages')).toBe(0);
    // Unit after unit, or packed: every sheet full but the last.
    expect(slipPageCount([9, 8, 1], 8)).toBe(3);
    expect(slipPageCount([9, 8, 1], 4, 'packed')).toBe(5);
    expect(slipPageCount([9, 8, 1], 1, 'units')).toBe(18);
    expect(slipPageCount([], 8)).toBe(0);
  });

  it('counts only the picked rows that still have a live link', () => {
    const picked = [
      { status: 'not_opened' as const, unit: 'A' },
      { status: 'opened' as const, unit: 'A' },
      { status: 'submitted' as const, unit: 'A' },
      { status: 'revoked' as const, unit: 'B' },
      { status: 'in_progress' as const, unit: 'B' },
    ];
    expect(pickedSlips(picked, 8, 'unit-pages')).toEqual({ count: 3, pages: 2 });
    expect(pickedSlips(picked, 8, 'units')).toEqual({ count: 3, pages: 1 });
    expect(pickedSlips(picked, 1, 'packed')).toEqual({ count: 3, pages: 3 });
  });
});
