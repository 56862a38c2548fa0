import { describe, expect, it } from 'vitest';
import { builtInDefinition, builtInProvinceDefinition, builtInUnitSet } from '../../questionnaires';
import {
  DEFAULT_DEPARTMENTS,
  formerAreas,
  mergerRows,
  officialUnits,
  provinces,
  provinceUnitSet,
} from '../../questionnaires/official';
import { checkUnitsFitDefinition } from '../../server/campaigns/service';

describe('the official lists shipped with the product', () => {
  it('has every commune-level unit of the 34 provinces, with its code and kind', () => {
    const units = officialUnits();
    expect(units).toHaveLength(3321);
    expect(provinces()).toHaveLength(34);
    const kinds = (list: typeof units) => {
      const n: Record<string, number> = {};
      for (const u of list) n[u.kind] = (n[u.kind] ?? 0) + 1;
      return n;
    };
    expect(kinds(units)).toEqual({ xa: 2621, phuong: 687, dac_khu: 13 });
    expect(kinds(units.filter((u) => u.provinceCode === '75'))).toEqual({ xa: 72, phuong: 23 });
    expect(new Set(units.map((u) => u.code)).size).toBe(3321);
    expect(units.every((u) => u.name === u.name.normalize('NFC') && /^\d{5}$/.test(u.code))).toBe(
      true,
    );
  });

  it('has the whole conversion table, Tân Hưng made of three old Hớn Quản communes', () => {
    expect(mergerRows()).toHaveLength(10571);
    expect(
      mergerRows()
        .filter((m) => m.code === '25345')
        .map((m) => [m.oldCode, m.oldName, m.how, m.oldDistrictName]),
    ).toEqual([
      ['25327', 'Xã Thanh An', 'Nhập toàn bộ', 'Huyện Hớn Quản'],
      ['25330', 'Xã An Khương', 'Nhập toàn bộ', 'Huyện Hớn Quản'],
      ['25345', 'Xã Tân Hưng', 'Nhập toàn bộ', 'Huyện Hớn Quản'],
    ]);
    // Spaces typed twice in the published file are read as one, "Thị Xã" as "Thị xã".
    expect(mergerRows().some((m) => /\s\s/.test(m.how))).toBe(false);
    expect(mergerRows().some((m) => /^(Thị Xã|Thành Phố) /.test(m.oldDistrictName))).toBe(false);
    expect(formerAreas().get('25326')).toBe('Thị xã Bình Long (cũ)');
    expect(formerAreas().get('25345')).toBe('Huyện Hớn Quản (cũ)');
  });
});

describe('a province unit set', () => {
  const set = provinceUnitSet('75');

  it('holds the province, its departments and its 95 communes with their official codes', () => {
    expect(set.units[0]).toMatchObject({ code: '75', name: 'Tỉnh Đồng Nai', kind: 'tinh' });
    expect(set.units.filter((u) => u.kind === 'co_quan')).toHaveLength(DEFAULT_DEPARTMENTS.length);
    const communes = set.units.filter((u) => u.kind === 'xa' || u.kind === 'phuong');
    expect(communes).toHaveLength(95);
    expect(communes.every((u) => u.officialCode === u.code && u.parentCode === '75')).toBe(true);
    expect(set.units.find((u) => u.code === '25345')).toEqual({
      code: '25345',
      name: 'Xã Tân Hưng',
      kind: 'xa',
      parentCode: '75',
      officialCode: '25345',
      area: 'Huyện Hớn Quản (cũ)',
    });
  });

  it('fits the built-in 2026 province definition, and refuses an unknown province', () => {
    expect(checkUnitsFitDefinition(builtInProvinceDefinition(), set)).toEqual([]);
    expect(() => provinceUnitSet('99')).toThrow('Không có tỉnh, thành phố mã "99"');
  });

  it('gives a special zone its kind', () => {
    const conDao = officialUnits().find((u) => u.name === 'Đặc khu Côn Đảo');
    expect(conDao?.kind).toBe('dac_khu');
  });
});

describe('the built-in 2026 province definition', () => {
  const def = builtInProvinceDefinition();

  it('has two indexes, the departments and the communes, 20.00 points each', () => {
    expect(def.indexes.map((i) => [i.code, i.unitKinds, i.budget, i.fields.length])).toEqual([
      ['SO', ['co_quan'], '20.00', 8],
      ['XA', ['xa', 'phuong', 'dac_khu'], '20.00', 8],
    ]);
  });

  it('keeps the 2023 commune criteria codes and points, so years compare', () => {
    const codes = (d: typeof def) =>
      d.indexes
        .find((i) => i.code === 'XA')
        ?.fields.flatMap((f) => f.criteria.map((c) => `${c.code}=${c.maxPoints}`));
    expect(codes(def)).toEqual(codes(builtInDefinition()));
  });

  it('lets council delegates rate both kinds of unit and every other group the other kind', () => {
    const rates = Object.fromEntries(
      def.groups.map((g) => [
        g.code,
        g.questionnaires.map((id) => def.questionnaires.find((q) => q.id === id)?.index),
      ]),
    );
    expect(rates).toEqual({
      DB_HDND_TINH: ['SO', 'XA'],
      LD_SO: ['XA'],
      LD_PHONG_SO: ['XA'],
      LD_UBND_XA: ['SO'],
      LD_PHONG_XA: ['SO'],
    });
    expect(def.questionnaires.every((q) => q.mode === 'matrix')).toBe(true);
  });

  it('is all NFC Vietnamese text', () => {
    const text = JSON.stringify(def);
    expect(text).toBe(text.normalize('NFC'));
  });
});

describe('the 2023 Hớn Quản units', () => {
  it('carry the official codes of the old communes', () => {
    const codes = Object.fromEntries(builtInUnitSet().units.map((u) => [u.code, u.officialCode]));
    expect(codes['X-TANHUNG']).toBe('25345');
    expect(codes['X-THANHAN']).toBe('25327');
    expect(codes['TT-TANKHAI']).toBe('25357');
    expect(codes.PNV).toBeNull();
  });
});
