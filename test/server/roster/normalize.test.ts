import { describe, expect, it } from 'vitest';
import {
  capitalizeName,
  cleanText,
  foldKey,
  normalizeEmail,
  normalizePhone,
  similarity,
} from '../../../server/roster/normalize';

describe('cleanText', () => {
  it('composes to NFC, drops zero-width characters, trims and collapses spaces', () => {
    const decomposed = 'Lê Quốc'.normalize('NFD'); // as some keyboards and Macs type it
    expect(decomposed).not.toBe('Lê Quốc'.normalize('NFC'));
    expect(cleanText(`  ${decomposed}\u00A0\u200B Long \t `)).toBe('Lê Quốc Long'.normalize('NFC'));
    expect(cleanText(undefined)).toBe('');
  });
});

describe('foldKey', () => {
  it.each([
    ['Phòng Tài chính – Kế hoạch', 'phong tai chinh ke hoach'],
    ['phong tai chinh - ke hoach', 'phong tai chinh ke hoach'],
    ['ĐB HĐND huyện', 'db hdnd huyen'],
    ['Phòng GD&ĐT', 'phong gd va dt'],
    ['  UBND   xã  Đồng Nơ ', 'ubnd xa dong no'],
  ])('%s → %s', (raw, key) => expect(foldKey(raw)).toBe(key));
});

describe('capitalizeName', () => {
  it.each([
    ['LÂM HỮU HIẾU', 'Lâm Hữu Hiếu'],
    ['ĐIỂU VĂN HIẾU', 'Điểu Văn Hiếu'],
    ['nguyễn thị phương', 'Nguyễn Thị Phương'],
    ['  Dương Đình  Sơn ', 'Dương Đình Sơn'],
    // Mixed case is the office's choice: kept as typed.
    ["Điểu K'Lang", "Điểu K'Lang"],
    ['Nguyễn văn A', 'Nguyễn văn A'],
  ])('%s → %s', (raw, name) => expect(capitalizeName(raw)).toBe(name));
});

describe('normalizePhone', () => {
  it.each([
    ["'0992651967", '0992651967'],
    ['0928.869.429', '0928869429'],
    ['+84961859629', '0961859629'],
    ['0969 882 092', '0969882092'],
    ['84 912 345 678', '0912345678'],
    ['(+84) 912-345-678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['0271 3645 123', '02713645123'],
  ])('%s → %s', (raw, phone) =>
    expect(normalizePhone(raw)).toEqual({ ok: true, phone, fixed: false }),
  );

  it('puts back the leading zero Excel drops from a number cell, and says so', () => {
    expect(normalizePhone('912345678')).toEqual({ ok: true, phone: '0912345678', fixed: true });
  });

  it.each([
    ['091234567', 'format'],
    ['09123456789', 'format'],
    ['1900 1234', 'format'],
    ['không có', 'format'],
    ['0912345678 / 0987654321', 'multiple'],
    ['0912.345.678; 0987.654.321', 'multiple'],
  ])('%s is not one valid number (%s)', (raw, reason) =>
    expect(normalizePhone(raw)).toEqual({ ok: false, reason }),
  );

  it('reads an empty cell as no phone', () => {
    expect(normalizePhone('  ')).toBeNull();
    expect(normalizePhone("'")).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and drops mailto:', () => {
    expect(normalizeEmail(' MailTo:User20234@HonQuan.BinhPhuoc.gov.vn ')).toEqual({
      ok: true,
      email: 'user20234@honquan.binhphuoc.gov.vn',
    });
  });
  it.each(['user@', 'user@host', 'a b@c.vn', 'a@b.vn; c@d.vn'])('rejects %s', (raw) =>
    expect(normalizeEmail(raw)).toEqual({ ok: false }),
  );
  it('reads an empty cell as no e-mail', () => expect(normalizeEmail('')).toBeNull());
});

describe('similarity', () => {
  it('is 1 for equal keys, high for near misses and contained words, low otherwise', () => {
    expect(similarity('noi vu', 'noi vu')).toBe(1);
    expect(similarity('ngoai vu', 'noi vu')).toBeCloseTo(0.75);
    expect(similarity('tai chinh', 'tai chinh ke hoach')).toBeGreaterThan(0.8);
    expect(similarity('y te', 'dan toc')).toBeLessThan(0.5);
  });
});
