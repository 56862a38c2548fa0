import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSvg } from '../../server/invitations/slips';

/** The dark modules an SVG of qrSvg draws: one stroke a module high per "M x y.5 h w". */
function drawn(svg: string): { size: number; dark: Set<string> } {
  const box = /viewBox="0 0 (\d+) \1"/.exec(svg);
  const path = /<path d="([^"]*)" stroke="#000"\/>/.exec(svg);
  if (!box || !path) throw new Error(`not a QR slip SVG: ${svg.slice(0, 200)}`);
  const dark = new Set<string>();
  for (const m of (path[1] ?? '').matchAll(/M(\d+) (\d+)\.5h(\d+)/g)) {
    const [x, y, w] = [Number(m[1]) - 2, Number(m[2]) - 2, Number(m[3])];
    for (let i = 0; i < w; i++) dark.add(`${y},${x + i}`);
  }
  return { size: Number(box[1]) - 4, dark };
}

describe('a QR code on a printed slip', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i))(
    'draws exactly the dark modules of the code, with its 2-module quiet zone (link %i)',
    (i) => {
      const link = `https://khaosat.dongnai.gov.vn/s/${randomBytes(24 + (i % 16)).toString('base64url')}`;
      const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' });
      const expected = new Set<string>();
      for (let y = 0; y < modules.size; y++)
        for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) expected.add(`${y},${x}`);
      // Twice: the second time with the mask remembered from the first.
      for (const svg of [qrSvg(link), qrSvg(link)]) {
        const { size, dark } = drawn(svg);
        expect(size).toBe(modules.size);
        expect(dark).toEqual(expected);
        expect(svg).toContain('shape-rendering="crispEdges"');
      }
    },
  );
});
