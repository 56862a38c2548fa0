import type { DemographicView, QuestionnaireView } from '../../contract/respondent';
import { escapeHtml, printButton } from '../html';
import { publicUrlBanner } from '../public-url';
import { formatSerial } from './serial';

/** One person's paper form: the stub (who, their link) and their group's sheets (a serial). */
export interface PaperForm {
  name: string;
  group: string;
  unit: string;
  /** The QR code of the person's link, as inline SVG. */
  qr: string;
  /** The invitation's short code: the stub's code ("Mã phiếu giấy"). */
  shortCode: string;
  /** The serial of the answer sheets (9 characters, unformatted); not on the stub. */
  serial: string;
  questionnaires: QuestionnaireView[];
  demographics: DemographicView[];
}

const OPTIONS = ['A', 'B', 'C', 'D', 'E'] as const;
const COMMENT_LINES = 6;

const STYLE = `
@page { size: A4; margin: 10mm 12mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.35 "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #000; }
.bar { padding: 12px; background: #eef3f8; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.bar button { font: inherit; padding: 8px 16px; }
.form { padding: 0 4mm; }
.form + .form { break-before: page; }
.stub { border: 1.5px solid #000; padding: 3mm 4mm; display: grid; grid-template-columns: 34mm 1fr; gap: 4mm; break-inside: avoid; }
.stub svg { width: 34mm; height: 34mm; display: block; }
.stub .title { font-weight: 700; font-size: 11pt; }
.who { font-weight: 700; font-size: 12pt; overflow-wrap: anywhere; }
.meta { font-size: 9.5pt; overflow-wrap: anywhere; }
.code { font: 700 14pt/1.2 monospace; letter-spacing: 1px; margin-top: 2mm; }
.how { font-size: 9pt; margin: 1mm 0 0; }
.cut { border-top: 1.5px dashed #000; margin: 5mm 0 4mm; text-align: center; font-size: 8.5pt; line-height: 0; }
.cut span { background: #fff; padding: 0 2mm; }
.intro { font-size: 9.5pt; margin: 0 0 3mm; }
table.sheet { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
table.sheet + table.sheet { break-before: page; }
.sheet thead th, .sheet tfoot td { border: 0; font-size: 9pt; font-weight: 400; padding: 1mm 0; text-align: left; }
.sheet thead .head { display: flex; justify-content: space-between; gap: 4mm; border-bottom: 1.5px solid #000; padding-bottom: 1mm; }
.sheet tfoot .foot { display: flex; justify-content: space-between; gap: 4mm; border-top: 1px solid #000; padding-top: 1mm; }
.serial { font: 700 11pt monospace; letter-spacing: 1px; white-space: nowrap; }
.sheet h2 { font-size: 11.5pt; margin: 2mm 0 1mm; text-align: center; }
.none { padding: 12px; }
.sheet td.cell { border: 1px solid #555; padding: 1mm 1.5mm; vertical-align: top; }
.sheet tr { break-inside: avoid; }
.sheet .field, .sheet .labels { break-after: avoid; }
.sheet .field td { font-weight: 700; background: #eee; border: 1px solid #555; padding: 1mm 1.5mm; }
.sheet .q { font-weight: 600; }
.sheet .no { width: 9mm; text-align: center; }
.sheet .opt { width: 19mm; font-size: 8pt; text-align: center; }
.sheet .labels td { font-size: 8pt; text-align: center; background: #f6f6f6; }
.box { display: inline-block; width: 4mm; height: 4mm; border: 1.2px solid #000; vertical-align: middle; margin-right: 1mm; }
.opt .box { display: block; margin: 0 auto 0.5mm; }
.line { border-bottom: 1px dotted #000; height: 7mm; }
.demo .choice { display: inline-block; margin-right: 5mm; white-space: nowrap; }
@media print { .bar { display: none; } .sheet thead { display: table-header-group; } .sheet tfoot { display: table-footer-group; } }
`;

const box = '<span class="box"></span>';

function head(serial: string, title: string) {
  return `<thead><tr><th colspan="7"><div class="head"><span>${escapeHtml(title)}</span><span>Số phiếu: <span class="serial">${escapeHtml(formatSerial(serial))}</span></span></div></th></tr></thead>
<tfoot><tr><td colspan="7"><div class="foot"><span>Phiếu không ghi họ tên. Mỗi câu đánh dấu ✗ vào một ô.</span><span>Số phiếu: <span class="serial">${escapeHtml(formatSerial(serial))}</span></span></div></td></tr></tfoot>`;
}

function singleRows(q: QuestionnaireView): string {
  let field = '';
  return q.questions
    .map((question, i) => {
      const fieldName = q.fields.find((f) => f.code === question.fieldCode)?.name ?? '';
      const fieldRow =
        question.fieldCode !== field && fieldName
          ? `<tr class="field"><td colspan="7">${escapeHtml(fieldName)}</td></tr>`
          : '';
      field = question.fieldCode;
      const options = question.options
        .map((o) => `<td class="cell opt">${box}${o.code}. ${escapeHtml(o.label)}</td>`)
        .join('');
      return `${fieldRow}<tr><td class="cell no">${i + 1}</td><td class="cell q">${escapeHtml(question.text)}</td>${options}</tr>`;
    })
    .join('');
}

