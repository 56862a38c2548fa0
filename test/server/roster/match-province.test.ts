import { describe, expect, it } from 'vitest';
import type { Group } from '../../../questionnaires';
import {
  groupMatcher,
  type Match,
  unitMatcher,
  workplaceUnits,
} from '../../../server/roster/match';
import { provinceDefinition, provinceUnitSet } from './province';

/** Issue #11 point 6: a province's roster, typed by many offices, matched against its own names. */

const matchGroup = groupMatcher(provinceDefinition().groups);
const units = workplaceUnits(provinceUnitSet().units);
const matchUnit = unitMatcher(units);

const codeOf = (m: Match<{ code: string }>) => (m.kind === 'ok' ? m.value.code : m.kind);
const codesOf = (m: Match<{ code: string }>) =>
  m.kind === 'ambiguous' || m.kind === 'unknown' ? m.suggestions.map((s) => s.code).sort() : [];

const group = (code: string, name: string, aliases: string[] = []): Group => ({
  code,
  name,
  aliases,
  questionnaires: ['P01'],
  unitRequired: true,
});
const unit = (code: string, name: string, kind = 'xa') => ({ code, name, kind, parentCode: null });

describe('groups of a province, however offices write them', () => {
  it.each([
    ['Đại biểu HĐND tỉnh', 'DB_HDND_TINH'],
    ['ĐB HĐND tỉnh', 'DB_HDND_TINH'],
    ['HĐND tỉnh ĐB', 'DB_HDND_TINH'],
    ['ĐB. HĐND', 'DB_HDND_TINH'],
    ['db hdnd tinh', 'DB_HDND_TINH'],
    ['Đại biểu Hội đồng nhân dân', 'DB_HDND_TINH'],
    ['LĐ sở', 'LD_SO'],
    ['Lãnh đạo Sở, ban, ngành', 'LD_SO'],
    ['LĐ các sở, ngành tỉnh', 'LD_SO'],
    ['lanh dao so ban nganh tinh', 'LD_SO'],
    ['LĐ P. thuộc sở', 'LD_PHONG_SO'],
    ['Lãnh đạo, P. thuộc sở', 'LD_PHONG_SO'],
    ['LĐ các phòng thuộc Sở', 'LD_PHONG_SO'],
    ['lanh dao phong thuoc so ban nganh', 'LD_PHONG_SO'],
    ['LĐ UBND xã', 'LD_UBND_XA'],
    ['UBND xã - LĐ', 'LD_UBND_XA'],
    ['Lãnh đạo UBND phường', 'LD_UBND_XA'],
    ['LĐ phường', 'LD_UBND_XA'],
    ['Lãnh đạo xã', 'LD_UBND_XA'],
    ['LĐ Ủy ban nhân dân cấp xã', 'LD_UBND_XA'],
    ['LĐ VP HĐND và UBND xã', 'LD_PHONG_XA'],
    ['LĐ TT PVHCC xã', 'LD_PHONG_XA'],
    ['Lãnh đạo TTPVHCC cấp xã', 'LD_PHONG_XA'],
    ['LĐ phòng chuyên môn xã', 'LD_PHONG_XA'],
    ['LĐ P. CM cấp xã', 'LD_PHONG_XA'],
    ['LD phong chuyen mon cap xa', 'LD_PHONG_XA'],
    ['LĐ VP HĐND-UBND phường', 'LD_PHONG_XA'],
    ['LĐ TTPVHCC phường', 'LD_PHONG_XA'],
    ['LĐ phòng chuyên môn thuộc UBND xã', 'LD_PHONG_XA'],
    ['LĐ UBND đặc khu', 'LD_UBND_XA'],
    ['LĐ UBND các xã, phường', 'LD_UBND_XA'],
    ['LĐ phòng thuộc Sở, ngành', 'LD_PHONG_SO'],
  ])('%s → %s', (raw, code) => expect(codeOf(matchGroup(raw))).toBe(code));

  it.each([
    ['Lãnh đạo phòng', ['LD_PHONG_SO', 'LD_PHONG_XA']],
    ['Lãnh đạo', ['LD_PHONG_SO', 'LD_PHONG_XA', 'LD_SO', 'LD_UBND_XA']],
  ])('does not choose for "%s", which fits several groups', (raw, among) => {
    const m = matchGroup(raw);
    expect(m.kind).not.toBe('ok');
    expect(codesOf(m).filter((c) => among.includes(c)).length).toBeGreaterThanOrEqual(2);
  });

  it('suggests for a group the definition does not have, and names none it has not', () => {
    const m = matchGroup('Công chức phòng chuyên môn');
    expect(m.kind).toBe('unknown');
    expect(codesOf(m).every((c) => provinceDefinition().groups.some((g) => g.code === c))).toBe(
      true,
    );
  });

  it('reads "P." as phòng or phường by the groups there are: both fitting is ambiguous', () => {
    const both = groupMatcher([
      group('A', 'Lãnh đạo phòng thuộc sở'),
      group('B', 'Lãnh đạo phường thuộc sở'),
    ]);
    expect(both('LĐ P. thuộc sở')).toMatchObject({ kind: 'ambiguous' });
    expect(codeOf(both('LĐ phường thuộc sở'))).toBe('B');
  });

  it("derives every key from the definition's names: any group, any abbreviation", () => {
    const m = groupMatcher([
      group('MT', 'Cán bộ Mặt trận Tổ quốc phường'),
      group('Q', 'Đại biểu HĐND quận', ['ĐB quận']),
      group('TP', 'Lãnh đạo UBND thành phố'),
    ]);
    expect(codeOf(m('CB MTTQ P.'))).toBe('MT');
    expect(codeOf(m('HĐND Q. ĐB'))).toBe('Q');
    expect(codeOf(m('LĐ UBND TP'))).toBe('TP');
    expect(codeOf(m('Lãnh đạo sở'))).toBe('unknown');
  });
});

