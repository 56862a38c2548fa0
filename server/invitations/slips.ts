import {
  SLIP_ARRANGEMENT_NAMES,
  SLIP_ARRANGEMENTS,
  SLIP_LAYOUTS,
  type SlipArrangement,
  type SlipLayout,
  slipPageCount,
} from '../../contract/console/invitation-list';
import { escapeHtml, printButton } from '../html';
import { publicUrlBanner } from '../public-url';
import { qrSvg } from './qr';

const count = (n: number) => n.toLocaleString('vi-VN');

export interface Slip {
  name: string;
  group: string;
  unit: string;
  link: string;
  shortCode: string;
}

// An A4 page's 277 mm of height hold the slips in rows: 8 per page in 2 × 4 rows of 66 mm, 4 in
// 2 × 2 of 132 mm, 1 of 264 mm (with `unit-pages`, the unit's heading takes the 13 mm left). So
// slipPageCount (contract/console/invitation-list.ts) is the number of sheets printed.
//
// A province prints 5,000 slips at once: the page is sent in blocks of BLOCK slips (a whole
// number of pages), each `content-visibility: auto`, so the browser lays out and draws only the
// blocks on screen (the 5,000-slip page is ready four times sooner) and all of them when
// printing.
const BLOCK = 64;
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
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0; content-visibility: auto; contain-intrinsic-size: auto 2112mm; }
.l4 .grid { contain-intrinsic-size: auto 4224mm; }
.l1 .grid { contain-intrinsic-size: auto 16896mm; }
section { content-visibility: auto; contain-intrinsic-size: auto 277mm; }
section .grid { content-visibility: visible; }
.slip { border: 1px dashed #666; padding: 4mm; height: 66mm; display: grid; grid-template-columns: 38mm 1fr; grid-template-rows: auto 1fr; gap: 2mm 4mm; break-inside: avoid; overflow: hidden; }
.mark { font-weight: 700; font-size: 9pt; line-height: 1.2; border-bottom: 1.5pt solid #000; padding-bottom: 0.5mm; margin-bottom: 1mm; overflow-wrap: anywhere; }
.qr { width: 38mm; height: 38mm; background: #fff; }
.who { font-weight: 700; font-size: 12pt; overflow-wrap: anywhere; }
.meta { font-size: 9.5pt; overflow-wrap: anywhere; }
.code { font: 700 13pt/1.2 monospace; letter-spacing: 1px; margin-top: 2mm; }
.link { font: 8pt/1.2 monospace; overflow-wrap: anywhere; margin-top: 1mm; }
.how { grid-column: 1 / -1; font-size: 9pt; margin: 0; align-self: end; }
.l4 .slip { height: 132mm; display: flex; flex-direction: column; align-items: center; gap: 3mm; text-align: center; padding: 5mm; }
.l4 .mark { align-self: stretch; text-align: left; font-size: 10pt; }
.l4 .qr { width: 50mm; height: 50mm; flex: none; }
.l4 .who { font-size: 13pt; }
.l4 .meta { font-size: 10pt; }
.l4 .how { font-size: 9pt; text-align: left; margin-top: auto; }
.l1 .grid { grid-template-columns: 1fr; }
.l1 .slip { height: 264mm; display: flex; flex-direction: column; align-items: center; gap: 8mm; text-align: center; padding: 12mm; }
.l1 .mark { align-self: stretch; text-align: left; font-size: 12pt; }
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

interface SlipsPageOptions {
  campaignName: string;
  home: string;
  slips: UnitSlip[];
  layout: SlipLayout;
  arrange: SlipArrangement;
  /** The address of the same page with another layout or arrangement. */
  href: (change: { layout?: SlipLayout; arrange?: SlipArrangement }) => string;
}

/**
 * The printable A4 page of QR slips, in parts to send as they are made (`slipsPage` joins them):
 * `layout` per page (1, 4 or 8), arranged by `arrange` (contract/console/invitation-list.ts), each
 * with the person's name, group and unit, the QR code, the short code, the link (not at 8 per
 * page: nobody types it, the code is shorter) and how to answer. The bar above (not printed)
 * says how many sheets it makes and links to the other layouts and arrangements.
 */
export function* slipsPageParts(opts: SlipsPageOptions): Generator<string> {
  const byUnit = new Map<string, UnitSlip[]>();
  for (const s of opts.slips) {
    const list = byUnit.get(s.unitKey);
    if (list) list.push(s);
    else byUnit.set(s.unitKey, [s]);
  }
  const pages = slipPageCount(
    [...byUnit.values()].map((l) => l.length),
    opts.layout,
    opts.arrange,
  );
  const home = escapeHtml(opts.home);
  const heading = (unit: string, n: number) => `${escapeHtml(unit)} — ${count(n)} phiếu`;
  // Eight to a page, the unit's mark heads the text beside the QR code (a row of its own would
  // push the instructions off the slip); larger slips have room for it above the code.
  const eight = opts.layout === 8;
  const slip = (
    s: UnitSlip,
    mark: string,
  ) => `<article class="slip">${eight ? '' : mark}${qrSvg(s.link)}<div>${eight ? mark : ''}
<div class="who">${escapeHtml(s.name)}</div>
<div class="meta">${escapeHtml(s.group)}</div>
<div class="meta">${escapeHtml(s.unit)}</div>
<div class="code">Mã: ${escapeHtml(s.shortCode)}</div>${eight ? '' : `\n<div class="link">${escapeHtml(s.link)}</div>`}</div>
<p class="how">1. Quét mã QR bằng camera điện thoại (hoặc Zalo) để mở phiếu khảo sát của Ông/Bà.<br>
2. Hoặc vào ${home} và nhập mã trên. Phiếu không ghi họ tên; mỗi mã chỉ gửi được một lần.</p></article>`;
  const choice = <T extends string | number>(
    label: string,
    values: readonly T[],
    current: T,
    name: (v: T) => string,
    href: (v: T) => string,
  ) =>
    `<nav aria-label="${label}">${label}: ${values
      .map((v) =>
        v === current
          ? `<strong aria-current="page">${name(v)}</strong>`
          : `<a href="${escapeHtml(href(v))}">${name(v)}</a>`,
      )
      .join(' ')}</nav>`;
  yield `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phiếu mời khảo sát — ${escapeHtml(opts.campaignName)}</title><style>${STYLE}</style></head><body class="l${opts.layout}">
${publicUrlBanner(opts.home)}<header class="bar"><h1>${escapeHtml(opts.campaignName)}</h1><span class="count">${count(opts.slips.length)} phiếu mời, ${count(pages)} trang A4</span>
${choice('Số phiếu mỗi trang', SLIP_LAYOUTS, opts.layout, String, (layout) => opts.href({ layout }))}
${choice(
  'Cách xếp',
  SLIP_ARRANGEMENTS,
  opts.arrange,
  (a) => SLIP_ARRANGEMENT_NAMES[a],
  (arrange) => opts.href({ arrange }),
)}${printButton()}</header>
<main>`;
  if (opts.slips.length === 0) yield '<p class="none">Không có phiếu mời nào phù hợp.</p>';
  else if (opts.arrange === 'unit-pages') {
    for (const [unit, slips] of byUnit) {
      yield `<section><h2>${heading(unit, slips.length)}</h2><div class="grid">${slips
        .map((s) => slip(s, ''))
        .join('')}</div></section>`;
    }
  } else {
    let block: string[] = [];
    let last: string | undefined;
    for (const s of opts.slips) {
      const first = opts.arrange === 'units' && s.unitKey !== last;
      last = s.unitKey;
      block.push(
        slip(
          s,
          first
            ? `<div class="mark">${heading(s.unitKey, byUnit.get(s.unitKey)?.length ?? 0)}</div>`
            : '',
        ),
      );
      if (block.length === BLOCK) {
        yield `<div class="grid">${block.join('')}</div>`;
        block = [];
      }
    }
    if (block.length) yield `<div class="grid">${block.join('')}</div>`;
  }
  yield '</main></body></html>';
}

/** The whole page at once (slipsPageParts joined). */
export const slipsPage = (opts: SlipsPageOptions): string => [...slipsPageParts(opts)].join('');
