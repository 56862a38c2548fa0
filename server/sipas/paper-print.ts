import type { SipasQuestions } from '../../contract/console/sipas-analysis';
import { shownOptions } from '../../contract/sipas-view';
import { escapeHtml as h, printButton } from '../html';
import { formatSerial } from '../paper/serial';
import { publicUrlBanner } from '../public-url';

/**
 * The printable SIPAS paper form (issue #14.5): A4, two pages a copy, each page carrying the
 * copy's serial (server/paper/serial.ts, the PAR sheets' scheme) so a loose page finds its copy.
 * Page 1: the satisfaction questions by aspect, five levels and «Không trả lời» a row; page 2:
 * the yes/no statements, the service, channel and expectations, the comment. Every box has the
 * number the console's entry screen takes for it (survey-client/console/sipas/paper-model.ts).
 */

/** A4 pages a copy: the console says it before printing, the browser test measures it. */
export const SIPAS_PAPER_PAGES = 2;

// A4 portrait 297 × 210 mm within 12 mm margins: a page is a 273 × 186 mm box that never grows.
const STYLE = `
* { box-sizing: border-box; }
@page { size: A4 portrait; margin: 12mm; }
body { font: 9.5pt/1.3 "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #000; }
.bar { padding: 12px; background: #eef3f8; display: flex; gap: 8px 16px; align-items: center; flex-wrap: wrap; }
.bar h1 { font-size: inherit; margin: 0; }
.bar button { font: inherit; padding: 8px 16px; }
@media print { .bar, .banner { display: none; } }
.page { width: 186mm; height: 273mm; overflow: hidden; display: flex; flex-direction: column; break-after: page; }
.page:last-child { break-after: auto; }
@media screen { .page { margin: 16px auto; padding: 0; outline: 1px solid #ccc; outline-offset: 6mm; } }
.head { display: flex; justify-content: space-between; gap: 6mm; align-items: flex-start; }
.head .org { font-size: 8.5pt; text-transform: uppercase; }
.serial { border: 1.5pt solid #000; padding: 1.5mm 3mm; text-align: center; white-space: nowrap; }
.serial b { display: block; font: 700 13pt/1.2 "DejaVu Sans Mono", monospace; letter-spacing: 0.5pt; }
.serial small { font-size: 7.5pt; }
h2 { font-size: 12pt; text-align: center; margin: 3mm 0 1mm; text-transform: uppercase; }
.where { margin: 1mm 0; }
.how { margin: 1mm 0 2mm; font-size: 8.5pt; }
h3 { font-size: 10pt; margin: 2.5mm 0 1mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #000; padding: 0.8mm 1.2mm; vertical-align: middle; }
thead th { font-size: 7.5pt; font-weight: 600; text-align: center; line-height: 1.15; }
.levels td.box, .levels th.lv { width: 13mm; text-align: center; }
.levels td { padding: 1.1mm 1.2mm; }
.yesno td.box, .yesno th.lv { width: 17mm; text-align: center; }
td.aspect { font-weight: 700; background: #eee; }
.no { font-weight: 700; }
.box::before { content: ""; display: inline-block; width: 4mm; height: 4mm; border: 0.8pt solid #000; vertical-align: middle; }
.key { font-size: 7pt; margin-left: 1mm; vertical-align: middle; }
.choice { margin: 0 0 2mm; break-inside: avoid; }
.choice p { margin: 0 0 1mm; }
.opts { display: grid; grid-template-columns: 1fr 1fr; gap: 0.8mm 4mm; }
.opts span { display: flex; gap: 1.5mm; align-items: center; }
.opts .box { flex: none; }
.lines { flex: 1; min-height: 30mm; border: 0.6pt solid #000; background: repeating-linear-gradient(transparent 0 7.5mm, #999 7.5mm 7.8mm); }
.foot { display: flex; justify-content: space-between; font-size: 7.5pt; margin-top: 2mm; }
.thanks { text-align: center; font-weight: 600; margin: 2mm 0 0; }
`;

export interface SipasPaperInput {
  campaignName: string;
  /** The collection point the copies are for; blank line to fill when none was chosen. */
  point: { name: string; unitName: string } | null;
  questions: SipasQuestions;
  serials: string[];
  publicUrl: string;
}

const box = (key: string) => `<span class="box"></span><span class="key">${h(key)}</span>`;

function head(p: SipasPaperInput, serial: string, page: number) {
  return `<div class="head"><div class="org">${h(p.campaignName)}</div>
<div class="serial"><small>Số phiếu</small><b>${h(formatSerial(serial))}</b><small>Trang ${page}/${SIPAS_PAPER_PAGES}</small></div></div>`;
}

interface ScaleRow {
  no: number;
  text: string;
  scale: string;
  /** A heading row before it (an aspect's name). */
  heading?: string;
}

/**
 * Rows of boxes under the columns of their scale: 1…n, then «0» for «Không trả lời» (the keys
 * the entry screen takes). A row whose scale differs from the one above starts its own header
 * row; a shorter scale leaves its last columns empty. The built-in definition has one scale a
 * table, so one header.
 */
