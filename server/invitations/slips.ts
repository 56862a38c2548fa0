import QRCode from 'qrcode';
import { escapeHtml, printButton } from '../html';

export interface Slip {
  name: string;
  group: string;
  unit: string;
  link: string;
  shortCode: string;
}

/** The Vietnamese message an officer pastes into Zalo, SMS or an e-mail. */
export function inviteMessage(
  s: Slip,
  campaignName: string,
  deadline: string | null,
  home: string,
): string {
  return [
    `Kính gửi ${s.name},`,
    `Phòng Nội vụ trân trọng mời Ông/Bà tham gia ${campaignName}.`,
    `Ông/Bà vui lòng mở đường dẫn cá nhân sau để trả lời${deadline ? ` trước ${deadline}` : ''}: ${s.link}`,
    `(hoặc vào ${home} và nhập mã ${s.shortCode}).`,
    'Phiếu không ghi họ tên; câu trả lời không thể truy ra người trả lời. Xin cảm ơn!',
  ].join('\n');
}

/** A QR code as an inline SVG path: crisp when printed, no image files to manage. */
function qrSvg(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  // One rectangle per horizontal run of dark modules: a third of the size of one per module.
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      const start = x;
      while (x + 1 < n && qr.modules.get(y, x + 1)) x++;
      d += `M${start + 2} ${y + 2}h${x - start + 1}v1h-${x - start + 1}z`;
    }
  }
  return `<svg class="qr" viewBox="0 0 ${n + 4} ${n + 4}" role="img" aria-label="Mã QR"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

const STYLE = `
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
.none { padding: 12px; }
body { font: 11pt/1.35 "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #000; }
.bar { padding: 12px; background: #eef3f8; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.bar h1 { font-size: inherit; margin: 0; }
.bar button { font: inherit; padding: 8px 16px; }
h2 { font-size: 13pt; margin: 8mm 0 2mm; break-after: avoid; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0; }
.slip { border: 1px dashed #666; padding: 4mm; height: 68mm; display: grid; grid-template-columns: 38mm 1fr; gap: 4mm; break-inside: avoid; overflow: hidden; }
.qr { width: 38mm; height: 38mm; }
.who { font-weight: 700; font-size: 12pt; overflow-wrap: anywhere; }
.meta { font-size: 9.5pt; overflow-wrap: anywhere; }
.code { font: 700 13pt/1.2 monospace; letter-spacing: 1px; margin-top: 2mm; }
.link { font: 8pt/1.2 monospace; overflow-wrap: anywhere; margin-top: 1mm; }
.how { grid-column: 1 / -1; font-size: 9pt; margin: 0; }
@media print { .bar { display: none; } h2 { margin-top: 0; } section + section { break-before: page; } }
@media screen and (max-width: 640px) { .grid { grid-template-columns: 1fr; } }
`;

/**
 * The printable A4 page of QR slips: eight per page, grouped and sorted by unit; each with the
 * person's name, group and unit, the QR code, the link, the short code and how to answer.
 */
export function slipsPage(opts: {
  campaignName: string;
  home: string;
  slips: (Slip & { unitKey: string })[];
}): string {
  const byUnit = new Map<string, (Slip & { unitKey: string })[]>();
  for (const s of opts.slips) {
    const list = byUnit.get(s.unitKey);
    if (list) list.push(s);
    else byUnit.set(s.unitKey, [s]);
  }
  const sections = [...byUnit.entries()]
    .map(
      ([unit, slips]) =>
        `<section><h2>${escapeHtml(unit)} — ${slips.length} phiếu</h2><div class="grid">${slips
          .map(
            (s) => `<article class="slip">${qrSvg(s.link)}<div>
<div class="who">${escapeHtml(s.name)}</div>
<div class="meta">${escapeHtml(s.group)}</div>
<div class="meta">${escapeHtml(s.unit)}</div>
<div class="code">Mã: ${escapeHtml(s.shortCode)}</div>
<div class="link">${escapeHtml(s.link)}</div></div>
<p class="how">1. Quét mã QR bằng camera điện thoại (hoặc Zalo) để mở phiếu khảo sát của Ông/Bà.<br>
2. Hoặc vào ${escapeHtml(opts.home)} và nhập mã trên. Phiếu không ghi họ tên; mỗi mã chỉ gửi được một lần.</p></article>`,
          )
          .join('')}</div></section>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phiếu mời khảo sát — ${escapeHtml(opts.campaignName)}</title><style>${STYLE}</style></head><body>
<header class="bar"><h1>${escapeHtml(opts.campaignName)}</h1><span>${opts.slips.length} phiếu mời</span>${printButton()}</header>
<main>${sections || '<p class="none">Không có phiếu mời nào phù hợp.</p>'}</main></body></html>`;
}
