import { describe, expect, it } from 'vitest';
import {
  buildScreens,
  emptyState,
  type FormState,
  fromDraft,
  MANY_UNITS,
  missingAnswers,
  progressOf,
  screenIndex,
  submitBody,
  toDraft,
} from '../../survey-client/form/model';
import { completeDraft, provinceView, questionnaire, surveyView } from './fixture';

const view = provinceView();
const p05 = questionnaire(view, 'P05');
const codes = p05.units.map((u) => u.code);
/** Twelve communes a delegate works with, spread over the five former districts. */
const TWELVE = codes.filter((_, i) => i % 8 === 3);

describe('a matrix over 95 communes', () => {
  it('asks one question per screen, each in its field, whatever is ticked', () => {
    expect(p05.units.length).toBeGreaterThan(MANY_UNITS);
    expect(TWELVE).toHaveLength(12);
    const screens = buildScreens(view, { P05: TWELVE });
    const p05Screens = screens.filter((s) => s.kind === 'field' && s.qn === p05);
    expect(p05Screens.map((s) => s.id)).toEqual(
      p05.questions.map((q) => `f:P05:${q.fieldCode}:${q.id}`),
    );
    for (const s of p05Screens) {
      if (s.kind !== 'field') continue;
      expect(s.questions).toHaveLength(1);
      expect(s.name).toBe(p05.fields.find((f) => f.code === s.questions[0]?.fieldCode)?.name);
    }
    // The 13 communes of Hớn Quản keep one screen per field.
    const district = buildScreens(surveyView(), { P05: ['X-ANPHU'] }).map((s) => s.id);
    expect(district).toContain('f:P05:LV1');
    expect(district.filter((id) => id.startsWith('f:P05:'))).toHaveLength(8);
  });

  it('never moves "Phần x/y" back, ticking 12 communes, all, none, or unticking on the way', () => {
    const of = progressOf(view, 'welcome').of;
    // welcome, P01's 8 fields and comment, the communes, P05's 12 questions, comment, demographics, review
    expect(of).toBe(1 + 8 + 1 + 1 + 12 + 1 + 1 + 1);
    const pick = (n: number) => codes.filter((_, i) => i % n === 0);
    const choices: Record<string, string[]>[] = [
      {},
      { P05: [] },
      { P05: TWELVE },
      { P05: [codes[94] ?? ''] },
      { P05: pick(2) },
      { P05: codes },
    ];
    for (const before of choices) {
      for (const after of choices) {
        // The respondent walks up to the communes with `before` ticked, changes to `after`, and
        // goes on: every step, back and forth around the change, is counted the same.
        const upTo = buildScreens(view, before).map((s) => s.id);
        const rest = buildScreens(view, after).map((s) => s.id);
        const walk = [
          ...upTo.slice(0, upTo.indexOf('u:P05') + 1),
          ...rest.slice(rest.indexOf('u:P05') + 1),
        ];
        const steps = walk.map((id) => progressOf(view, id));
        for (let i = 1; i < steps.length; i++) {
          expect(steps[i]?.step).toBeGreaterThan(steps[i - 1]?.step ?? 0);
          expect(steps[i]?.of).toBe(of);
        }
        expect(steps.at(-1)?.step).toBe(of);
      }
    }
  });

  it('sends E for the 83 communes not ticked, the answers given for the 12', () => {
    const st = fromDraft(view, completeDraft(view, TWELVE));
    if (!st) throw new Error('no state');
    expect(missingAnswers(view, st)).toEqual({ missing: [], total: 20 + 12 * 12 });
    const body = submitBody(view, st, 'x'.repeat(22));
    const answers = body.answers.filter((a) => a.questionnaireId === 'P05');
    expect(answers).toHaveLength(12 * 95);
    const picked = new Set(TWELVE);
    for (const a of answers) expect(a.option).toBe(picked.has(a.unitCode) ? 'B' : 'E');
    // Unticking after answering: those answers are kept in the draft but sent as E.
    const fewer = { ...st, known: { P05: TWELVE.slice(1) } };
    const again = submitBody(view, fewer, 'x'.repeat(22));
    const first = again.answers.filter((a) => a.unitCode === TWELVE[0]);
    expect(first.map((a) => a.option)).toEqual(Array(12).fill('E'));
  });

  it('restores a draft saved on a question screen, with the communes ticked', () => {
    const screen = `f:P05:LV3:${p05.questions.find((q) => q.fieldCode === 'LV3')?.id}`;
    const st: FormState = {
      ...emptyState(),
      known: { P05: TWELVE },
      answers: { [`P05/q5/${TWELVE[3]}`]: 'C' },
      screen,
      savedAt: 7,
    };
    const back = fromDraft(view, toDraft(st));
    expect(back).toEqual(st);
    const screens = buildScreens(view, back?.known ?? {});
    expect(screens[screenIndex(screens, screen)]?.id).toBe(screen);
  });

  it("finds a screen saved under the other layout: a field's first question, else the welcome", () => {
    const screens = buildScreens(view, { P05: TWELVE });
    const lv3 = p05.questions.find((q) => q.fieldCode === 'LV3')?.id;
    expect(screens[screenIndex(screens, 'f:P05:LV3')]?.id).toBe(`f:P05:LV3:${lv3}`);
    const district = buildScreens(surveyView(), { P05: ['X-ANPHU'] });
    expect(district[screenIndex(district, `f:P05:LV3:${lv3}`)]?.id).toBe('f:P05:LV3');
    expect(screenIndex(screens, 'f:P05:LV30')).toBe(0);
    expect(screenIndex(screens, 'nowhere')).toBe(0);
  });
});
