import { describe, expect, it } from 'vitest';
import { builtInDefinition, builtInUnitSet } from '../../../questionnaires';
import { headerScore, mapHeaders } from '../../../server/roster/headers';
import { groupMatcher, unitMatcher, workplaceUnits } from '../../../server/roster/match';

const groups = builtInDefinition().groups;
const units = workplaceUnits(builtInUnitSet().units);
const matchGroup = groupMatcher(groups);
const matchUnit = unitMatcher(units);

const fieldsOf = (headers: string[]) =>
  Object.fromEntries(mapHeaders(headers).columns.map((c) => [c.field, [c.index, c.sure]]));

describe('mapHeaders', () => {
  it("maps the sample roster's headers, all sure", () => {
    const headers = [
      'STT',
      'Họ và tên',
      'Chức vụ',
      'Đơn vị công tác',
      'Nhóm đối tượng',
      'Số điện thoại',
      'Email',
      'Ghi chú',
    ];
    expect(fieldsOf(headers)).toEqual({
      stt: [0, true],
      name: [1, true],
      position: [2, true],
      unit: [3, true],
      group: [4, true],
      phone: [5, true],
      email: [6, true],
      note: [7, true],
    });
  });

  it('ignores diacritics, case and punctuation, and knows the usual other words', () => {
    expect(fieldsOf(['ho ten', 'CƠ QUAN', 'Đối tượng', 'SĐT', 'E-mail', 'Chức danh'])).toEqual({
      name: [0, true],
      unit: [1, true],
      group: [2, true],
      phone: [3, true],
      email: [4, true],
      position: [5, true],
    });
  });

  it('marks near matches unsure and reports missing required columns', () => {
    const m = mapHeaders(['Họ và tên người được khảo sát', 'Số điện thoại cơ quan', 'Cột lạ']);
    expect(m.columns).toEqual([
      { field: 'name', index: 0, header: 'Họ và tên người được khảo sát', sure: false },
      { field: 'phone', index: 1, header: 'Số điện thoại cơ quan', sure: false },
    ]);
    expect(m.missing).toEqual(['unit', 'group']);
  });

  it('lets a manual mapping name, move or drop columns', () => {
    const m = mapHeaders(['A', 'B', 'C', 'Số điện thoại'], {
      name: 'a',
      unit: 'B',
      group: 'C',
      phone: null,
    });
    expect(m.columns.map((c) => [c.field, c.index, c.sure])).toEqual([
      ['name', 0, true],
      ['unit', 1, true],
      ['group', 2, true],
    ]);
    expect(m.missing).toEqual([]);
    expect(mapHeaders(['A'], { name: 'Không có' }).unknownManual).toEqual(['Không có']);
  });

  it('scores a header row above title and data rows', () => {
    expect(headerScore(['DANH SÁCH NGƯỜI ĐƯỢC KHẢO SÁT'])).toBe(0);
    expect(headerScore(['1', 'Phan Hoàng Trung', 'Phòng Tư pháp'])).toBe(0);
    expect(headerScore(['STT', 'Họ và tên', 'Đơn vị'])).toBe(3);
  });
});

describe('groupMatcher', () => {
  it.each([
    ['Đại biểu HĐND huyện', 'HDND_HUYEN'],
    ['ĐB HĐND huyện', 'HDND_HUYEN'],
    ['dai bieu hdnd huyen', 'HDND_HUYEN'],
    ['Đại biểu HĐND huyện Hớn Quản', 'HDND_HUYEN'],
    ['HDND_HUYEN', 'HDND_HUYEN'],
    ['Lãnh đạo phòng', 'LD_CQCM_HUYEN'],
    ['  Lãnh đạo cơ quan chuyên môn  ', 'LD_CQCM_HUYEN'],
    ['LÃNH ĐẠO UBND CẤP XÃ', 'LD_UBND_XA'],
    ['Công chức phòng chuyên môn', 'CC_CQCM_HUYEN'],
  ])('%s → %s', (raw, code) => {
    const m = matchGroup(raw);
    expect(m.kind === 'ok' && m.value.code).toBe(code);
  });

  it('suggests the likely groups for a near miss, and reports an empty cell as missing', () => {
    const m = matchGroup('Lãnh đạo');
    expect(m.kind).toBe('unknown');
    const codes = m.kind === 'unknown' ? m.suggestions.map((g) => g.code) : [];
    expect(codes).toContain('LD_CQCM_HUYEN');
    expect(codes).toContain('LD_UBND_XA');
    expect(codes).not.toContain('HDND_HUYEN');
    expect(matchGroup('  ').kind).toBe('missing');
  });
});

describe('unitMatcher', () => {
  it('offers only offices and communes: not the province or the district', () => {
    expect(units.map((u) => u.code)).not.toContain('694');
    expect(units.map((u) => u.code)).not.toContain('70');
    expect(units).toHaveLength(26); // 12 communes, 1 town, 13 offices
  });

  it.each([
    ['UBND xã Tân Hưng', 'X-TANHUNG'],
    ['xã Tân Hưng', 'X-TANHUNG'],
    ['Tân Hưng', 'X-TANHUNG'],
    ['xa tan hung', 'X-TANHUNG'],
    ['Ủy ban nhân dân xã Tân Hưng', 'X-TANHUNG'],
    ['TT Tân Khai', 'TT-TANKHAI'],
    ['thị trấn Tân Khai', 'TT-TANKHAI'],
    ['Phòng Nội vụ', 'PNV'],
    ['P. Nội vụ', 'PNV'],
    ['Nội vụ', 'PNV'],
    ['Phòng Nội vụ huyện Hớn Quản', 'PNV'],
    ['Phòng Tài chính - Kế hoạch', 'PTCKH'],
    ['Phòng TC-KH', 'PTCKH'],
    ['Phòng TN&MT', 'PTNMT'],
    ['Phòng LĐ-TB&XH', 'PLDTBXH'],
    ['Phòng GD&ĐT', 'PGDDT'],
    ['VP HĐND và UBND huyện', 'VP'],
    ['Thanh tra huyện', 'TTRA'],
    ['Thanh tra', 'TTRA'],
  ])('%s → %s', (raw, code) => {
    const m = matchUnit(raw);
    expect(m.kind === 'ok' && m.value.code).toBe(code);
  });

  it('suggests by similarity for a near miss, and nothing for something else entirely', () => {
    const ngoaiVu = matchUnit('Phòng Ngoại vụ');
    expect(ngoaiVu).toMatchObject({ kind: 'unknown' });
    expect(ngoaiVu.kind === 'unknown' && ngoaiVu.suggestions.map((u) => u.code)).toEqual(['PNV']);
    const typo = matchUnit('UBND xã Tân Hưngg');
    expect(typo.kind === 'unknown' && typo.suggestions[0]?.code).toBe('X-TANHUNG');
    const front = matchUnit('Ủy ban MTTQ Việt Nam huyện');
    expect(front).toEqual({ kind: 'unknown', suggestions: [] });
    expect(matchUnit('').kind).toBe('missing');
  });

  it('does not guess when a key fits two units', () => {
    const twins = unitMatcher([
      { code: 'A', name: 'UBND xã Tân Hưng', kind: 'xa', parentCode: null },
      { code: 'B', name: 'UBND xã Tân Hùng', kind: 'xa', parentCode: null },
    ]);
    expect(twins('xa tan hung')).toMatchObject({ kind: 'ambiguous' });
    expect(twins('UBND xã Tân Hùng')).toMatchObject({ kind: 'ok', value: { code: 'B' } });
  });
});
