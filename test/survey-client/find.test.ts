import { describe, expect, it } from 'vitest';
import { byArea, findUnits, fold, searchExample, unitOnEnter } from '../../survey-client/form/find';
import { AREAS, provinceView, questionnaire } from './fixture';

const units = questionnaire(provinceView(), 'P05').units;
const names = (query: string) => findUnits(units, query).map((u) => u.name);

describe('the units search', () => {
  it('folds case and diacritics, and "đ" to "d", composed or decomposed', () => {
    expect(fold('Xã Tân Hưng')).toBe('xa tan hung');
    expect(fold('ĐỒNG XUÂN')).toBe('dong xuan');
    expect(fold('Hớn Quản'.normalize('NFD'))).toBe('hon quan');
    expect(fold('Nghĩa Đức Thịnh Lộc Mỹ')).toBe('nghia duc thinh loc my');
  });

  it('finds a commune typed without diacritics, with them, or in capitals', () => {
    expect(units).toHaveLength(95);
    expect(names('tan hung')).toEqual(['Xã Tân Hưng']);
    expect(names('Tân Hưng')).toEqual(['Xã Tân Hưng']);
    expect(names('  TAN   HUNG ')).toEqual(['Xã Tân Hưng']);
    // "đ" and "d" are the same letter to the search, both ways.
    expect(names('dong xuan')).toEqual(['Xã Đồng Xuân']);
    expect(names('đồng xuân')).toEqual(['Xã Đồng Xuân']);
    expect(names('Đong xuan')).toEqual(['Xã Đồng Xuân']);
  });

  it('matches the beginnings of words, in any order, as one types', () => {
    expect(names('hung tan')).toEqual(['Xã Tân Hưng']);
    expect(names('ta hu')).toEqual(['Xã Tân Hưng']);
    // "an" begins "An", not the "an" inside "Tân" or "Thanh".
    expect(names('an')).toEqual([
      'Xã An Hưng',
      'Xã An Lợi',
      'Xã An Khai',
      'Xã An Xuân',
      'Xã An Đông',
    ]);
    expect(names('xuan')).toHaveLength(19);
    expect(names('tan hungx')).toEqual([]);
  });

  it('lists a whole former district by its name, but never mixes name and area words', () => {
    const honQuan = findUnits(units, 'hon quan');
    expect(honQuan).toHaveLength(19);
    expect(honQuan.every((u) => u.area === 'Huyện Hớn Quản (cũ)')).toBe(true);
    expect(findUnits(units, 'dong phu').every((u) => u.area === 'Huyện Đồng Phú (cũ)')).toBe(true);
    // "Xã Tân Đông" is in "Huyện Đồng Phú (cũ)": "tan" from its name and "phu" from its area
    // do not make a match.
    expect(names('tan phu')).toEqual([]);
    expect(names('tan dong')).toEqual(['Xã Tân Đông']);
  });

  it('keeps the whole list, in order, for an empty or blank search', () => {
    expect(findUnits(units, '')).toEqual(units);
    expect(findUnits(units, ' ,. ')).toEqual(units);
  });
});

describe('units by former district', () => {
  it('groups in the order the areas first appear, units in list order', () => {
    const areas = byArea(units);
    expect(areas.map((a) => a.name)).toEqual(AREAS);
    expect(areas.map((a) => a.units.length)).toEqual([19, 19, 19, 19, 19]);
    expect(areas[0]?.units[0]?.name).toBe('Xã Tân Hưng');
  });

  it('lists units without an area first, under no area, and a list without areas as one group', () => {
    const mixed = [
      { code: 'a', name: 'Xã A', area: 'Huyện X (cũ)' },
      { code: 's', name: 'Sở Nội vụ' },
      { code: 'b', name: 'Xã B', area: 'Huyện Y (cũ)' },
      { code: 'c', name: 'Xã C', area: 'Huyện X (cũ)' },
    ];
    expect(byArea(mixed).map((a) => [a.name, a.units.map((u) => u.code)])).toEqual([
      [null, ['s']],
      ['Huyện X (cũ)', ['a', 'c']],
      ['Huyện Y (cũ)', ['b']],
    ]);
    // The official lists spell one area two ways.
    const twice = [
      { code: 'p', name: 'Phường Phước Long', area: 'Thị xã Phước Long (cũ)' },
      { code: 'q', name: 'Phường Phước Bình', area: 'Thị Xã Phước Long (cũ)' },
    ];
    expect(byArea(twice)).toEqual([{ name: 'Thị xã Phước Long (cũ)', units: twice }]);
    const plain = mixed.map(({ code, name }) => ({ code, name }));
    expect(byArea(plain)).toEqual([{ name: null, units: plain }]);
    expect(byArea([])).toEqual([]);
  });

  it('ticks on Enter the commune named, even when its name is also a former district', () => {
    const loc = [
      { code: 'A', name: 'Xã Lộc Tấn', area: 'Huyện Lộc Ninh (cũ)' },
      { code: 'B', name: 'Xã Lộc Ninh', area: 'Huyện Lộc Ninh (cũ)' },
      { code: 'C', name: 'Xã Lộc Hưng', area: 'Huyện Lộc Ninh (cũ)' },
      { code: 'D', name: 'Xã Tân Hưng', area: 'Huyện Hớn Quản (cũ)' },
    ] as typeof units;
    // "loc ninh" is Xã Lộc Ninh and every commune of Huyện Lộc Ninh (cũ).
    expect(findUnits(loc, 'loc ninh')).toHaveLength(3);
    expect(unitOnEnter(loc, 'loc ninh')?.name).toBe('Xã Lộc Ninh');
    expect(unitOnEnter(loc, 'tan hung')?.name).toBe('Xã Tân Hưng');
    expect(unitOnEnter(units, 'tan hung')?.name).toBe('Xã Tân Hưng');
    // Words that name several units tick none.
    expect(unitOnEnter(loc, 'loc')).toBeUndefined();
    expect(unitOnEnter(loc, 'hung')).toBeUndefined();
  });

  it('gives an example search from the list itself, not a commune for a list of departments', () => {
    expect(searchExample(units)).toBe(
      fold(units[0]?.name ?? '')
        .split(' ')
        .slice(-2)
        .join(' '),
    );
    expect(searchExample([{ code: 'SNV', name: 'Sở Nội vụ' }] as typeof units)).toBe('noi vu');
  });
});
