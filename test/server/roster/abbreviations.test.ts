import { describe, expect, it } from 'vitest';
import { readings, toneKey } from '../../../server/roster/abbreviations';

const read = (raw: string, mode: 'accent' | 'fold' = 'fold') =>
  readings(raw, mode).map((r) => r.join(' '));

describe('readings', () => {
  it.each([
    ['Lãnh đạo UBND xã', 'ld ubnd xa'],
    ['LĐ Ủy ban nhân dân X.Tân Hưng', 'ld ubnd xa tan hung'],
    ['lanh dao uy ban nhan dan xa', 'ld ubnd xa'],
    ['ĐB HĐND tỉnh', 'db hdnd tinh'],
    ['Đại biểu Hội đồng nhân dân tỉnh', 'db hdnd tinh'],
    ['TTPVHCC', 'trung tam pv hcc'],
    ['Trung tâm Phục vụ hành chính công', 'trung tam pv hcc'],
    ['BQL các KCN', 'ban ql cac kcn'],
    ['Văn phòng HĐND & UBND', 'vp hdnd va ubnd'],
  ])('%s → %s', (raw, reading) => expect(read(raw)).toEqual([reading]));

  it('reads a word with several meanings every way', () => {
    expect(read('P. Bình Long')).toEqual(['phong binh long', 'phuong binh long']);
    expect(read('TT Tân Khai')).toEqual([
      'thi tran tan khai',
      'trung tam tan khai',
      'thanh tra tan khai',
    ]);
  });

  it('keeps diacritics in accent mode, but takes a dictionary word typed without them', () => {
    expect(read('Xã Tân Hưng', 'accent')).toEqual([`xa ${toneKey('tân')} ${toneKey('hưng')}`]);
    expect(read('xa tan hung', 'accent')).toEqual(['xa tan hung']);
    // "Vân Phong" is a name, not "văn phòng"; typed without diacritics it could be either.
    expect(read('Xã Vân Phong', 'accent')[0]).not.toContain('vp');
    expect(read('xa van phong', 'accent')).toEqual(['xa vp']);
  });

  it('reads nothing from a cell with too many readings, so nothing is guessed from it', () => {
    expect(read('P. P. P. P. P.')).toEqual([]);
    expect(read('  ')).toEqual([]);
  });
});

describe('toneKey', () => {
  it('reads old and new tone placement alike, and tells tones apart', () => {
    expect(toneKey('hoà')).toBe(toneKey('hòa'));
    expect(toneKey('uỷ')).toBe(toneKey('ủy'));
    expect(toneKey('hưng')).not.toBe(toneKey('hùng'));
    expect(toneKey('thành')).not.toBe(toneKey('thạnh'));
  });
});
