// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../../../survey-client/console/api';
import { ComparePanel } from '../../../../survey-client/console/results/compare';
import { SelfAssessmentPanel } from '../../../../survey-client/console/results/self-assessment';
import { CSRF, click, errorReply, fakeServer, settle, useConsoleEnv } from '../helpers';
import { comparison, noSelfAssessment, sameUnit } from './fixtures';
import { choose, rowsOf } from './serve';

useConsoleEnv();
beforeEach(() => setCsrfToken(CSRF));

const SA = '/api/campaigns/c2024/self-assessment';
const COMPARE = '/api/campaigns/c2024/runs/run-official/compare';
const OPTIONS = `${COMPARE}-options`;
const choice = (id: string, name: string, why: string | null = null) => ({
  id,
  name,
  comparable: why === null,
  why,
});

const importResult = (patch: Record<string, unknown> = {}) => ({
  campaignId: 'c2024',
  fileName: 'tdg.xlsx',
  fileHash: 'abc',
  format: 'xlsx',
  headerRow: 1,
  columns: [],
  dryRun: true,
  committed: false,
  problems: [],
  units: [
    {
      row: 2,
      code: '694',
      name: 'UBND huyện',
      index: 'PAR_HUYEN',
      points: '52.50',
      max: '60.00',
      fields: [],
    },
  ],
  missing: [],
  replaced: 0,
  fingerprint: 'f',
  notes: [],
  ...patch,
});

async function pick(name = 'tdg.xlsx') {
  const input = screen.getByLabelText(/Chọn tệp điểm tự đánh giá/) as HTMLInputElement;
  const file = new File(['x'], name);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  await settle();
  return file;
}