/** A matrix questionnaire: per question, a grid of its units × the options A–E. */
function matrixRows(q: QuestionnaireView): string {
  return q.questions
    .map((question, i) => {
      const labels = question.options
        .map((o) => `<td class="cell opt">${o.code}. ${escapeHtml(o.label)}</td>`)
        .join('');
      const units = q.units
        .map(
          (u) =>
            `<tr><td class="cell no"></td><td class="cell">${escapeHtml(u.name)}</td>${OPTIONS.map(() => `<td class="cell opt">${box}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<tr class="field"><td colspan="7">Câu ${i + 1}. ${escapeHtml(question.text)}</td></tr>
<tr class="labels"><td class="cell no"></td><td class="cell">Đơn vị được đánh giá</td>${labels}</tr>${units}`;
    })
    .join('');
}

function commentRows(q: QuestionnaireView): string {
  if (!q.comment) return '';
  const lines = Array.from({ length: COMMENT_LINES }, () => '<div class="line"></div>').join('');
  return `<tr><td colspan="7" class="cell"><div class="q">Ý kiến khác: ${escapeHtml(q.comment.text)}</div>${lines}</td></tr>`;
}

function sheet(serial: string, q: QuestionnaireView): string {
  const how =
    q.mode === 'matrix'
      ? 'Với mỗi câu hỏi, đánh dấu ✗ vào một ô trên mỗi dòng (mỗi đơn vị); đơn vị Ông/Bà không nắm được thì đánh dấu ô E.'
      : 'Với mỗi câu hỏi, đánh dấu ✗ vào một ô; không nắm được thì đánh dấu ô E.';
  return `<table class="sheet" data-questionnaire="${escapeHtml(q.id)}">${head(serial, q.title)}<tbody>
<tr><td colspan="7"><h2>${escapeHtml(q.title)}</h2><p class="intro">${escapeHtml(q.intro)} ${how}</p></td></tr>
${q.mode === 'matrix' ? matrixRows(q) : singleRows(q)}${commentRows(q)}</tbody></table>`;
}

function demographicsSheet(serial: string, demographics: DemographicView[]): string {
  if (demographics.length === 0) return '';
  const rows = demographics
    .map(
      (d) =>
        `<tr><td class="cell q" colspan="2">${escapeHtml(d.label)}</td><td class="cell" colspan="5">${d.options
          .map((o) => `<span class="choice">${box}${escapeHtml(o)}</span>`)
          .join('')}</td></tr>`,
    )
    .join('');
  return `<table class="sheet demo">${head(serial, 'Thông tin chung')}<tbody>
<tr><td colspan="7"><h2>Thông tin chung (không bắt buộc)</h2><p class="intro">Ông/Bà có thể bỏ trống phần này.</p></td></tr>${rows}</tbody></table>`;
}

function stub(f: PaperForm, home: string): string {
  return `<div class="stub">${f.qr}<div>
<div class="title">CUỐNG PHIẾU — Mã phiếu giấy: <span class="code">${escapeHtml(f.shortCode)}</span></div>
<div class="who">${escapeHtml(f.name)}</div>
<div class="meta">${escapeHtml(f.group)}</div>
<div class="meta">${escapeHtml(f.unit)}</div>
<p class="how"><strong>Nộp phần này cùng phiếu; hoặc quét mã để trả lời trực tuyến</strong> (hoặc vào ${escapeHtml(home)} và nhập mã trên).<br>
Cuống phiếu được xé rời và xử lý riêng; phần phiếu trả lời bên dưới không ghi họ tên, chỉ có số phiếu không gắn với ai.</p></div></div>`;
}

/**
 * The printable A4 page of paper forms, one per person: the stub at the top (name, group, unit,
 * the QR code of their link and their short code) above a cut line, then the answer sheets of
 * their group's questionnaires, each page headed and footed with the sheets' serial. The stub
 * never shows the serial; the sheets never show the person.
 */
export function paperPage(opts: { campaignName: string; home: string; forms: PaperForm[] }) {
  const forms = opts.forms
    .map(
      (f) => `<section class="form">${stub(f, opts.home)}
<div class="cut"><span>✂ Xé / cắt theo đường này — phần dưới không ghi họ tên</span></div>
<div class="sheets">${f.questionnaires.map((q) => sheet(f.serial, q)).join('')}${demographicsSheet(f.serial, f.demographics)}</div></section>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phiếu giấy — ${escapeHtml(opts.campaignName)}</title><style>${STYLE}</style></head><body>
${publicUrlBanner(opts.home)}<div class="bar"><strong>${escapeHtml(opts.campaignName)}</strong><span>${opts.forms.length} phiếu giấy</span>${printButton()}
<span>Mỗi lần in tạo số phiếu mới; không lưu hay chụp lại bản in.</span></div>
${forms || '<p class="none">Không có người nào phù hợp (đã gửi phiếu hoặc đã bị thu hồi đường dẫn).</p>'}</body></html>`;
}