function scaleTable(q: SipasQuestions, cls: string, label: string, rows: ScaleRow[]) {
  const colsOf = (code: string) => {
    const scale = q.scales.find((s) => s.code === code);
    return [
      ...(scale ? shownOptions(scale) : []).map((o, i) => [String(i + 1), o.label] as const),
      ...(scale?.noAnswer ? [['0', scale.noAnswer.label] as const] : []),
    ];
  };
  const width = Math.max(0, ...rows.map((r) => colsOf(r.scale).length));
  const header = (code: string) => {
    const cols = colsOf(code);
    return `<tr><th>${h(label)}</th>${cols.map(([k, l]) => `<th class="lv">${h(k)}<br>${h(l)}</th>`).join('')}${'<th class="lv"></th>'.repeat(width - cols.length)}</tr>`;
  };
  let current = rows[0]?.scale ?? '';
  const body = rows
    .map((r) => {
      const heading = r.heading
        ? `<tr><td class="aspect" colspan="${width + 1}">${h(r.heading)}</td></tr>`
        : '';
      const head = r.scale !== current ? header(r.scale) : '';
      current = r.scale;
      const boxes = colsOf(r.scale).length;
      return `${heading}${head}<tr><td><span class="no">${r.no}.</span> ${h(r.text)}</td>${'<td class="box"></td>'.repeat(boxes)}${'<td></td>'.repeat(width - boxes)}</tr>`;
    })
    .join('');
  return `<table class="${cls}"><thead>${header(rows[0]?.scale ?? '')}</thead><tbody>${body}</tbody></table>`;
}

function levelsTable(q: SipasQuestions) {
  let n = 0;
  const rows = q.aspects.flatMap((a, ai) =>
    a.elements.map((e, ei) => ({
      no: ++n,
      text: e.text,
      scale: e.scale,
      ...(ei === 0 ? { heading: `${String.fromCharCode(65 + ai)}. ${a.name}` } : {}),
    })),
  );
  return scaleTable(q, 'levels', 'Ông/Bà hài lòng thế nào về…', rows);
}

function yesNoTable(q: SipasQuestions, from: number) {
  const rows = q.perceptions.map((p, i) => ({ no: from + i, text: p.text, scale: p.scale }));
  return scaleTable(q, 'yesno', 'Nhận định', rows);
}

/** How to tick a choice, unless its question says it already ("chọn tối đa 3"). */
function howToTick(c: SipasQuestions['choices'][number]) {
  if (!c.multiple) return 'đánh dấu một ô';
  return c.max !== undefined && !c.text.includes('tối đa')
    ? `đánh dấu tối đa ${c.max} ô`
    : 'đánh dấu các ô chọn';
}

function choices(q: SipasQuestions, from: number) {
  return q.choices
    .map(
      (c, i) =>
        `<div class="choice"><p><span class="no">${from + i}.</span> ${h(c.text)} <i>(${howToTick(c)})</i></p>
<div class="opts">${c.options.map((o, k) => `<span>${box(String(k + 1))} ${h(o.label)}</span>`).join('')}</div></div>`,
    )
    .join('');
}

function copy(p: SipasPaperInput, serial: string) {
  const q = p.questions;
  const elements = q.aspects.reduce((n, a) => n + a.elements.length, 0);
  const where = p.point
    ? `${h(p.point.name)} — ${h(p.point.unitName)}`
    : '……………………………………………………………………';
  const pageOne = `<section class="page">${head(p, serial, 1)}
<h2>${h(q.title)}</h2>
<p class="where">Nơi giải quyết thủ tục (điểm thu thập): <b>${where}</b></p>
<p class="how">Phiếu không hỏi họ tên. Với mỗi câu, Ông/Bà đánh dấu ✗ vào <b>một ô</b>. Câu nào không muốn trả lời, đánh dấu cột «0». Đánh dấu nhầm thì tô kín ô nhầm và đánh dấu ô khác.</p>
<h3>I. Mức độ hài lòng</h3>
${levelsTable(q)}
<p class="thanks">Xin mời Ông/Bà trả lời tiếp ở trang sau.</p></section>`;
  const pageTwo = `<section class="page">${head(p, serial, 2)}
${q.perceptions.length > 0 ? `<h3>II. Ông/Bà thấy các nhận định sau có đúng không?</h3>${yesNoTable(q, elements + 1)}` : ''}
${q.choices.length > 0 ? `<h3>III. Thông tin thêm (không bắt buộc)</h3>${choices(q, elements + q.perceptions.length + 1)}` : ''}
${q.comment ? `<h3>IV. ${h(q.comment.text)}</h3><div class="lines"></div>` : ''}
<p class="thanks">Trân trọng cảm ơn Ông/Bà! Xin bỏ phiếu vào hòm phiếu hoặc gửi lại cán bộ phát phiếu.</p>
<div class="foot"><span>Số phiếu ${h(formatSerial(serial))}</span><span>Cán bộ nhập phiếu không ghi tên người trả lời.</span></div></section>`;
  return pageOne + pageTwo;
}

/** The page: a bar (not printed) saying how many copies and pages, then the copies. */
export function sipasPaperPage(p: SipasPaperInput): string {
  const pages = p.serials.length * SIPAS_PAPER_PAGES;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phiếu giấy khảo sát sự hài lòng — ${p.serials.length} bản</title><style>${STYLE}</style></head><body>
${publicUrlBanner(p.publicUrl)}<header class="bar"><h1>Phiếu giấy SIPAS: ${p.serials.length.toLocaleString('vi-VN')} bản, ${pages.toLocaleString('vi-VN')} trang A4</h1>${printButton()}</header>
<main>${p.serials.map((s) => copy(p, s)).join('\n')}</main></body></html>`;
}
