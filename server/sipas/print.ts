import type { PosterSize } from '../../contract/console/sipas-points';
import { CODES_PER_SHEET } from '../../contract/console/sipas-points';
import { escapeHtml, PRINT_SCRIPT } from '../html';
import { qrSvg } from '../invitations/qr';
import { publicUrlBanner } from '../public-url';
import { formatSipasCode } from './codes';

/** An address as people type it: no scheme, no trailing slash. */
export const shortAddress = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/+$/, '');

const printButton = (label: string) =>
  `<button type="button" data-print>${escapeHtml(label)}</button><script>${PRINT_SCRIPT}</script>`;

const BASE = `
* { box-sizing: border-box; }
body { font: 11pt/1.35 "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #000; }
.bar { padding: 12px; background: #eef3f8; display: flex; gap: 8px 16px; align-items: center; flex-wrap: wrap; }
.bar h1 { font-size: inherit; margin: 0; }
.bar button { font: inherit; padding: 8px 16px; }
.bar nav a, .bar nav strong { padding: 4px 8px; }
@media print { .bar, .banner { display: none; } }
`;

// A4 portrait: 297 × 210 mm with 12 mm margins; A5 is A4 scaled by 1/√2. Everything scales with --u.
const POSTER_STYLE = (size: PosterSize) => `${BASE}
@page { size: ${size} portrait; margin: ${size === 'A4' ? 12 : 8}mm; }
.poster { --u: ${size === 'A4' ? 1 : Math.SQRT1_2.toFixed(3)}; width: ${size === 'A4' ? 186 : 132}mm; height: ${size === 'A4' ? 272 : 192}mm; margin: 0 auto; display: flex; flex-direction: column; align-items: center; text-align: center; gap: calc(5mm * var(--u)); padding: calc(6mm * var(--u)); border: 1.5pt solid #000; break-inside: avoid; overflow: hidden; }
.unit { font-size: calc(15pt * var(--u)); font-weight: 700; text-transform: uppercase; letter-spacing: 0.3pt; }
.place { font-size: calc(13pt * var(--u)); margin-top: calc(-3mm * var(--u)); }
.title { font-size: calc(27pt * var(--u)); line-height: 1.2; font-weight: 800; margin: calc(3mm * var(--u)) 0 0; }
.poster .qr { width: calc(120mm * var(--u)); height: calc(120mm * var(--u)); flex: none; }
.address { font: 700 calc(24pt * var(--u))/1.15 "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.address b { white-space: nowrap; }
.how { font-size: calc(14pt * var(--u)); line-height: 1.4; text-align: left; margin: auto 0 0; }
.how li + li { margin-top: calc(2mm * var(--u)); }
.foot { font-size: calc(9.5pt * var(--u)); color: #333; }
@media screen { .poster { margin: 16px auto; box-shadow: 0 1px 6px #0003; } }
`;

/**
 * The short address as printed: a long host may break anywhere, the point's code never, and a
 * line breaks before it rather than within it («khaosat.sonoivu.dongnai.gov.vn/p/» then «ABC234»).
 */
function addressHtml(url: string): string {
  const short = shortAddress(url);
  const cut = short.lastIndexOf('/') + 1;
  return `${escapeHtml(short.slice(0, cut))}<wbr><b>${escapeHtml(short.slice(cut))}</b>`;
}

export interface PosterInput {
  size: PosterSize;
  url: string;
  unit: string;
  pointName: string;
  serviceArea: string | null;
  campaignName: string;
  publicUrl: string;
  /** About how long the form takes (answer-view.ts `minutesFor`, as the form's welcome says). */
  minutes: number | undefined;
  /** The address of this page in the other size. */
  other: string;
}

/**
 * The printable poster of a collection point (issue #14), A4 or A5: the unit, the point and its
 * service area, a large QR code of `<PUBLIC_URL>/p/<code>`, the short address printed large,
 * and two lines of instructions. The bar above (not printed) switches size and prints.
 */
