import QRCode from 'qrcode';
import {
  SLIP_LAYOUTS,
  type SlipLayout,
  slipPageCount,
} from '../../contract/console/invitation-list';
import { escapeHtml, printButton } from '../html';
import { publicUrlBanner } from '../public-url';

const count = (n: number) => n.toLocaleString('vi-VN');

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

/**
 * The mask each link's QR code chose, kept so that printing the same slips again skips the choice:
 * choosing (eight masks tried and scored) is four fifths of a code's cost, about 0.5 ms, so 5,000
 * slips print in a fifth of the time the second time. Bounded: the oldest are forgotten first.
 */
const masks = new Map<string, number>();
const MASKS_KEPT = 20_000;

function qrModules(text: string) {
  const known = masks.get(text);
  const qr = QRCode.create(text, {
    errorCorrectionLevel: 'M',
    ...(known === undefined ? {} : { maskPattern: known as QRCode.QRCodeMaskPattern }),
  });
  if (known === undefined) {
    if (masks.size >= MASKS_KEPT) masks.delete(masks.keys().next().value as string);
    if (qr.maskPattern !== undefined) masks.set(text, qr.maskPattern);
  }
  return qr.modules;
}

/**
 * A QR code as an inline SVG path: crisp when printed, no image files to manage. Each horizontal
 * run of dark modules is one stroke a module high along the row's middle ("M12 7.5h3"), read
 * straight off the module array: 5,000 slips are a page of thousands of codes, and the drawing,
 * not the code, was most of their time (`npm run bench`, the province section).
 */
export function qrSvg(text: string): string {
  const { size: n, data } = qrModules(text);
  const runs: string[] = [];
  for (let y = 0; y < n; y++) {
    const row = y * n;
    for (let x = 0; x < n; x++) {
      if (!data[row + x]) continue;
      const start = x;
      while (x + 1 < n && data[row + x + 1]) x++;
      runs.push(`M${start + 2} ${y + 2.5}h${x - start + 1}`);
    }
  }
  return `<svg class="qr" viewBox="0 0 ${n + 4} ${n + 4}" role="img" aria-label="Mã QR" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${runs.join('')}" stroke="#000"/></svg>`;
}

// Each unit starts a page under its heading (about 8 mm); the slips fill the other 264 mm of an
// A4 page's 277: 8 per page in 2 × 4 rows of 66 mm, 4 in 2 × 2 of 132 mm, 1 of 264 mm. So
// slipPageCount (contract/console/invitation-list.ts) is the number of sheets printed.
const STYLE = `
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
.none { padding: 12px; }
body { font: 11pt/1.35 "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #000; }
.bar { padding: 12px; background: #eef3f8; display: flex; gap: 8px 16px; align-items: center; flex-wrap: wrap; }
.bar h1 { font-size: inherit; margin: 0; }
.bar button { font: inherit; padding: 8px 16px; }
.bar nav a, .bar nav strong { padding: 4px 8px; }
h2 { font-size: 13pt; line-height: 1.35; margin: 8mm 0 2mm; break-after: avoid; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0; }
.slip { border: 1px dashed #666; padding: 4mm; height: 66mm; display: grid; grid-template-columns: 38mm 1fr; gap: 4mm; break-inside: avoid; overflow: hidden; }
.qr { width: 38mm; height: 38mm; }
.who { font-weight: 700; font-size: 12pt; overflow-wrap: anywhere; }
.meta { font-size: 9.5pt; overflow-wrap: anywhere; }
.code { font: 700 13pt/1.2 monospace; letter-spacing: 1px; margin-top: 2mm; }
.link { font: 8pt/1.2 monospace; overflow-wrap: anywhere; margin-top: 1mm; }
.how { grid-column: 1 / -1; font-size: 9pt; margin: 0; }
.l4 .slip { height: 132mm; display: flex; flex-direction: column; align-items: center; gap: 3mm; text-align: center; padding: 5mm; }
.l4 .qr { width: 50mm; height: 50mm; flex: none; }
.l4 .who { font-size: 13pt; }
.l4 .meta { font-size: 10pt; }
.l4 .how { font-size: 9pt; text-align: left; margin-top: auto; }
.l1 .grid { grid-template-columns: 1fr; }
.l1 .slip { height: 264mm; display: flex; flex-direction: column; align-items: center; gap: 8mm; text-align: center; padding: 12mm; }
.l1 .qr { width: 100mm; height: 100mm; flex: none; }
.l1 .who { font-size: 20pt; }
.l1 .meta { font-size: 14pt; }
.l1 .code { font-size: 22pt; margin-top: 6mm; }
.l1 .link { font-size: 11pt; }
.l1 .how { font-size: 13pt; text-align: left; margin-top: auto; }
@media print { .bar { display: none; } h2 { margin-top: 0; } section + section { break-before: page; } }
@media screen and (max-width: 640px) { .grid { grid-template-columns: 1fr; } .slip { height: auto; min-height: 66mm; } }
`;

