import QRCode from 'qrcode';
import { qrMatrix } from './qr-matrix';

// Level M survives a crease or a smudge on a printed slip and keeps a 60-character link small.
// The PNG files of the CLI come from the qrcode package; every printed page draws with qrSvg.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export function qrPng(text: string, width = 480): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width });
}

/** The modules of the code being drawn (version 40 is the largest: 177 × 177). */
const modules = new Uint8Array(177 * 177);

/**
 * A QR code as an inline SVG path: crisp when printed, no image files to manage. Each horizontal
 * run of dark modules is one stroke a module high along the row's middle, moved to relative to
 * the end of the run before ("m3 0h2": a page of 5,000 codes is a third smaller than with absolute
 * moves). The code comes from qr-matrix.ts, fast enough for a province's slips in one page.
 */
export function qrSvg(text: string): string {
  const { size: n, data } = qrMatrix(text, modules);
  let d = '';
  let penX = 0;
  let penY = 0;
  for (let y = 0; y < n; y++) {
    const row = y * n;
    for (let x = 0; x < n; x++) {
      if (!data[row + x]) continue;
      const start = x;
      while (x + 1 < n && data[row + x + 1]) x++;
      d += d
        ? `m${start - penX} ${y - penY}h${x - start + 1}`
        : `M${start + 2} ${y + 2.5}h${x - start + 1}`;
      penX = x + 1;
      penY = y;
    }
  }
  // A file of its own too (the CLI's `links --qr`): the namespace, and white under the code.
  return `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ${n + 4} ${n + 4}" role="img" aria-label="Mã QR" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" stroke="#000"/></svg>`;
}
