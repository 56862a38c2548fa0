import { formatDeadline } from '../../contract/deadline';
import type {
  OptionView,
  QuestionnaireView,
  QuestionView,
  SurveyView,
} from '../../contract/respondent';
import { UNITS_TITLE } from '../../survey-client/form/screens/units';

/**
 * Our questionnaire (the SurveyView of GET /api/s/<token>) as a SurveyJS survey JSON: the peer
 * the benchmark renders with survey-core + survey-js-ui. Screen for screen what our form shows
 * (survey-client/form/model.ts buildScreens): a welcome page, per matrix questionnaire a page
 * asking which units the respondent knows, one page per field (lĩnh vực), the open question,
 * the optional questions about the respondent; our review screen is SurveyJS's preview. Same
 * Vietnamese texts, same options in the same order ("Không biết/Không trả lời" last).
 */

/** The subset of SurveyJS's JSON schema this converter writes (survey-core accepts more). */
export interface SurveyJsElement {
  type: 'html' | 'radiogroup' | 'matrix' | 'checkbox' | 'comment';
  name: string;
  title?: string;
  description?: string;
  html?: string;
  choices?: SurveyJsChoice[];
  columns?: SurveyJsChoice[];
  /** A matrix's rows, or a comment box's height in lines. */
  rows?: SurveyJsChoice[] | number;
  rowsVisibleIf?: string;
  showSelectAllItem?: boolean;
  allowClear?: boolean;
  maxLength?: number;
  [key: string]: unknown;
}
export interface SurveyJsChoice {
  value: string;
  text: string;
}
export interface SurveyJsPage {
  name: string;
  title?: string;
  description?: string;
  visibleIf?: string;
  elements: SurveyJsElement[];
}
export interface SurveyJsJson {
  locale: 'vi';
  title: string;
  description?: string;
  showProgressBar: boolean;
  progressBarLocation: string;
  progressBarType: 'pages';
  showQuestionNumbers: boolean;
  showPreviewBeforeComplete: boolean;
  previewMode: 'allQuestions';
  completedHtml: string;
  pages: SurveyJsPage[];
}

