// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { surveyView } from './fixture';
import { heading, renderApp, stubServer, useTestEnv } from './helpers';

useTestEnv();

describe('welcome screen', () => {
  it('names the campaign, the group, both questionnaires, the promise and the deadline', async () => {
    const view = surveyView();
    stubServer(view);
    await renderApp();

    expect(heading()).toBe('Khảo sát Chỉ số CCHC năm 2023');
    expect(screen.getByText('Đại biểu HĐND huyện')).toBeTruthy();
    expect(screen.getByText('Phiếu số 01: Dành cho Đại biểu Hội đồng nhân dân huyện')).toBeTruthy();
    expect(screen.getByText(/^Phiếu số 05: Đánh giá UBND các xã, thị trấn/)).toBeTruthy();
    expect(screen.getByText(/không ai, kể cả cơ quan tổ chức khảo sát, có thể biết/)).toBeTruthy();
    // 10:00 UTC is 17:00 in Vietnam.
    expect(screen.getByText('17:00 ngày 15/12/2023')).toBeTruthy();
    // Welcome, 8 fields of P01, its comment, the communes, P05's comment, demographics, review:
    // P05's fields join once the respondent ticks a commune.
    expect(screen.getByRole('progressbar', { name: 'Phần 1/22' })).toBeTruthy();
  });

  it('shows the office to call, as a tel: link', async () => {
    stubServer(surveyView());
    await renderApp();
    const link = screen.getByRole('link', { name: '0271 3 123 456' });
    expect(link.getAttribute('href')).toBe('tel:02713123456');
    expect(screen.getByRole('contentinfo').textContent).toContain('Phòng Nội vụ huyện Hớn Quản');
  });

  it('leaves the deadline out when the campaign has none', async () => {
    const view = surveyView();
    stubServer({ ...view, campaign: { ...view.campaign, closesAt: null } });
    await renderApp();
    expect(screen.queryByText(/Hạn trả lời/)).toBeNull();
  });
});
