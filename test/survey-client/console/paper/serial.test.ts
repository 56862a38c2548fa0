import { describe, expect, it } from 'vitest';
import { formatSerial, newSerial, parseSerial } from '../../../../server/paper/serial';
import { checkSerial } from '../../../../survey-client/console/paper/serial';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

describe('the serial check in the browser agrees with the server', () => {
  it('accepts every serial the server makes, however it is typed', () => {
    for (let i = 0; i < 500; i++) {
      const s = newSerial();
      const printed = formatSerial(s);
      expect(checkSerial(printed)).toEqual({ ok: true, serial: printed });
      expect(checkSerial(` ${s.toLowerCase()} `)).toEqual({ ok: true, serial: printed });
    }
  });

  it('refuses exactly what the server refuses: one wrong character, two swapped', () => {
    for (let i = 0; i < 300; i++) {
      const s = newSerial();
      const pos = i % 9;
      const wrong = ALPHABET[(ALPHABET.indexOf(s[pos] ?? '') + 1 + (i % 29)) % ALPHABET.length];
      const typo = s.slice(0, pos) + wrong + s.slice(pos + 1);
      expect(checkSerial(typo).ok).toBe(parseSerial(typo) !== null);
      expect(checkSerial(typo).ok).toBe(false);
      const j = i % 8;
      const swapped = s.slice(0, j) + s[j + 1] + s[j] + s.slice(j + 2);
      expect(checkSerial(swapped).ok).toBe(parseSerial(swapped) !== null);
    }
  });

  it('says why in Vietnamese, and recognises a stub code typed here by mistake', () => {
    expect(checkSerial('')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Hãy nhập số phiếu'),
    });
    expect(checkSerial('K7QM-4X2P')).toMatchObject({
      ok: false,
      message: expect.stringContaining('mã phiếu giấy trên cuống phiếu'),
    });
    expect(checkSerial('K7QM-4X2P-0')).toMatchObject({
      ok: false,
      message: expect.stringContaining('không có ký tự 0'),
    });
    expect(checkSerial('K7Q')).toMatchObject({
      ok: false,
      message: expect.stringContaining('9 ký tự'),
    });
  });
});
