// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { completeDraft, questionnaire, surveyView } from './fixture';
import {
  checkedLabel,
  clickButton,
  continueTo,
  group,
  heading,
  question,
  renderApp,
  stubServer,
  tap,
  useTestEnv,
} from './helpers';

useTestEnv();

const view = surveyView();
const p01 = questionnaire(view, 'P01');
const field = (code: string) => p01.fields.find((f) => f.code === code)?.name ?? '';
const REVIEW = 'Xem lại trước khi gửi';

/** Everything answered about An Phú and the district, except P01 q2 and P05 q1 for An Phú. */
function openReviewWithTwoMissing() {
  const draft = completeDraft(view, ['X-ANPHU']);
  draft.answers = draft.answers.filter(
    (a) =>
      !(a.questionnaireId === 'P01' && a.questionId === 'q2') &&
      !(a.questionnaireId === 'P05' && a.questionId === 'q1'),
  );
  stubServer({ ...view, draft });
  return renderApp();
}

describe('the review screen', () => {
  it('counts and lists the unanswered questions, and offers no submit yet', async () => {
    await openReviewWithTwoMissing();
    expect(heading()).toBe(REVIEW);
    // 20 questions about the district + 12 about the one known commune.
    expect(screen.getByText(/^Đã trả lời:/).textContent).toBe(
      'Đã trả lời: 30/32. Chưa trả lời: 2.',
    );
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      `Phiếu số 01 · ${field('LV1')} · Câu 2`,
      `Phiếu số 05 · ${field('LV1')} · Câu 1 · UBND xã An Phú`,
    ]);
    expect(screen.queryByRole('button', { name: 'Gửi phiếu' })).toBeNull();
  });

  it('jumps to an unanswered question and focuses it; once all are answered, offers "Gửi phiếu"', async () => {
    await openReviewWithTwoMissing();
    await clickButton(/Phiếu số 05 · .* · Câu 1 · UBND xã An Phú/);
    expect(heading()).toBe(field('LV1'));
    expect(screen.getByText(questionnaire(view, 'P05').title)).toBeTruthy();
    const anPhu = group('UBND xã An Phú', question(1));
    expect(document.activeElement).toBe(anPhu);
    tap(anPhu, 'Kém');

    await continueTo(REVIEW);
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    await clickButton(/Phiếu số 01 · .* · Câu 2$/);
    expect(heading()).toBe(field('LV1'));
    expect(document.activeElement).toBe(question(2));
    tap(question(2), p01.questions[1]?.options[0]?.label ?? '');
    expect(checkedLabel(question(2))).toBe(p01.questions[1]?.options[0]?.label);

    await continueTo(REVIEW);
    expect(screen.getByText(/^Đã trả lời:/).textContent).toBe(
      'Đã trả lời: 32/32. Chưa trả lời: 0.',
    );
    expect(screen.getByRole('button', { name: 'Gửi phiếu' })).toBeTruthy();
  });

  it('goes back from the question it sent to, to the review, in one step ("Về trang xem lại")', async () => {
    await openReviewWithTwoMissing();
    expect(screen.queryByRole('button', { name: 'Về trang xem lại' })).toBeNull();
    await clickButton(/Phiếu số 01 · .* · Câu 2$/);
    expect(heading()).toBe(field('LV1'));
    tap(question(2), p01.questions[1]?.options[0]?.label ?? '');
    await clickButton('Về trang xem lại');
    expect(heading()).toBe(REVIEW);
    expect(document.activeElement?.id).toBe('screen-title');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    // Only after a jump from the review: going on from the start does not offer it.
    await clickButton('Quay lại');
    expect(screen.queryByRole('button', { name: 'Về trang xem lại' })).toBeNull();
  });

  it('is reached with "Xem lại và gửi" from the last screen', async () => {
    stubServer({ ...view, draft: { answers: [], state: { screen: 'demographics', savedAt: 1 } } });
    await renderApp();
    await clickButton('Xem lại và gửi');
    expect(heading()).toBe(REVIEW);
    await clickButton('Quay lại');
    expect(heading()).toBe('Thông tin chung');
  });
});
