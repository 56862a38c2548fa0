import type {
  Answer,
  Draft,
  QuestionnaireView,
  QuestionView,
  SubmitBody,
  SurveyView,
} from '../../contract/respondent';

export type Option = Answer['option'];
export type Unit = QuestionnaireView['units'][number];

/** Everything the respondent has entered, plus where they are: what a draft restores. */
export interface FormState {
  /** Keyed by `answerKey`; only what the respondent chose (never the automatic E). */
  answers: Record<string, Option>;
  comments: Record<string, string>;
  demographics: Record<string, string>;
  /** Per matrix questionnaire, the units the respondent said they know well enough to rate. */
  known: Record<string, string[]>;
  screen: string;
  /** Client clock when last changed: decides between the server's draft and the local one. */
  savedAt: number;
}

/** What the form keeps in `Draft.state` to resume. */
interface DraftState {
  known?: Record<string, string[]>;
  screen?: string;
  savedAt?: number;
}

export type Screen =
  | { kind: 'welcome'; id: string }
  | { kind: 'units'; id: string; qn: QuestionnaireView }
  | { kind: 'field'; id: string; qn: QuestionnaireView; name: string; questions: QuestionView[] }
  | { kind: 'comment'; id: string; qn: QuestionnaireView; text: string }
  | { kind: 'demographics'; id: string }
  | { kind: 'review'; id: string };

/** One answer the review screen still asks for. */
export interface Missing {
  screen: string;
  /** Element id of the question (or of the unit's block in a matrix question). */
  target: string;
  /** The question's element id (the same as `target` outside a matrix). */
  question: string;
  label: string;
}

// Codes match /^[A-Za-z0-9][A-Za-z0-9_.-]*$/ (questionnaires/schema.ts), so '/' never occurs in one.
export const answerKey = (qn: string, q: string, unit: string) => `${qn}/${q}/${unit}`;
export const questionDomId = (qn: string, q: string) => `q-${qn}-${q}`;
export const unitDomId = (qn: string, q: string, unit: string) => `q-${qn}-${q}-${unit}`;

/** "Phiếu số 01: Dành cho …" → "Phiếu số 01": enough to name it in a list. */
export const shortTitle = (qn: QuestionnaireView) => qn.title.split(':')[0] ?? qn.title;

/** The units a question is asked about: for a matrix, only those the respondent knows. */
export function ratedUnits(qn: QuestionnaireView, known: FormState['known']): Unit[] {
  if (qn.mode !== 'matrix') return qn.units;
  const set = new Set(known[qn.id] ?? []);
  return qn.units.filter((u) => set.has(u.code));
}

/**
 * Above this many units a matrix questionnaire is "large" (95 communes of a province, not the 13
 * of a district): its units screen searches and groups, and it asks one question per screen.
 */
export const MANY_UNITS = 15;

/**
 * The field screens of a questionnaire, in the order of its fields, each with its questions.
 *
 * Why one screen per question for a large matrix: a delegate who knows 30 of 95 communes gets one
 * card per commune under each question; one question per screen keeps that to 30 cards under one
 * sticky question header (parts/matrix-question.tsx) instead of 60 under two, and "Cùng một câu
 * trả lời cho tất cả" right under it. A small matrix keeps one screen per field: its questions
 * have a few cards each, and fewer screens. The choice rests on how many units the questionnaire
 * lists, never on how many are ticked: the screens, and so "Phần x/y", do not change with ticking.
 * Ids: `f:<qn>:<field>` per field, `f:<qn>:<field>:<question>` per question.
 */
function fieldScreens(qn: QuestionnaireView): Screen[] {
  // A question whose field is missing from `fields` still gets a screen (named by its code).
  const codes = new Set([...qn.fields.map((f) => f.code), ...qn.questions.map((q) => q.fieldCode)]);
  const perQuestion = qn.mode === 'matrix' && qn.units.length > MANY_UNITS;
  return [...codes].flatMap((code) => {
    const questions = qn.questions.filter((q) => q.fieldCode === code);
    const name = qn.fields.find((f) => f.code === code)?.name ?? code;
    const id = `f:${qn.id}:${code}`;
    if (perQuestion)
      return questions.map((q) => ({
        kind: 'field' as const,
        id: `${id}:${q.id}`,
        qn,
        name,
        questions: [q],
      }));
    return questions.length ? [{ kind: 'field' as const, id, qn, name, questions }] : [];
  });
}

/**
 * Where a screen id is among the screens: the screen itself, or for a draft saved under the other
 * layout (per field, per question) the first screen of the same field; else the first screen.
 */
export function screenIndex(screens: Screen[], id: string): number {
  const exact = screens.findIndex((s) => s.id === id);
  if (exact >= 0) return exact;
  const field = id.split(':').slice(0, 3).join(':');
  const same = id.startsWith('f:')
    ? screens.findIndex((s) => s.id === field || s.id.startsWith(`${field}:`))
    : -1;
  return Math.max(0, same);
}

export function buildScreens(view: SurveyView, known: FormState['known']): Screen[] {
  const screens: Screen[] = [{ kind: 'welcome', id: 'welcome' }];
  for (const qn of view.questionnaires) {
    if (qn.mode === 'matrix') screens.push({ kind: 'units', id: `u:${qn.id}`, qn });
    // A matrix nobody knows has nothing to rate: all its answers are E.
    if (ratedUnits(qn, known).length) screens.push(...fieldScreens(qn));
    if (qn.comment) screens.push({ kind: 'comment', id: `c:${qn.id}`, qn, text: qn.comment.text });
  }
  if (view.demographics.length) screens.push({ kind: 'demographics', id: 'demographics' });
  screens.push({ kind: 'review', id: 'review' });
  return screens;
}

