// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  buildScreens,
  emptyState,
  fromDraft,
  progressOf,
  submitBody,
  toDraft,
  unansweredOn,
} from '../../survey-client/form/model';
import { newSubmissionId, SUBMISSION_ID } from '../../survey-client/form/storage';
import { retryDelay } from '../../survey-client/form/submit';
import { completeDraft, surveyView } from './fixture';

const view = surveyView();

describe('form model', () => {
  it('orders the screens: welcome, each questionnaire (communes first for a matrix), demographics, review', () => {
    const ids = buildScreens(view, { P05: ['X-ANPHU'] }).map((s) => s.id);
    const fields = ['LV1', 'LV2', 'LV3', 'LV4', 'LV5', 'LV6', 'LV7', 'LV8'];
    expect(ids).toEqual([
      'welcome',
      ...fields.map((f) => `f:P01:${f}`),
      'c:P01',
      'u:P05',
      ...fields.map((f) => `f:P05:${f}`),
      'c:P05',
      'demographics',
      'review',
    ]);
  });

  it('gives each field screen exactly its questions, so that every question is asked once', () => {
    const screens = buildScreens(view, { P05: ['X-ANPHU'] });
    for (const qn of view.questionnaires) {
      const asked = screens.flatMap((s) => (s.kind === 'field' && s.qn === qn ? s.questions : []));
      expect(asked.map((q) => q.id).sort()).toEqual(qn.questions.map((q) => q.id).sort());
      for (const s of screens) {
        if (s.kind === 'field') expect(new Set(s.questions.map((q) => q.fieldCode)).size).toBe(1);
      }
    }
  });

  it('round-trips a draft', () => {
    const st = fromDraft(view, completeDraft(view, ['X-ANPHU', 'TT-TANKHAI'], 42));
    expect(st).not.toBeNull();
    if (!st) return;
    expect(st.known.P05).toEqual(['TT-TANKHAI', 'X-ANPHU']);
    expect(fromDraft(view, toDraft(st))).toEqual(st);
  });

  it('sends E for every unticked commune and only non-blank texts', () => {
    const st = fromDraft(view, completeDraft(view, []));
    if (!st) throw new Error('no state');
    st.comments = { P01: '  Tốt  ', P05: '   ' };
    const body = submitBody(view, st, 'x'.repeat(22));
    expect(
      body.answers.filter((a) => a.questionnaireId === 'P05').every((a) => a.option === 'E'),
    ).toBe(true);
    expect(body.answers).toHaveLength(20 + 12 * 13);
    expect(body.comments).toEqual({ P01: '  Tốt  ' });
  });

  it('makes submission ids of 16 random bytes in base64url', () => {
    const ids = new Set(Array.from({ length: 50 }, newSubmissionId));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(SUBMISSION_ID);
      expect(id).toHaveLength(22);
    }
  });

  it('backs off from 2 s to at most a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(retryDelay)).toEqual([
      2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
  });

  it('never moves the progress back: P05 counts its fields from the start, ticked or not', () => {
    const text = (id: string) => {
      const { step, of } = progressOf(view, id);
      return `Phần ${step}/${of}`;
    };
    // Walks the form as a respondent does, ticking communes on P05's first screen.
    const walk = (known: Record<string, string[]>) => {
      const ids = buildScreens(view, known).map((s) => s.id);
      const steps = ids.map((id) => progressOf(view, id).step);
      for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1] ?? 0);
      return ids.map(text);
    };
    const ticked = walk({ P05: ['X-ANPHU'] });
    expect(ticked.slice(0, 2)).toEqual(['Phần 1/22', 'Phần 2/22']);
    expect(ticked.slice(10, 13)).toEqual(['Phần 11/22', 'Phần 12/22', 'Phần 13/22']);
    expect(ticked.at(-1)).toBe('Phần 22/22');
    // Nobody known: the 8 fields are skipped, the count jumps from the communes to the comment.
    const none = walk({});
    expect(none.slice(10, 12)).toEqual(['Phần 11/22', 'Phần 20/22']);
    expect(none.at(-1)).toBe('Phần 22/22');
  });

  it('counts the questions of a screen still unanswered, a matrix question once for all its units', () => {
    const st = { ...emptyState(), known: { P05: ['X-ANPHU', 'TT-TANKHAI'] } };
    const lv1 = view.questionnaires[1]?.questions.filter((q) => q.fieldCode === 'LV1') ?? [];
    expect(unansweredOn(view, st, 'f:P05:LV1')).toBe(lv1.length);
    const first = lv1[0]?.id ?? '';
    st.answers = { [`P05/${first}/X-ANPHU`]: 'A' };
    // One of its two communes still lacks an answer.
    expect(unansweredOn(view, st, 'f:P05:LV1')).toBe(lv1.length);
    st.answers[`P05/${first}/TT-TANKHAI`] = 'B';
    expect(unansweredOn(view, st, 'f:P05:LV1')).toBe(lv1.length - 1);
    expect(unansweredOn(view, st, 'u:P05')).toBe(0);
  });
});
