import { describe, expect, it } from 'vitest';
import {
  type LineageRow,
  lineageOf,
  lineageTable,
  poolCounts,
  transferOf,
} from '../../analysis/lineage';
import { mergerRows } from '../../questionnaires/official';

/** Year over year across the 2025 mergers: reading the conversion table (docs/method.md §14). */

describe('how an old unit went into a new one', () => {
  it.each([
    ['Nhập toàn bộ', 'whole'],
    ['Nhập  toàn bộ ', 'whole'],
    ['Nhập toàn bộ diện tích', 'whole'],
    ['Giữ nguyên', 'whole'],
    ['Đổi tên', 'whole'],
    ['Đổi loại hình', 'whole'],
    ['Sắp xếp toàn bộ huyện Côn Đảo thành đặc khu Côn Đảo', 'whole'],
    ['Sắp xếp toàn bộ xã Thổ Châu thành đặc khu Thổ Châu', 'whole'],
    ['Nhập một phần', 'part'],
    ['Nhập một phần diện tích', 'part'],
    ['Nhâp một phần diện tích', 'part'],
    ['Nhập một phần diện tích, toàn bộ dân số', 'part'],
    ['Nhập một phần dân số', 'part'],
    ['Phần còn lại sau khi tách một phần vào xã Canh Vinh', 'part'],
    ['Đổi tên từ một phần Phường 15', 'part'],
    ['Đổi tên, đổi loại hình từ một phần thị trấn Lai Uyên', 'part'],
    // Decomposed (NFD) text from a copy-paste reads the same.
    ['Nhập toàn bộ'.normalize('NFD'), 'whole'],
    // A wording never seen is not taken as whole: it must not make a comparison exact.
    ['Điều chỉnh địa giới', 'part'],
    ['', 'part'],
  ])('"%s" is %s', (how, expected) => {
    expect(transferOf(how)).toBe(expected);
  });

  it('reads every published wording with "một phần" as a part, and none of the whole ones has it', () => {
    const wordings = new Set(mergerRows().map((r) => r.how));
    const whole = [...wordings].filter((w) => transferOf(w) === 'whole');
    // "Nhập toàn bộ" (9,464 rows) and its kin; everything with "một phần" is a part.
    expect(whole.every((w) => !w.includes('một phần'))).toBe(true);
    expect(
      [...wordings].filter((w) => w.includes('một phần')).every((w) => transferOf(w) === 'part'),
    ).toBe(true);
    expect(whole).toContain('Nhập toàn bộ');
  });
});

const row = (code: string, oldCode: string, how = 'Nhập toàn bộ'): LineageRow => ({
  code,
  oldCode,
  oldName: `Xã ${oldCode}`,
  how,
});

