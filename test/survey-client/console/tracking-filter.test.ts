import { describe, expect, it } from 'vitest';
import type { TrackingCell } from '../../../contract/console/tracking';
import {
  DEFAULT_FILTER,
  filterFromQuery,
  filterFromStored,
  filterQuery,
  filterRows,
  scopeOptions,
  sumRows,
} from '../../../survey-client/console/screens/tracking-filter';
import { fold, matchesSearch, pageOf } from '../../../survey-client/console/table-view';

const row = (patch: Partial<TrackingCell>): TrackingCell => ({
  groupCode: 'CC_XA',
  groupName: 'Công chức cấp xã',
  unitCode: 'U',
  unitName: 'UBND xã U',
  unitKind: 'xa',
  index: 'XA',
  invited: 10,
  notOpened: 0,
  opened: 0,
  inProgress: 0,
  submitted: 5,
  rate: 50,
  ...patch,
});

const rows = [
  row({
    unitCode: 'S1',
    unitName: 'Sở Tài chính',
    unitKind: 'co_quan',
    index: 'SO',
    groupCode: 'LD_SO',
    rate: 90,
    invited: 5,
    submitted: 4,
  }),
  row({ unitCode: 'X1', unitName: 'UBND xã Đắk Ơ', rate: 20, invited: 40, submitted: 8 }),
  row({
    unitCode: 'X2',
    unitName: 'UBND phường Tân Định',
    unitKind: 'phuong',
    rate: 60,
    invited: 30,
    submitted: 18,
  }),
  row({
    unitCode: 'X3',
    unitName: 'UBND đặc khu Phú Quý',
    unitKind: 'dac_khu',
    rate: 20,
    invited: 10,
    submitted: 2,
  }),
  row({
    unitCode: null,
    unitName: 'Không theo đơn vị',
    unitKind: null,
    index: null,
    groupCode: 'DB',
    rate: 0,
    invited: 3,
    submitted: 0,
  }),
];
const codes = (r: TrackingCell[]) => r.map((x) => x.unitCode);

describe('searching a unit name as people type it', () => {
  it.each([
    ['dak o', true],
    ['Đắk Ơ', true],
    ['DAK', true],
    ['o dak', true],
    ['  xã   đắk ', true],
    ['dak a', false],
    ['xa da', true],
    ['inh', false],
    ['', true],
  ])('"%s" in "UBND xã Đắk Ơ": %s', (q, found) => {
    expect(matchesSearch('UBND xã Đắk Ơ', q)).toBe(found);
  });

  it('folds decomposed and composed text alike, and đ to d', () => {
    expect(fold('Đặc khu Phú Quý'.normalize('NFD'))).toBe('dac khu phu quy');
    expect(fold('Tân  Định')).toBe('tan dinh');
  });
});

describe('paging', () => {
  const list = Array.from({ length: 120 }, (_, i) => i);
  it.each([
    [0, [0, 49], 3, 1, 50],
    [2, [100, 119], 3, 101, 120],
    [9, [100, 119], 3, 101, 120],
    [-1, [0, 49], 3, 1, 50],
  ])('page %i', (page, [first, last], pages, from, to) => {
    const p = pageOf(list, page, 50);
    expect([p.rows[0], p.rows.at(-1), p.pages, p.from, p.to, p.total]).toEqual([
      first,
      last,
      pages,
      from,
      to,
      120,
    ]);
  });
  it('an empty list is one empty page', () => {
    expect(pageOf([], 3, 50)).toMatchObject({ rows: [], page: 0, pages: 1, from: 0, to: 0 });
  });
});

describe('the tracking filter', () => {
  it('filters by name without diacritics, by group, by index and by kind', () => {
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, q: 'tan dinh' }))).toEqual(['X2']);
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, group: 'LD_SO' }))).toEqual(['S1']);
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, scope: 'index:XA' }))).toEqual([
      'X1',
      'X2',
      'X3',
    ]);
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, scope: 'kind:phuong' }))).toEqual(['X2']);
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, scope: 'index:SO', q: 'ubnd' }))).toEqual(
      [],
    );
  });

  it('sorts laggards first, ties in the list order; by name in Vietnamese order', () => {
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, sort: 'rate' }))).toEqual([
      null,
      'X1',
      'X3',
      'X2',
      'S1',
    ]);
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, sort: 'rate-desc' }))[0]).toBe('S1');
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, sort: 'waiting' }))).toEqual([
      'X1',
      'X2',
      'X3',
      null,
      'S1',
    ]);
    expect(codes(filterRows(rows, { ...DEFAULT_FILTER, sort: 'invited' }))[0]).toBe('X1');
    expect(filterRows(rows, { ...DEFAULT_FILTER, sort: 'name' }).map((r) => r.unitName)).toEqual([
      'Không theo đơn vị',
      'Sở Tài chính',
      'UBND đặc khu Phú Quý',
      'UBND phường Tân Định',
      'UBND xã Đắk Ơ',
    ]);
  });

  it('adds up the kept rows', () => {
    const sum = sumRows(filterRows(rows, { ...DEFAULT_FILTER, scope: 'index:XA' }));
    expect(sum).toMatchObject({ invited: 80, submitted: 28, rate: 35 });
    expect(sumRows([])).toMatchObject({ invited: 0, rate: 0 });
  });

  it('goes to the address and back, saying only what is not the default', () => {
    const f = { q: 'Đắk Ơ', group: 'CC_XA', scope: 'index:XA', sort: 'rate' as const, page: 2 };
    const query = filterQuery(f);
    expect(query).toBe('?q=%C4%90%E1%BA%AFk+%C6%A0&nhom=CC_XA&loai=index%3AXA&sap=rate&trang=3');
    expect(filterFromQuery(query)).toEqual(f);
    expect(filterQuery(DEFAULT_FILTER)).toBe('');
    expect(filterFromQuery('')).toBeNull();
    expect(filterFromQuery('?other=1')).toBeNull();
    // Nonsense in the address falls back to the defaults, key by key.
    expect(filterFromQuery('?sap=drop&trang=-4')).toEqual(DEFAULT_FILTER);
    expect(filterFromStored('garbage')).toEqual(DEFAULT_FILTER);
    expect(filterFromStored(null)).toEqual(DEFAULT_FILTER);
    expect(filterFromStored('?nhom=LD_SO')).toEqual({ ...DEFAULT_FILTER, group: 'LD_SO' });
  });

  it('offers each index, then its kinds when it has more than one', () => {
    const indexes = [
      { code: 'SO', name: 'Chỉ số CCHC các sở', unitKinds: ['co_quan'] },
      { code: 'XA', name: 'Chỉ số CCHC cấp xã', unitKinds: ['xa', 'phuong', 'dac_khu'] },
    ];
    expect(scopeOptions({ indexes, rows }).map((o) => [o.value, o.label])).toEqual([
      ['index:SO', 'Chỉ số CCHC các sở'],
      ['index:XA', 'Chỉ số CCHC cấp xã'],
      ['kind:xa', '— Xã'],
      ['kind:phuong', '— Phường'],
      ['kind:dac_khu', '— Đặc khu'],
    ]);
    expect(scopeOptions({ rows })).toEqual([]);
  });
});