export function posterPage(p: PosterInput): string {
  const other = p.size === 'A4' ? 'A5' : 'A4';
  const place = [p.pointName, p.serviceArea ? `Lĩnh vực: ${p.serviceArea}` : '']
    .filter(Boolean)
    .map(escapeHtml)
    .join(' · ');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Áp phích khảo sát sự hài lòng — ${escapeHtml(p.pointName)}</title><style>${POSTER_STYLE(p.size)}</style></head><body>
${publicUrlBanner(p.publicUrl)}<header class="bar"><h1>Áp phích ${p.size} — ${escapeHtml(p.pointName)}</h1>
<nav aria-label="Khổ giấy">Khổ giấy: <strong aria-current="page">${p.size}</strong> <a href="${escapeHtml(p.other)}">${other}</a></nav>${printButton(`In (${p.size})`)}</header>
<main class="poster">
<div class="unit">${escapeHtml(p.unit)}</div>
<div class="place">${place}</div>
<h2 class="title">Ông/Bà hài lòng với sự phục vụ của chúng tôi không?</h2>
${qrSvg(p.url)}
<div class="address">${addressHtml(p.url)}</div>
<ol class="how">
<li>Quét mã QR bằng camera điện thoại hoặc Zalo (hoặc gõ địa chỉ trên vào trình duyệt).</li>
<li>Trả lời vài câu hỏi${p.minutes ? `, khoảng ${p.minutes} phút` : ''}. Phiếu không hỏi họ tên, không cần đăng nhập.</li>
</ol>
<div class="foot">${escapeHtml(p.campaignName)}</div>
</main></body></html>`;
}

// 24 codes an A4 page: 3 columns × 8 rows of 62 × 34 mm within 10 mm margins, dashed cut lines;
// in each, the QR beside the point and code, and the address to type across the bottom.
const SHEET_STYLE = `${BASE}
@page { size: A4 portrait; margin: 10mm; }
.sheet { display: grid; grid-template-columns: repeat(3, 62mm); grid-auto-rows: 34mm; width: 186mm; margin: 0 auto; break-after: page; content-visibility: auto; contain-intrinsic-size: auto 272mm; }
.sheet:last-child { break-after: auto; }
.cell { border: 0.6pt dashed #555; margin: -0.3pt; padding: 1.5mm 2mm; display: grid; grid-template-columns: 24mm 1fr; grid-template-rows: minmax(0, 1fr) auto; gap: 0.5mm 2mm; align-items: center; overflow: hidden; }
.cell .qr { width: 24mm; height: 24mm; }
.cell > div:not(.typed) { max-height: 25mm; overflow: hidden; }
.where { font-size: 6.5pt; line-height: 1.2; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.code { font: 700 12.5pt/1.2 "DejaVu Sans Mono", monospace; letter-spacing: 0.5pt; margin: 0.8mm 0; white-space: nowrap; }
.once { font-size: 6.5pt; line-height: 1.2; }
.typed { grid-column: 1 / -1; font: 700 7pt/1.2 "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.typed b { white-space: nowrap; }
@media screen { .sheet { margin: 16px auto; box-shadow: 0 1px 6px #0003; } }
`;

export interface SheetInput {
  campaignName: string;
  pointName: string;
  unit: string;
  publicUrl: string;
  batchId: string;
  createdAt: string;
  codes: string[];
}

/**
 * The printable sheet of a batch of one-time codes (issue #14), 24 an A4 page with cut lines:
 * each cell a QR code of `<PUBLIC_URL>/c/<code>`, the code as `ABCD-EFGH`, the address to type
 * without a scanner (`<host>/c/ABCD-EFGH`, any case, dash or not), the point, and one line of
 * instructions (no number: nothing invites writing down which dossier got which code). Made again on each request (the codes are derived
 * from the secret): a jammed printer reprints it. In parts, a page each, for `streamHtml`.
 */
export function* codeSheetParts(s: SheetInput): Generator<string> {
  const pages = Math.ceil(s.codes.length / CODES_PER_SHEET);
  const where = escapeHtml(`${s.pointName} — ${s.unit}`);
  // For a citizen without a QR scanner: the address to type, as the poster's short address.
  const host = shortAddress(s.publicUrl);
  yield `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mã góp ý dùng một lần — ${escapeHtml(s.pointName)}</title><style>${SHEET_STYLE}</style></head><body>
${publicUrlBanner(s.publicUrl)}<header class="bar"><h1>${escapeHtml(s.campaignName)}</h1><span>${where}: ${s.codes.length.toLocaleString('vi-VN')} mã dùng một lần, ${pages.toLocaleString('vi-VN')} trang A4. Cắt theo đường kẻ, mỗi hồ sơ một mã.</span>${printButton('In (A4)')}</header>
<main>`;
  for (let page = 0; page < pages; page++) {
    const cells = s.codes
      .slice(page * CODES_PER_SHEET, (page + 1) * CODES_PER_SHEET)
      .map((code) => {
        const printed = formatSipasCode(code);
        return `<div class="cell">${qrSvg(`${s.publicUrl}/c/${code}`)}<div><div class="where">${where}</div><div class="code">${printed}</div><div class="once">Quét mã QR hoặc gõ địa chỉ dưới đây để góp ý. Mã dùng một lần, phiếu không ghi họ tên.</div></div><div class="typed">${escapeHtml(host)}/c/<wbr><b>${printed}</b></div></div>`;
      })
      .join('');
    yield `<section class="sheet">${cells}</section>`;
  }
  yield '</main></body></html>';
}