export type UnitSlip = Slip & { unitKey: string };

/**
 * The printable A4 page of QR slips, grouped by unit (each unit on a new page), `layout` per page
 * (1, 4 or 8); each with the person's name, group and unit, the QR code, the link, the short code
 * and how to answer. The bar above (not printed) says how many sheets it makes and links to the
 * other layouts (`layoutHref`).
 */
export function slipsPage(opts: {
  campaignName: string;
  home: string;
  slips: UnitSlip[];
  layout: SlipLayout;
  layoutHref: (layout: SlipLayout) => string;
}): string {
  const byUnit = new Map<string, UnitSlip[]>();
  for (const s of opts.slips) {
    const list = byUnit.get(s.unitKey);
    if (list) list.push(s);
    else byUnit.set(s.unitKey, [s]);
  }
  const pages = slipPageCount(
    [...byUnit.values()].map((l) => l.length),
    opts.layout,
  );
  const home = escapeHtml(opts.home);
  const sections = [...byUnit.entries()]
    .map(
      ([unit, slips]) =>
        `<section><h2>${escapeHtml(unit)} — ${count(slips.length)} phiếu</h2><div class="grid">${slips
          .map(
            (s) => `<article class="slip">${qrSvg(s.link)}<div>
<div class="who">${escapeHtml(s.name)}</div>
<div class="meta">${escapeHtml(s.group)}</div>
<div class="meta">${escapeHtml(s.unit)}</div>
<div class="code">Mã: ${escapeHtml(s.shortCode)}</div>
<div class="link">${escapeHtml(s.link)}</div></div>
<p class="how">1. Quét mã QR bằng camera điện thoại (hoặc Zalo) để mở phiếu khảo sát của Ông/Bà.<br>
2. Hoặc vào ${home} và nhập mã trên. Phiếu không ghi họ tên; mỗi mã chỉ gửi được một lần.</p></article>`,
          )
          .join('')}</div></section>`,
    )
    .join('');
  const layouts = SLIP_LAYOUTS.map((l) =>
    l === opts.layout
      ? `<strong aria-current="page">${l}</strong>`
      : `<a href="${escapeHtml(opts.layoutHref(l))}">${l}</a>`,
  ).join(' ');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phiếu mời khảo sát — ${escapeHtml(opts.campaignName)}</title><style>${STYLE}</style></head><body class="l${opts.layout}">
${publicUrlBanner(opts.home)}<header class="bar"><h1>${escapeHtml(opts.campaignName)}</h1><span class="count">${count(opts.slips.length)} phiếu mời, ${count(pages)} trang A4</span>
<nav aria-label="Số phiếu mỗi trang">Số phiếu mỗi trang: ${layouts}</nav>${printButton()}</header>
<main>${sections || '<p class="none">Không có phiếu mời nào phù hợp.</p>'}</main></body></html>`;
}
