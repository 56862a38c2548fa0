// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildScreens, fromDraft, submitBody, toDraft } from '../../survey-client/form/model';
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
});