describe('Điểm tự đánh giá đã thẩm định', () => {
  it('the preview lists every row problem and offers no import', async () => {
    const server = fakeServer({
      [`GET ${SA}`]: { status: 200, body: noSelfAssessment },
      [`POST ${SA}`]: {
        status: 200,
        body: importResult({
          units: [],
          problems: [
            { row: 3, code: 'unknown_unit', message: 'Không có đơn vị mã "999".' },
            { row: 5, code: 'points_invalid', message: 'Điểm phải là số.' },
          ],
        }),
      },
    });
    render(<SelfAssessmentPanel campaignId="c2024" />);
    await settle();
    expect(screen.getByText('Chưa nhập điểm tự đánh giá đã thẩm định.')).toBeTruthy();
    await pick();
    const sent = server.changes()[0];
    expect((sent!.body as FormData).get('preview')).toBe('true');
    const items = within(screen.getByRole('list', { name: 'Lỗi trong tệp' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(['Dòng 3: Không có đơn vị mã "999".', 'Dòng 5: Điểm phải là số.']);
    expect(screen.queryByRole('button', { name: 'Nhập' })).toBeNull();
  });

  it('imports with FormData and the CSRF token, then says to run scoring again', async () => {
    const server = fakeServer({
      [`GET ${SA}`]: { status: 200, body: noSelfAssessment },
      [`POST ${SA}`]: (c) =>
        (c.body as FormData).get('preview') === 'true'
          ? { status: 200, body: importResult() }
          : { status: 201, body: importResult({ dryRun: false, committed: true }) },
    });
    render(<SelfAssessmentPanel campaignId="c2024" />);
    await settle();
    const file = await pick();
    expect(rowsOf(screen.getByRole('table', { name: 'Đơn vị sẽ nhập' }))).toEqual([
      ['2', 'UBND huyện', '52,50/60,00'],
    ]);
    await click('Nhập');
    const posts = server.changes();
    expect(posts).toHaveLength(2);
    const commit = posts[1];
    const form = commit?.body as FormData;
    expect(commit?.headers['X-CSRF-Token']).toBe(CSRF);
    expect(commit?.body).toBeInstanceOf(FormData);
    expect(form.get('preview')).toBeNull();
    expect((form.get('file') as File).name).toBe(file.name);
    expect(screen.getByText(/chạy tính điểm lại để có Chỉ số CCHC/)).toBeTruthy();
    expect(server.gets(SA)).toHaveLength(2);
  });

  it('shows the server refusal with its row problems', async () => {
    fakeServer({
      [`GET ${SA}`]: { status: 200, body: noSelfAssessment },
      [`POST ${SA}`]: (c) =>
        (c.body as FormData).get('preview') === 'true'
          ? { status: 200, body: importResult() }
          : errorReply(422, 'self_assessment_invalid', 'Tệp có 1 lỗi: không nhập gì.', [
              { row: 4, code: 'points_invalid', message: 'Điểm vượt mức tối đa.' },
            ]),
    });
    render(<SelfAssessmentPanel campaignId="c2024" />);
    await settle();
    await pick();
    await click('Nhập');
    expect(screen.getByRole('alert').textContent).toBe('Tệp có 1 lỗi: không nhập gì.');
    expect(screen.getByText('Dòng 4: Điểm vượt mức tối đa.')).toBeTruthy();
  });
});

const side = (surveyPercent: number, rank: number) => ({
  index: 'PAR_XA',
  surveyScore: surveyPercent / 10,
  maxScore: 10,
  surveyPercent,
  parIndex: null,
  rank,
  parRank: null,
  noData: false,
});
const change = (rank: number | null) => ({
  surveyScore: null,
  surveyPercent: null,
  parIndex: null,
  rank,
  parRank: null,
});

describe('So sánh với năm trước', () => {
  it('lists units with ranks and signed changes, and a chosen unit’s criteria', async () => {
    const server = fakeServer({
      [`GET ${OPTIONS}`]: {
        status: 200,
        body: { choices: [choice('c2022', 'Khảo sát 2022')], defaultId: 'c2022' },
      },
      [`GET ${COMPARE}`]: {
        status: 200,
        body: comparison({
          units: [
            {
              code: 'X1',
              name: 'UBND xã An Phú',
              presence: 'both',
              ...sameUnit,
              current: side(82.5, 1),
              previous: side(70, 3),
              change: change(2),
              criteria: [
                {
                  code: 'TC1',
                  presence: 'both',
                  current: { score: 4.5, max: 5, ratio: 0.9, noData: false },
                  previous: { score: 4, max: 5, ratio: 0.8, noData: false },
                  scoreChange: 0.5,
                  maxChanged: false,
                },
              ],
            },
            {
              code: 'X2',
              name: 'UBND xã Bình Hòa',
              presence: 'both',
              ...sameUnit,
              current: side(75, 3),
              previous: side(78, 2),
              change: change(-1),
              criteria: [
                {
                  code: 'TC1',
                  presence: 'both',
                  current: { score: 3, max: 5, ratio: 0.6, noData: false },
                  previous: { score: 3.25, max: 5, ratio: 0.65, noData: false },
                  scoreChange: -0.25,
                  maxChanged: false,
                },
              ],
            },
          ],
        }),
      },
    });
    render(<ComparePanel campaignId="c2024" runId="run-official" />);
    await settle();
    expect(server.gets(COMPARE)[0]?.query.get('with')).toBeNull();
    expect(rowsOf(screen.getByRole('table', { name: 'So sánh theo đơn vị' }))).toEqual([
      ['UBND xã An Phú', '82,50%', '70,00%', '1', '3', '+2 ▲'],
      ['UBND xã Bình Hòa', '75,00%', '78,00%', '3', '2', '−1 ▼'],
    ]);
    await choose(screen.getByLabelText('Tiêu chí của đơn vị'), 'X2');
    expect(
      rowsOf(screen.getByRole('table', { name: 'So sánh theo tiêu chí: UBND xã Bình Hòa' })),
    ).toEqual([['TC1', '3,00', '3,25', '−0,25 ▼']]);
    // Another campaign to compare with: only other campaigns are offered.
    const options = [...(screen.getByLabelText('So với đợt') as HTMLSelectElement).options];
    expect(options.map((o) => o.textContent)).toEqual(['Đợt trước (mặc định)', 'Khảo sát 2022']);
    await choose(screen.getByLabelText('So với đợt'), 'c2022');
    expect(server.gets(COMPARE).at(-1)?.query.get('with')).toBe('c2022');
  });

  it.each([
    [[], 'Chưa có đợt khảo sát nào khác đã kết thúc để so sánh.'],
    [
      [choice('c2022', 'Khảo sát 2022', 'chưa có kết quả đã khóa để công bố')],
      'Các đợt đã kết thúc chưa có kết quả đã khóa để công bố: chưa so sánh được.',
    ],
  ])(
    'asks nothing it cannot compare: no 404 or 409 in the browser (issue #13.16)',
    async (choices, text) => {
      const server = fakeServer({
        [`GET ${OPTIONS}`]: { status: 200, body: { choices, defaultId: null } },
      });
      render(<ComparePanel campaignId="c2024" runId="run-official" />);
      await settle();
      expect(server.gets(COMPARE)).toHaveLength(0);
      expect(screen.getByText(text)).toBeTruthy();
      expect(screen.queryByRole('table')).toBeNull();
      expect(screen.queryByRole('alert')).toBeNull();
    },
  );

  it('offers a campaign without locked results as not comparable, and one that is', async () => {
    const server = fakeServer({
      [`GET ${OPTIONS}`]: {
        status: 200,
        body: {
          choices: [
            choice('c2023', 'Khảo sát 2023', 'chưa có kết quả đã khóa để công bố'),
            choice('c2019', 'Khảo sát 2019'),
          ],
          defaultId: null,
        },
      },
      [`GET ${COMPARE}`]: { status: 200, body: comparison({ units: [] }) },
    });
    render(<ComparePanel campaignId="c2024" runId="run-official" />);
    await settle();
    const select = screen.getByLabelText('So với đợt') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.textContent, o.disabled])).toEqual([
      ['Chọn đợt để so sánh', false],
      ['Khảo sát 2023 (chưa có kết quả đã khóa để công bố)', true],
      ['Khảo sát 2019', false],
    ]);
    expect(
      screen.getByText(
        'Không có đợt trước có kết quả đã khóa và cùng tiêu chí: hãy chọn một đợt để so sánh.',
      ),
    ).toBeTruthy();
    expect(server.gets(COMPARE)).toHaveLength(0);
    await choose(select, 'c2019');
    expect(server.gets(COMPARE).at(-1)?.query.get('with')).toBe('c2019');
  });
});
