import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSvg } from '../../server/invitations/qr';

/**
 * The dark modules an SVG of qrSvg draws, read back by walking its path: "M x y.5" then strokes
 * "h w" a module high, each next run reached by a relative "m dx dy".
 */
function drawn(svg: string): { size: number; dark: Set<string> } {
  const box = /viewBox="0 0 (\d+) \1"/.exec(svg);
  const path = /<path d="([^"]*)" stroke="#000"\/>/.exec(svg);
  if (!box || !path) throw new Error(`not a QR slip SVG: ${svg.slice(0, 200)}`);
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of (path[1] ?? '').matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) dark.add(`${y - 2.5},${x - 2 + i}`);
      x += Number(a);
    }
  }
  return { size: Number(box[1]) - 4, dark };
}

describe('a QR code on a printed slip', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i))(
    'draws exactly the dark modules of the code, with its 2-module quiet zone (link %i)',
    (i) => {
      const link = `https://khaosat.dongnai.gov.vn/s/${randomBytes(24 + (i % 16)).toString('base64url')}`;
      const { modules } = QRCode.create([{ data: Buffer.from(link), mode: 'byte' }], {
        errorCorrectionLevel: 'M',
      });
      const expected = new Set<string>();
      for (let y = 0; y < modules.size; y++)
        for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) expected.add(`${y},${x}`);
      const svg = qrSvg(link);
      const { size, dark } = drawn(svg);
      expect(size).toBe(modules.size);
      expect(dark).toEqual(expected);
      expect(svg).toContain('shape-rendering="crispEdges"');
    },
  );
});
