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
const COMMENT_LINES = 4;
/** A matrix sheet is printed as grids of its units × this many questions' boxes, side by side. */
const QUESTIONS_PER_GRID = 6;

/**
 * A4 portrait, the sheets one after the other (a page holds the end of one and the start of the
 * next; each page's head says the sheet and the serial): the 2023 district's longest form,
 * Phiếu số 02 + Phiếu số 05 (24 questions, then 12 about each of 13 communes), is 3 pages
 * (test/e2e/paper.e2e.test.ts prints and counts them; it was 12).
 */
const STYLE = `
@page { size: A4; margin: 8mm 11mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 9.5pt/1.3 "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #000; }
.bar { padding: 12px; background: #eef3f8; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.bar button { font: inherit; padding: 8px 16px; }
.form { padding: 0 2mm; }
.form + .form { break-before: page; }
.stub { border: 1.5px solid #000; padding: 2.5mm 4mm; display: grid; grid-template-columns: 30mm 1fr; gap: 4mm; break-inside: avoid; }
.stub svg { width: 30mm; height: 30mm; display: block; }
.stub .title { font-weight: 700; font-size: 10.5pt; }
.who { font-weight: 700; font-size: 12pt; overflow-wrap: anywhere; }
.meta { font-size: 9pt; overflow-wrap: anywhere; }
.code { font: 700 14pt/1.2 monospace; letter-spacing: 1px; margin-top: 2mm; }
.how { font-size: 8.5pt; margin: 1mm 0 0; }
.cut { border-top: 1.5px dashed #000; margin: 3mm 0 2.5mm; text-align: center; font-size: 8pt; line-height: 0; }
.cut span { background: #fff; padding: 0 2mm; }
.intro { font-size: 8.5pt; margin: 0 0 1.5mm; }
table.sheet { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
.sheet thead th { border: 0; font-size: 8.5pt; font-weight: 400; padding: 0 0 1mm; text-align: left; }
.sheet thead .cols th { border: 1px solid #555; background: #f2f2f2; font-size: 7.5pt; line-height: 1.1; padding: 0.5mm 1mm; text-align: center; }
.grid .e { font-size: 7pt; }
.sheet thead .head { display: flex; justify-content: space-between; gap: 4mm; border-bottom: 1.2px solid #000; padding-bottom: 0.5mm; }
.serial { font: 700 10.5pt monospace; letter-spacing: 1px; white-space: nowrap; }
.sheet h2 { font-size: 10.5pt; margin: 1mm 0 0.5mm; text-align: center; }
.none { padding: 12px; }
.sheet td.cell { border: 1px solid #555; padding: 0.4mm 1.2mm; vertical-align: middle; }
.sheet tr { break-inside: avoid; }
.sheet tr.grid-row { break-inside: auto; }
.sheet .field, .sheet .mq.last { break-after: avoid; }
.sheet .field td { font-weight: 700; background: #e8e8e8; border: 1px solid #555; padding: 0.5mm 1.2mm; }
.sheet .q { font-size: 9pt; line-height: 1.2; }
.sheet .no { width: 7mm; text-align: center; font-weight: 700; }
.sheet .opt { width: 16.5mm; font-size: 7pt; line-height: 1.1; text-align: left; padding: 0.5mm 0.8mm; }
.sheet .opt b { font-size: 8pt; }
.sheet .opt.e { width: 9.5mm; white-space: nowrap; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 1.2px solid #000; vertical-align: middle; margin-right: 0.8mm; background: #fff; }
.sheet .mq td { padding: 0.6mm 0 0; font-size: 8.5pt; line-height: 1.25; }
.sheet .mq .scale { font-size: 7.5pt; }
table.grid { width: 100%; border-collapse: collapse; margin: 0.8mm 0 2mm; table-layout: fixed; }
.grid th, .grid td { border: 0.8px solid #777; padding: 0; text-align: center; font-size: 7.5pt; line-height: 1.15; }
.grid th.unit-h { width: 36mm; text-align: left; padding: 0.5mm 1mm; font-weight: 400; }
.grid td.unit { text-align: left; padding: 0.3mm 1mm; font-size: 8pt; overflow-wrap: anywhere; }
.grid td.b { height: 4.5mm; }
.grid td.b .box { margin: 0; }
.grid .first { border-left: 1.8px solid #000; }
.grid .shade { background: #ececec; }
.grid tbody tr:nth-child(even) td.unit { background: #f4f4f4; }
.grid tr { break-inside: avoid; }
.line { border-bottom: 1px dotted #000; height: 6mm; }
table.demo { break-inside: avoid; }
.demo .choice { display: inline-block; margin-right: 5mm; white-space: nowrap; }
@media print { .bar { display: none; } .sheet thead, .grid thead { display: table-header-group; } }
`;

const box = '<span class="box"></span>';
/** The sheet's head, on each page it runs to: its title, the serial, and `more` rows. */
function head(serial: string, title: string, more = '') {
  return `<thead><tr><th colspan="7"><div class="head"><span>${escapeHtml(title)}</span><span>Số phiếu: <span class="serial">${escapeHtml(formatSerial(serial))}</span></span></div></th></tr>${more}</thead>`;
}