/**
 * "Phần x/y" that never goes backwards: counted over the screens the form has once every unit of
 * every matrix is known. Ticking units adds screens to the form but not to this count (they are
 * in it from the start); ticking none skips them, and the count jumps ahead.
 */
export function progressOf(view: SurveyView, screenId: string) {
  const all = Object.fromEntries(
    view.questionnaires.map((qn) => [qn.id, qn.units.map((u) => u.code)]),
  );
  const screens = buildScreens(view, all);
  return { step: screenIndex(screens, screenId) + 1, of: screens.length };
}

/** How many questions of a screen still lack an answer (for a matrix: for some known unit). */
export function unansweredOn(view: SurveyView, st: FormState, screenId: string): number {
  const targets = missingAnswers(view, st).missing.filter((m) => m.screen === screenId);
  return new Set(targets.map((m) => m.question)).size;
}

/** Every answer still needed, in screen order, and how many answers are needed in all. */
export function missingAnswers(view: SurveyView, st: FormState) {
  const missing: Missing[] = [];
  let total = 0;
  for (const screen of buildScreens(view, st.known)) {
    if (screen.kind !== 'field') continue;
    const { qn } = screen;
    const units = ratedUnits(qn, st.known);
    for (const q of screen.questions) {
      const n = qn.questions.indexOf(q) + 1;
      for (const u of units) {
        total++;
        if (st.answers[answerKey(qn.id, q.id, u.code)]) continue;
        const matrix = qn.mode === 'matrix';
        const question = questionDomId(qn.id, q.id);
        missing.push({
          screen: screen.id,
          target: matrix ? unitDomId(qn.id, q.id, u.code) : question,
          question,
          label: `${shortTitle(qn)} · ${screen.name} · Câu ${n}${matrix ? ` · ${u.name}` : ''}`,
        });
      }
    }
  }
  return { missing, total };
}

/** Only non-blank texts are sent. */
function texts(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v.trim()));
}

/** The answers to send: E for every unit of a matrix the respondent did not tick. */
export function submitBody(view: SurveyView, st: FormState, submissionId: string): SubmitBody {
  const answers: Answer[] = [];
  for (const qn of view.questionnaires) {
    const rated = new Set(ratedUnits(qn, st.known).map((u) => u.code));
    for (const q of qn.questions) {
      for (const u of qn.units) {
        const option = rated.has(u.code) ? st.answers[answerKey(qn.id, q.id, u.code)] : 'E';
        if (option)
          answers.push({ questionnaireId: qn.id, questionId: q.id, unitCode: u.code, option });
      }
    }
  }
  return {
    submissionId,
    answers,
    comments: texts(st.comments),
    demographics: texts(st.demographics),
  };
}

export function toDraft(st: FormState): Draft {
  const answers = Object.entries(st.answers).map(([key, option]) => {
    const [questionnaireId = '', questionId = '', unitCode = ''] = key.split('/');
    return { questionnaireId, questionId, unitCode, option };
  });
  const state: DraftState = { known: st.known, screen: st.screen, savedAt: st.savedAt };
  return { answers, comments: st.comments, demographics: st.demographics, state };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function stringsOf(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(
    Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/**
 * A draft (from the server or from this device) as form state. Keeps only what still fits the
 * questionnaires: a draft may be older than a corrected definition, or tampered with locally.
 */
export function fromDraft(view: SurveyView, draft: Draft | null): FormState | null {
  if (!draft || !Array.isArray(draft.answers)) return null;
  const state: DraftState = isRecord(draft.state) ? draft.state : {};
  const answers: FormState['answers'] = {};
  for (const a of draft.answers) {
    const qn = view.questionnaires.find((x) => x.id === a?.questionnaireId);
    const q = qn?.questions.find((x) => x.id === a.questionId);
    if (!qn || !q || !qn.units.some((u) => u.code === a.unitCode)) continue;
    if (q.options.some((o) => o.code === a.option)) {
      answers[answerKey(qn.id, q.id, a.unitCode)] = a.option;
    }
  }
  const known: FormState['known'] = {};
  const savedKnown = isRecord(state.known) ? state.known : {};
  for (const qn of view.questionnaires) {
    const codes = savedKnown[qn.id];
    if (qn.mode === 'matrix' && Array.isArray(codes)) {
      known[qn.id] = qn.units.map((u) => u.code).filter((c) => codes.includes(c));
    }
  }
  return {
    answers,
    comments: stringsOf(draft.comments),
    demographics: stringsOf(draft.demographics),
    known,
    screen: typeof state.screen === 'string' ? state.screen : 'welcome',
    savedAt: typeof state.savedAt === 'number' ? state.savedAt : 0,
  };
}

export const emptyState = (): FormState => ({
  answers: {},
  comments: {},
  demographics: {},
  known: {},
  screen: 'welcome',
  savedAt: 0,
});

/**
 * The newer of the server's draft and this device's. `push` says the server is behind (the
 * device was offline when the respondent last typed) and should get the local draft now.
 */
export function restore(view: SurveyView, local: Draft | null) {
  const fromServer = fromDraft(view, view.draft);
  const fromLocal = fromDraft(view, local);
  if (fromLocal && (!fromServer || fromLocal.savedAt > fromServer.savedAt)) {
    return { state: fromLocal, push: true };
  }
  return { state: fromServer ?? emptyState(), push: false };
}

/** What every screen gets from the form. */
export interface Ctx {
  view: SurveyView;
  st: FormState;
  /** Merges a change into the state; every change is saved. */
  update: (change: (st: FormState) => Partial<FormState>) => void;
  /** Moves to a screen, then focuses the element `target` (default: the screen's heading). */
  go: (screenId: string, target?: string) => void;
}