describe('whether a new unit compares exactly with an old campaign', () => {
  const table = lineageTable([
    row('N1', 'A'),
    row('N1', 'B'),
    row('N2', 'C'),
    row('N2', 'D', 'Nhập một phần'),
    row('N3', 'E', 'Nhập một phần'),
    row('N4', 'E', 'Nhập một phần'),
    row('N5', 'F'),
    row('N5', 'G'),
    row('N6', 'H'),
    row('N7', 'K', 'Nhập toàn bộ'),
    row('N8', 'K', 'Nhập toàn bộ'),
    row('N9', '', 'Sắp xếp toàn bộ huyện X thành đặc khu X'),
    row('N10', 'L', 'Nhập toàn bộ'),
    row('N10', 'L', 'Nhập một phần dân số'),
  ]);
  const campaign = new Set(['A', 'B', 'C', 'D', 'E', 'F', 'K', 'L']);
  const status = (code: string) => lineageOf(table, code, campaign).status;
  const issues = (code: string) =>
    lineageOf(table, code, campaign).predecessors.map((p) => [p.oldCode, p.issue]);

  it('is exact when every predecessor went in whole, unsplit, and was rated', () => {
    expect(status('N1')).toBe('exact');
    expect(issues('N1')).toEqual([
      ['A', null],
      ['B', null],
    ]);
  });

  it('is not when a predecessor went in only in part', () => {
    expect(status('N2')).toBe('not_comparable');
    expect(issues('N2')).toEqual([
      ['C', null],
      ['D', 'part'],
    ]);
  });

  it('is not when an old unit was split among new units, even in whole rows', () => {
    expect(status('N3')).toBe('not_comparable');
    expect(status('N4')).toBe('not_comparable');
    expect(issues('N3')).toEqual([['E', 'part']]);
    // "Nhập toàn bộ" into two new units: the table contradicts itself; never exact.
    expect(status('N7')).toBe('not_comparable');
    expect(issues('N8')).toEqual([['K', 'split']]);
    expect(lineageOf(table, 'N7', campaign).predecessors[0]?.split).toBe(true);
  });

  it('is not when a predecessor is outside the old campaign', () => {
    expect(status('N5')).toBe('not_comparable');
    expect(issues('N5')).toEqual([
      ['F', null],
      ['G', 'outside'],
    ]);
    expect(lineageOf(table, 'N5', campaign).predecessors[1]?.inPrevious).toBe(false);
  });

  it('has no previous data when no predecessor was rated, or none is listed', () => {
    expect(status('N6')).toBe('none');
    expect(issues('N6')).toEqual([['H', 'outside']]);
    expect(status('N9')).toBe('none');
    expect(status('N-unknown')).toBe('none');
    expect(lineageOf(table, 'N-unknown', campaign).predecessors).toEqual([]);
  });

  it('takes one old unit listed twice for a new unit as one predecessor, by its weaker transfer', () => {
    expect(issues('N10')).toEqual([['L', 'part']]);
    expect(status('N10')).toBe('not_comparable');
  });

  it('reads the published rows for Tân Hưng, Minh Đức, Tân Khai, Tân Quan and Bình Long', () => {
    const official = lineageTable(mergerRows());
    const hq2023 = new Set(
      ['25345', '25327', '25330', '25339', '25348', '25349', '25342', '25351', '25438'].concat([
        '25357',
        '25360',
        '25361',
        '25354',
      ]),
    );
    const of = (code: string) => lineageOf(official, code, hq2023);
    expect(of('25345')).toMatchObject({
      status: 'exact',
      predecessors: [
        { oldCode: '25327', oldName: 'Xã Thanh An' },
        { oldCode: '25330', oldName: 'Xã An Khương' },
        { oldCode: '25345', oldName: 'Xã Tân Hưng' },
      ],
    });
    expect(of('25349').status).toBe('exact');
    expect(of('25357').status).toBe('exact');
    expect(of('25351').status).toBe('not_comparable');
    expect(of('25351').predecessors.map((p) => [p.oldName, p.issue])).toEqual([
      ['Xã Tân Lợi', null],
      ['Xã Phước An', null],
      ['Xã Tân Quan', null],
      ['Xã Quang Minh', 'outside'],
    ]);
    expect(of('25326').status).toBe('not_comparable');
    expect(
      of('25326')
        .predecessors.filter((p) => p.inPrevious)
        .map((p) => p.oldCode),
    ).toEqual(['25354']);
  });
});

describe('pooling the counts of old units as one', () => {
  it('sums answer and form counts of the members only, under the new code', () => {
    const a = { questionnaireId: 'P', questionId: 'q1', groupCode: 'G', option: 'A' };
    const counts = {
      answers: [
        { ...a, unitCode: 'X', n: 2 },
        { ...a, unitCode: 'Y', n: 3 },
        { ...a, unitCode: 'Y', option: 'E', n: 1 },
        { ...a, unitCode: 'Z', n: 7 },
      ],
      forms: [
        { unitCode: 'X', criterion: 'c', groupCode: 'G', n: 2 },
        { unitCode: 'Y', criterion: 'c', groupCode: 'G', n: 3 },
        { unitCode: 'Z', criterion: 'c', groupCode: 'G', n: 7 },
      ],
    };
    expect(poolCounts(counts, ['X', 'Y'], 'N')).toEqual({
      answers: [
        { ...a, unitCode: 'N', n: 5 },
        { ...a, unitCode: 'N', option: 'E', n: 1 },
      ],
      forms: [{ unitCode: 'N', criterion: 'c', groupCode: 'G', n: 5 }],
    });
  });
});