/** What the conversion produced, to check it against the view (and SurveyJS's own model). */
export interface ConversionCounts {
  pages: number;
  /** Questions that take an answer (radiogroup, matrix, checkbox, comment): no html blocks. */
  questions: number;
  /** Answers a respondent can give on the rating questions: one per unit of each question. */
  ratings: number;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** E ("Không biết/Không trả lời") last, as our OptionTiles orders it. */
const choicesOf = (options: OptionView[]): SurveyJsChoice[] =>
  [...options]
    .sort((a, b) => Number(a.code === 'E') - Number(b.code === 'E'))
    .map((o) => ({ value: o.code, text: o.label }));

/** SurveyJS names are referenced in expressions (`{known_P05}`): letters, digits and `_`. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
const knownName = (qn: QuestionnaireView) => `known_${safe(qn.id)}`;
const questionName = (qn: QuestionnaireView, q: QuestionView) => `${safe(qn.id)}_${safe(q.id)}`;

function welcomePage(view: SurveyView): SurveyJsPage {
  const { closesAt } = view.campaign;
  const html = [
    `<p>Kính gửi: <b>${escapeHtml(view.group.name)}</b></p>`,
    '<p>Ông/Bà được mời trả lời:</p>',
    `<ul>${view.questionnaires.map((qn) => `<li>${escapeHtml(qn.title)}</li>`).join('')}</ul>`,
    '<p><b>Phiếu không ghi họ tên.</b> Câu trả lời được lưu tách rời khỏi danh sách người được mời: ' +
      'không ai, kể cả cơ quan tổ chức khảo sát, có thể biết Ông/Bà đã trả lời thế nào.</p>',
    closesAt ? `<p>Hạn trả lời: <b>${escapeHtml(formatDeadline(closesAt))}</b>.</p>` : '',
    '<p>Câu trả lời được lưu tự động. Ông/Bà có thể tạm dừng và quay lại sau bằng chính đường dẫn này.</p>',
  ].join('');
  return { name: 'welcome', elements: [{ type: 'html', name: 'welcome', html }] };
}

function unitsPage(qn: QuestionnaireView): SurveyJsPage {
  return {
    name: `units_${safe(qn.id)}`,
    title: UNITS_TITLE,
    description: qn.title,
    elements: [
      {
        type: 'html',
        name: `intro_${safe(qn.id)}`,
        html:
          `<p>${escapeHtml(qn.intro)}</p><p>Xin chọn những đơn vị Ông/Bà nắm rõ để đánh giá. ` +
          'Đơn vị không chọn sẽ được ghi nhận là «Không biết/Không trả lời».</p>',
      },
      {
        type: 'checkbox',
        name: knownName(qn),
        // The page's title asks the question already.
        title: UNITS_TITLE,
        titleLocation: 'hidden',
        showSelectAllItem: true,
        choices: qn.units.map((u) => ({ value: u.code, text: u.name })),
      },
    ],
  };
}

/** One question: a radio group when it is about one unit, else a matrix (a row per unit). */
function questionElement(qn: QuestionnaireView, q: QuestionView): SurveyJsElement {
  const title = `Câu ${qn.questions.indexOf(q) + 1}. ${q.text}`;
  const name = questionName(qn, q);
  if (qn.mode === 'single' && qn.units.length === 1) {
    return { type: 'radiogroup', name, title, choices: choicesOf(q.options) };
  }
  return {
    type: 'matrix',
    name,
    title,
    columns: choicesOf(q.options),
    rows: qn.units.map((u) => ({ value: u.code, text: u.name })),
    // A matrix questionnaire asks only about the units the respondent ticked.
    ...(qn.mode === 'matrix' ? { rowsVisibleIf: `{${knownName(qn)}} contains {item}` } : {}),
  };
}

/** The field pages, in the order of the fields (a field missing from `fields` still gets one). */
function fieldPages(qn: QuestionnaireView, withIntro: boolean): SurveyJsPage[] {
  const codes = new Set([...qn.fields.map((f) => f.code), ...qn.questions.map((q) => q.fieldCode)]);
  let intro = withIntro;
  return [...codes].flatMap((code) => {
    const questions = qn.questions.filter((q) => q.fieldCode === code);
    if (questions.length === 0) return [];
    const elements = questions.map((q) => questionElement(qn, q));
    if (intro) {
      elements.unshift({
        type: 'html',
        name: `intro_${safe(qn.id)}`,
        html: `<p>${escapeHtml(qn.intro)}</p>`,
      });
      intro = false;
    }
    return [
      {
        name: `f_${safe(qn.id)}_${safe(code)}`,
        title: qn.fields.find((f) => f.code === code)?.name ?? code,
        description: qn.title,
        // A matrix nobody knows has nothing to rate, as in our form.
        ...(qn.mode === 'matrix' ? { visibleIf: `{${knownName(qn)}} notempty` } : {}),
        elements,
      },
    ];
  });
}

function commentPage(qn: QuestionnaireView, text: string): SurveyJsPage {
  return {
    name: `c_${safe(qn.id)}`,
    title: 'Ý kiến, kiến nghị',
    description: qn.title,
    elements: [
      {
        type: 'comment',
        name: `comment_${safe(qn.id)}`,
        title: text,
        description: 'Không bắt buộc. Xin đừng ghi họ tên hay chi tiết làm lộ danh tính.',
        maxLength: 4000,
        rows: 6,
      },
    ],
  };
}

function demographicsPage(view: SurveyView): SurveyJsPage {
  return {
    name: 'demographics',
    title: 'Thông tin chung',
    elements: [
      {
        type: 'html',
        name: 'demographics_intro',
        html: '<p>Các câu dưới đây không bắt buộc, chỉ dùng để tổng hợp chung.</p>',
      },
      ...view.demographics.map(
        (d): SurveyJsElement => ({
          type: 'radiogroup',
          name: `demo_${safe(d.key)}`,
          title: d.label,
          allowClear: true,
          choices: d.options.map((o) => ({ value: o, text: o })),
        }),
      ),
    ],
  };
}

export function toSurveyJs(view: SurveyView): SurveyJsJson {
  const pages: SurveyJsPage[] = [welcomePage(view)];
  for (const qn of view.questionnaires) {
    if (qn.mode === 'matrix') pages.push(unitsPage(qn));
    pages.push(...fieldPages(qn, qn.mode !== 'matrix'));
    if (qn.comment) pages.push(commentPage(qn, qn.comment.text));
  }
  if (view.demographics.length) pages.push(demographicsPage(view));
  const contact = view.campaign.contact;
  return {
    locale: 'vi',
    title: view.campaign.name,
    ...(contact
      ? { description: `Cần hỗ trợ, xin liên hệ ${contact.name}: ${contact.phone}` }
      : {}),
    showProgressBar: true,
    progressBarLocation: 'top',
    progressBarType: 'pages',
    // Our form numbers questions per questionnaire ("Câu 3."): the titles carry the number.
    showQuestionNumbers: false,
    // Our last screen reviews the answers before sending: SurveyJS's preview page.
    showPreviewBeforeComplete: true,
    previewMode: 'allQuestions',
    completedHtml:
      '<h3>Cảm ơn Ông/Bà đã tham gia khảo sát!</h3><p>Phiếu đã được gửi thành công.</p>',
    pages,
  };
}

/** Pages, answerable questions and rating answers of a converted survey. */
export function countsOf(json: SurveyJsJson): ConversionCounts {
  const elements = json.pages.flatMap((p) => p.elements).filter((e) => e.type !== 'html');
  const ratings = elements.reduce(
    (n, e) => n + (Array.isArray(e.rows) ? e.rows.length : e.type === 'radiogroup' ? 1 : 0),
    0,
  );
  return { pages: json.pages.length, questions: elements.length, ratings };
}

/** What the same counts should be, read off our view the way our form builds its screens. */
export function expectedCounts(view: SurveyView): ConversionCounts {
  let pages = 1;
  let questions = view.demographics.length;
  let ratings = view.demographics.length;
  for (const qn of view.questionnaires) {
    const fields = new Set(qn.questions.map((q) => q.fieldCode));
    pages += fields.size + (qn.mode === 'matrix' ? 1 : 0) + (qn.comment ? 1 : 0);
    questions += qn.questions.length + (qn.mode === 'matrix' ? 1 : 0) + (qn.comment ? 1 : 0);
    ratings += qn.questions.length * qn.units.length;
  }
  if (view.demographics.length) pages += 1;
  return { pages, questions, ratings };
}
