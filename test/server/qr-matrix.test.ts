import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from '../../server/invitations/qr-matrix';

/** A fixed sequence of texts, so a failure names the same text every run. */
function textOf(length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/:.';
  let s = '';
  let x = seed * 2654435761 + length;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += alphabet[x % alphabet.length];
  }
  return s;
}

/** What the `qrcode` package makes of `text` in byte mode at level M: the reference. */
function reference(text: string) {
  const qr = QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  return { version: qr.version, mask: qr.maskPattern, data: Uint8Array.from(qr.modules.data) };
}

// Byte-mode capacity at level M ends at 14, 26, 42, … 2331 bytes: lengths that land on every
// version, at its first and last length, and a few between.
const LENGTHS = [
  1, 14, 15, 26, 27, 42, 43, 62, 63, 84, 85, 106, 107, 122, 123, 152, 153, 180, 181, 213, 214, 251,
  252, 287, 288, 331, 332, 362, 363, 412, 413, 450, 451, 504, 505, 560, 561, 624, 625, 666, 667,
  711, 712, 779, 780, 857, 858, 911, 912, 997, 998, 1059, 1060, 1125, 1126, 1190, 1191, 1264, 1265,
  1370, 1371, 1452, 1453, 1538, 1539, 1628, 1629, 1722, 1723, 1809, 1810, 1911, 1912, 1989, 1990,
  2099, 2100, 2213, 2214, 2331,
];

describe('the QR codes of slips (server/invitations/qr-matrix.ts)', () => {
  it('are, module for module and mask for mask, the codes of the qrcode package on all 40 versions', () => {
    const versions = new Set<number>();
    for (const length of LENGTHS) {
      for (let seed = 0; seed < 3; seed++) {
        const text = textOf(length, seed);
        const ours = qrMatrix(text);
        const theirs = reference(text);
        versions.add(ours.version);
        expect({ length, seed, version: ours.version, mask: ours.mask }).toEqual({
          length,
          seed,
          version: theirs.version,
          mask: theirs.mask,
        });
        expect(ours.size).toBe(ours.version * 4 + 17);
        expect(Buffer.from(ours.data).equals(Buffer.from(theirs.data))).toBe(true);
      }
    }
    expect(versions.size).toBe(40);
  });

  it('choose the mask qrcode chooses on a thousand links as offices print them', () => {
    for (let i = 0; i < 1000; i++) {
      const link = `https://khaosat.dongnai.gov.vn/s/${textOf(22 + (i % 20), i)}`;
      const ours = qrMatrix(link);
      const theirs = reference(link);
      expect([link, ours.mask]).toEqual([link, theirs.mask]);
      expect(Buffer.from(ours.data).equals(Buffer.from(theirs.data))).toBe(true);
    }
  });

  it('carry text in UTF-8: a scanner reads back a link with Vietnamese letters', () => {
    const text = 'https://khảo-sát.đồngnai.vn/s/Tân-Hưng?đơn=vị';
    const { size, data } = qrMatrix(text);
    expect(Buffer.from(data).equals(Buffer.from(reference(text).data))).toBe(true);
    const scale = 6;
    const side = (size + 8) * scale;
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (!data[y * size + x]) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const at = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
            rgba.fill(0, at, at + 3);
          }
        }
      }
    }
    expect(jsQR(rgba, side, side)?.data).toBe(text);
  });

  it('refuse a text longer than the largest code holds, with an error instead of a broken code', () => {
    expect(() => qrMatrix('x'.repeat(2332))).toThrow(/too long/);
  });
});