describe('units of a province, however offices write them', () => {
  it('offers the communes, wards and departments, not the province', () => {
    expect(units).toHaveLength(110);
    expect(units.map((u) => u.code)).not.toContain('75');
  });

  it.each([
    ['Xã Tân Hưng', '25345'],
    ['UBND xã Tân Hưng', '25345'],
    ['X. Tân Hưng', '25345'],
    ['UBND X.Tân Hưng', '25345'],
    ['Uỷ ban nhân dân xã Tân Hưng', '25345'],
    ['xa tan hung', '25345'],
    ['Tân Hưng', '25345'],
    ['Tân Hưng xã', '25345'],
    ['25345', '25345'],
    ['P. Bình Long', '25326'],
    ['UBND P.Bình Long', '25326'],
    ['phuong binh long', '25326'],
    ['Bình Long', '25326'],
    ['Tân Triều (P.)', '26188'],
    ['UBND phường Bình Lộc', '26089'],
    ['Xã Lộc Thạnh', '25280'],
    ['X. Lộc Thành', '25294'],
    ['Xã Xuân Hoà', '26446'],
    ['Sở Nội vụ', 'SNV'],
    ['SỞ NỘI VỤ', 'SNV'],
    ['so noi vu', 'SNV'],
    ['Nội vụ', 'SNV'],
    ['Sở NV', 'SNV'],
    ['Sở Nội vụ tỉnh Đồng Nai', 'SNV'],
    ['Sở TC', 'STC'],
    ['Sở GD&ĐT', 'SGDDT'],
    ['Sở NN&MT', 'SNNMT'],
    ['Sở VH-TT&DL', 'SVHTTDL'],
    ['Sở VHTTDL', 'SVHTTDL'],
    ['Sở KH&CN', 'SKHCN'],
    ['VP UBND tỉnh', 'VPUBND'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'VPUBND'],
    ['VP UBND', 'VPUBND'],
    ['TT PVHCC tỉnh', 'TTPVHCC'],
    ['TTPVHCC', 'TTPVHCC'],
    ['Trung tâm Phục vụ HCC', 'TTPVHCC'],
    ['BQL các KCN', 'BQLKCN'],
    ['Ban QL khu công nghiệp', 'BQLKCN'],
    ['Thanh tra tỉnh', 'TTRA'],
    ['Thanh tra', 'TTRA'],
  ])('%s → %s', (raw, code) => expect(codeOf(matchUnit(raw))).toBe(code));

  it('keeps two communes apart only by their diacritics: without them it asks', () => {
    const m = matchUnit('xa loc thanh');
    expect(m.kind).toBe('ambiguous');
    expect(codesOf(m)).toEqual(['25280', '25294']);
  });

  it("keeps a unit's own words in their order: only its kind may come last", () => {
    const m = unitMatcher([unit('BA', 'Xã Bình An'), unit('TQ', 'Xã Tân Quan')]);
    for (const raw of ['Xã An Bình', 'An Bình', 'Xã Tân Phong', 'Phong Tân', 'Quan Tân'])
      expect(codeOf(m(raw))).not.toMatch(/BA|TQ/);
    expect(codeOf(m('Bình An xã'))).toBe('BA');
    expect(codeOf(m('Tân Quan (X.)'))).toBe('TQ');
  });

  it('takes a name typed without any diacritic for neither of two names it could be', () => {
    const m = unitMatcher([unit('A', 'Xã Thanh An'), unit('B', 'Xã Thạnh An')]);
    expect(m('xa thanh an')).toMatchObject({ kind: 'ambiguous' });
    expect(m('Thanh An')).toMatchObject({ kind: 'ambiguous' });
    expect(codeOf(m('Xã Thanh An'))).toBe('A');
    expect(codeOf(m('Thạnh An'))).toBe('B');
  });

  it('tells "Bình Long" from "Long Bình", wherever the kind is written', () => {
    expect(codeOf(matchUnit('Phường Long Bình'))).toBe('26020');
    expect(codeOf(matchUnit('Bình Long (P.)'))).toBe('25326');
    expect(codeOf(matchUnit('Long Bình phường'))).toBe('26020');
  });

  it('reads "P." as phòng or phường by the units there are: both fitting is ambiguous', () => {
    const onlyWard = unitMatcher([
      unit('W', 'Phường Bình Long', 'phuong'),
      unit('X', 'Xã Long Hà'),
    ]);
    expect(codeOf(onlyWard('P. Bình Long'))).toBe('W');
    const onlyOffice = unitMatcher([
      unit('O', 'Phòng Bình Long', 'co_quan'),
      unit('X', 'Xã Long Hà'),
    ]);
    expect(codeOf(onlyOffice('P. Bình Long'))).toBe('O');
    const both = unitMatcher([
      unit('W', 'Phường Bình Long', 'phuong'),
      unit('O', 'Phòng Bình Long', 'co_quan'),
    ]);
    expect(both('P. Bình Long')).toMatchObject({ kind: 'ambiguous' });
    expect(codeOf(both('Phường Bình Long'))).toBe('W');
  });

  it('drops a "tỉnh" tail, but not the "Tịnh" of a name: the diacritics of the unit list decide', () => {
    const m = unitMatcher([
      unit('ST', 'Xã Sơn Tịnh'),
      unit('AT', 'Phường An Tịnh', 'phuong'),
      unit('TTR', 'Thanh tra tỉnh', 'co_quan'),
    ]);
    for (const raw of ['Sơn', 'Xã Sơn', 'An', 'son']) expect(codeOf(m(raw))).not.toBe('ST');
    for (const raw of ['Xã Sơn Tịnh', 'xa son tinh', 'Sơn Tịnh', 'son tinh'])
      expect(codeOf(m(raw))).toBe('ST');
    expect(codeOf(m('an tinh'))).toBe('AT');
    expect(codeOf(m('Thanh tra'))).toBe('TTR');
  });

  it('suggests the closest units for what is not there, and guesses nothing from a fragment', () => {
    const typo = matchUnit('UBND xã Tân Hưngg');
    expect(typo.kind === 'unknown' && typo.suggestions[0]?.code).toBe('25345');
    const foreign = matchUnit('Sở Ngoại vụ');
    expect(foreign.kind).toBe('unknown');
    expect(codesOf(foreign)).toContain('SNV');
    for (const raw of ['Tân', 'Xã Tân', 'Sở', 'P.', 'Lãnh đạo'])
      expect(matchUnit(raw).kind).not.toBe('ok');
  });
});
