// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../contract/respondent';
import { DRAFT_DELAY_MS } from '../../survey-client/form/sync';
import { surveyView } from './fixture';
import {
  checkedLabel,
  clickButton,
  flush,
  heading,
  question,
  renderApp,
  stubServer,
  TOKEN,
  useTestEnv,
} from './helpers';

useTestEnv();

const view = surveyView();
const LV1 = 'Công tác chỉ đạo, điều hành cải cách hành chính';
const LV2 = 'Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật';

function draft(option: 'A' | 'B' | 'C', screen: string, savedAt: number): Draft {
  return {
    answers: [{ questionnaireId: 'P01', questionId: 'q1', unitCode: '694', option }],
    state: { known: { P05: ['X-ANPHU'] }, screen, savedAt },
  };
}
const keepLocally = (d: Draft) => localStorage.setItem(`cchc:draft:${TOKEN}`, JSON.stringify(d));

describe('resuming a draft', () => {
  it('resumes from the server draft at its screen (a new device)', async () => {
    const server = stubServer({ ...view, draft: draft('C', 'f:P01:LV1', 5000) });
    await renderApp();
    expect(heading()).toBe(LV1);
    expect(checkedLabel(question(1))).toBe('Chưa tốt');
    await flush(DRAFT_DELAY_MS);
    // Nothing new to tell the server.
    expect(server.puts()).toHaveLength(0);
  });

  it("prefers this device's draft when it is newer, and sends it to the server", async () => {
    keepLocally(draft('A', 'f:P01:LV2', 9000));
    const server = stubServer({ ...view, draft: draft('C', 'f:P01:LV1', 5000) });
    await renderApp();
    expect(heading()).toBe(LV2);
    await clickButton('Quay lại');
    expect(checkedLabel(question(1))).toBe('Rất tốt');
    await flush(DRAFT_DELAY_MS);
    expect(server.puts().length).toBeGreaterThan(0);
    expect(JSON.stringify(server.puts()[0]?.body)).toContain('"option":"A"');
  });

  it("prefers the server's draft when it is newer (answered on another device since)", async () => {
    keepLocally(draft('A', 'f:P01:LV2', 5000));
    stubServer({ ...view, draft: draft('B', 'f:P01:LV1', 9000) });
    await renderApp();
    expect(heading()).toBe(LV1);
    expect(checkedLabel(question(1))).toBe('Tốt');
  });

  it('restores the known communes with the answers', async () => {
    stubServer({ ...view, draft: draft('B', 'u:P05', 9000) });
    await renderApp();
    const box = screen.getByLabelText('UBND xã An Phú') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(screen.getByText(/Đã chọn 1\/13 đơn vị/)).toBeTruthy();
  });

  it('ignores a broken local copy and what no longer fits the questionnaires', async () => {
    localStorage.setItem(`cchc:draft:${TOKEN}`, '{not json');
    const stale: Draft = {
      answers: [
        { questionnaireId: 'P01', questionId: 'q1', unitCode: '694', option: 'B' },
        { questionnaireId: 'P01', questionId: 'q999', unitCode: '694', option: 'A' },
        { questionnaireId: 'P09', questionId: 'q1', unitCode: '694', option: 'A' },
        { questionnaireId: 'P01', questionId: 'q2', unitCode: 'X-ANPHU', option: 'A' },
      ],
      state: { screen: 'f:P01:LV99', savedAt: 9000 },
    };
    stubServer({ ...view, draft: stale });
    await renderApp();
    // An unknown screen falls back to the start.
    expect(heading()).toBe('Khảo sát Chỉ số CCHC năm 2023');
    await clickButton('Tiếp tục');
    expect(checkedLabel(question(1))).toBe('Tốt');
    expect(checkedLabel(question(2))).toBeUndefined();
  });
});
