// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { completeDraft, questionnaire, surveyView } from './fixture';
import { clickButton, flush, heading, renderApp, stubServer, useTestEnv } from './helpers';

useTestEnv();

const view = surveyView();
const p01 = questionnaire(view, 'P01');
const field = (code: string) => p01.fields.find((f) => f.code === code)?.name ?? '';

/** The phone's back button. */
async function phoneBack() {
  history.back();
  await flush();
}

/** "Tiếp tục", twice on a screen left blank (the first press only says what is left). */
async function next() {
  const before = heading();
  await clickButton('Tiếp tục');
  if (heading() === before) await clickButton('Tiếp tục');
}

describe("«Quay lại» and the phone's back button", () => {
  it("«Quay lại» is a step back in history: the phone's back then goes further back, not forward", async () => {
    stubServer(view);
    await renderApp();
    const start = history.length;
    await next();
    await next();
    expect(heading()).toBe(field('LV2'));
    expect(history.length).toBe(start + 2);

    await clickButton('Quay lại');
    expect(heading()).toBe(field('LV1'));
    // No entry added: forward is still LV2, back is the welcome.
    expect(history.length).toBe(start + 2);
    await phoneBack();
    expect(heading()).toBe(view.campaign.name);
    history.forward();
    await flush();
    expect(heading()).toBe(field('LV1'));
  });

  it("from a screen reached from the review, «Quay lại» goes to the previous screen and the phone's back to the review", async () => {
    const draft = completeDraft(view, ['X-ANPHU']);
    draft.answers = draft.answers.filter(
      (a) => !(a.questionnaireId === 'P01' && a.questionId === 'q5'),
    );
    stubServer({ ...view, draft });
    await renderApp();
    expect(heading()).toBe('Xem lại trước khi gửi');
    const start = history.length;
    await clickButton(/Phiếu số 01 · .* · Câu 5$/);
    const field5 = heading();
    expect(field5).not.toBe(field('LV1'));
    await clickButton('Quay lại');
    // The screen before it in the form…
    expect(heading()).not.toBe(field5);
    expect(heading()).not.toBe('Xem lại trước khi gửi');
    expect(history.length).toBe(start + 1);
    // …and the phone's back returns to the review it came from, never to the screen left.
    await phoneBack();
    expect(heading()).toBe('Xem lại trước khi gửi');
  });

  it("opened in the middle (resumed on another device), the phone's back goes to the part before, not out of the form", async () => {
    stubServer({ ...view, draft: completeDraft(view, ['X-ANPHU']) });
    await renderApp();
    expect(heading()).toBe('Xem lại trước khi gửi');
    await phoneBack();
    // The last part before the review: the general questions.
    expect(heading()).toBe('Thông tin chung');
    // …and forward is the review again.
    history.forward();
    await flush();
    expect(heading()).toBe('Xem lại trước khi gửi');
  });
});