/** The label of option E, the same on every question ("Không biết/Không trả lời"): said once. */
const dontKnowOf = (q: QuestionnaireView) =>
  q.questions[0]?.options.find((o) => o.code === 'E')?.label ?? '';

/** What a single sheet's columns hold, repeated on each page (E's label is said only here). */
function singleColumns(q: QuestionnaireView) {
  return `<tr class="cols"><th class="no">Câu</th><th>Câu hỏi</th><th colspan="5">Đánh dấu ✗ vào một ô; <b>E.</b> ${escapeHtml(dontKnowOf(q))}</th></tr>`;
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
        .map((o) =>
          o.code === 'E'
            ? `<td class="cell opt e">${box}<b>E.</b></td>`
            : `<td class="cell opt">${box}<b>${o.code}.</b> ${escapeHtml(o.label)}</td>`,
        )
        .join('');
      return `${fieldRow}<tr><td class="cell no">${i + 1}</td><td class="cell q">${escapeHtml(question.text)}</td>${options}</tr>`;
    })
    .join('');
}

/** Questions split into grids of at most QUESTIONS_PER_GRID, as even as can be (7 → 4 + 3). */
function gridsOf<T>(questions: T[]): T[][] {
  const grids = Math.ceil(questions.length / QUESTIONS_PER_GRID);
  const size = Math.ceil(questions.length / Math.max(grids, 1));
  return Array.from({ length: grids }, (_, g) => questions.slice(g * size, (g + 1) * size));
}

/**
 * A matrix questionnaire: per grid of up to six questions, the questions with their scales, then
 * one row per unit with five boxes (A–E) under each question, questions shaded in turn.
 */
function matrixRows(q: QuestionnaireView): string {
  let n = 0;
  return gridsOf(q.questions)
    .map((questions) => {
      const first = n;
      n += questions.length;
      const texts = questions
        .map((question, i) => {
          const scale = question.options
            .filter((o) => o.code !== 'E')
            .map((o) => `${o.code}. ${escapeHtml(o.label)}`)
            .join('; ');
          const last = i === questions.length - 1 ? ' last' : '';
          return `<tr class="mq${last}"><td colspan="7"><b>Câu ${first + i + 1}.</b> ${escapeHtml(question.text)} <span class="scale">(${scale})</span></td></tr>`;
        })
        .join('');
      const shade = (i: number) => (i % 2 === 1 ? ' shade' : '');
      const heads = questions
        .map((_, i) => `<th colspan="5" class="first${shade(i)}">Câu ${first + i + 1}</th>`)
        .join('');
      const letters = questions
        .map((_, i) =>
          OPTIONS.map((o, k) => `<th class="${k === 0 ? 'first' : ''}${shade(i)}">${o}</th>`).join(
            '',
          ),
        )
        .join('');
      const units = q.units
        .map((u) => {
          const boxes = questions
            .map((_, i) =>
              OPTIONS.map(
                (_, k) => `<td class="b${k === 0 ? ' first' : ''}${shade(i)}">${box}</td>`,
              ).join(''),
            )
            .join('');
          return `<tr><td class="unit">${escapeHtml(u.name)}</td>${boxes}</tr>`;
        })
        .join('');
      return `${texts}<tr class="grid-row"><td colspan="7"><table class="grid"><thead><tr><th class="unit-h" rowspan="2">Đơn vị được đánh giá <span class="e">(E. ${escapeHtml(dontKnowOf(q))})</span></th>${heads}</tr><tr>${letters}</tr></thead><tbody>${units}</tbody></table></td></tr>`;
    })
    .join('');
}

function commentRows(q: QuestionnaireView): string {
  if (!q.comment) return '';
  const lines = Array.from({ length: COMMENT_LINES }, () => '<div class="line"></div>').join('');
  return `<tr><td colspan="7" class="cell"><div class="q"><b>Ý kiến khác:</b> ${escapeHtml(q.comment.text)}</div>${lines}</td></tr>`;
}

function sheet(serial: string, q: QuestionnaireView): string {
  const how =
    q.mode === 'matrix'
      ? 'Với mỗi câu hỏi, đánh dấu ✗ vào một ô trên dòng của mỗi đơn vị; đơn vị Ông/Bà không nắm được thì đánh dấu ô E.'
      : 'Với mỗi câu hỏi, đánh dấu ✗ vào một ô; không nắm được thì đánh dấu ô E.';
  const columns = q.mode === 'matrix' ? '' : singleColumns(q);
  return `<table class="sheet" data-questionnaire="${escapeHtml(q.id)}">${head(serial, q.title, columns)}<tbody>
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
<tr class="field"><td colspan="7">Thông tin chung (không bắt buộc): Ông/Bà có thể bỏ trống phần này.</td></tr>${rows}</tbody></table>`;
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
