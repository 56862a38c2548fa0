// @vitest-environment happy-dom
import { render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UnitComparison, UnitSide } from '../../../../contract/console/compare';
import { setCsrfToken } from '../../../../survey-client/console/api';
import { ComparePanel } from '../../../../survey-client/console/results/compare';
import {
  comparedWith,
  listVi,
  shortName,
} from '../../../../survey-client/console/results/compare-text';
import { CSRF, fakeServer, settle, useConsoleEnv } from '../helpers';
import { comparison } from './fixtures';
import { rowsOf } from './serve';

useConsoleEnv();
beforeEach(() => setCsrfToken(CSRF));

const COMPARE = '/api/campaigns/c2024/runs/run-official/compare';

const side = (surveyPercent: number, rank: number | null): UnitSide => ({
  index: 'XA',
  surveyScore: surveyPercent / 5,
  maxScore: 20,
  surveyPercent,
  parIndex: null,
  rank,
  parRank: null,
  noData: false,
});
const none = { surveyScore: null, surveyPercent: null, parIndex: null, rank: null, parRank: null };
const predecessor = (name: string, code: string, previous: UnitSide | null) => ({
  officialCode: code,
  name,
  how: 'Nhập toàn bộ',
  transfer: 'whole' as const,
  split: false,
  issue: previous ? null : ('outside' as const),
  unitCode: previous ? `X-${code}` : null,
  previous,
});
const base = {
  referenceWithheld: null,
  rankAmongComparable: null,
  criteria: [],
  change: none,
};

const units: UnitComparison[] = [
  {
    ...base,
    code: '25345',
    name: 'Xã Tân Hưng',
    officialCode: '25345',
    presence: 'both',
    comparability: 'pooled',
    current: side(60, 4),
    previous: { ...side(72.5, null) },
    predecessors: [
      predecessor('Xã Thanh An', '25327', side(70, 3)),
      predecessor('Xã An Khương', '25330', side(75, 1)),
      predecessor('Xã Tân Hưng', '25345', side(72, 2)),
    ],
    rankAmongComparable: { current: 2, previous: 1 },
    change: { ...none, surveyPercent: -12.5, rank: -1 },
  },
  {
    ...base,
    code: '25351',
    name: 'Xã Tân Quan',
    officialCode: '25351',
    presence: 'current_only',
    comparability: 'not_comparable',
    current: side(55, 7),
    previous: null,
    predecessors: [
      predecessor('Xã Tân Lợi', '25342', side(65, 5)),
      predecessor('Xã Phước An', '25351', side(61, 8)),
      predecessor('Xã Tân Quan', '25438', side(58, 10)),
      predecessor('Xã Quang Minh', '25439', null),
    ],
  },
  {
    ...base,
    code: '26000',
    name: 'Xã Khác',
    officialCode: '26000',
    presence: 'current_only',
    comparability: 'no_previous',
    current: side(50, 9),
    previous: null,
    predecessors: [],
  },
  {
    ...base,
    code: '694',
    name: 'UBND huyện Hớn Quản',
    officialCode: '694',
    presence: 'previous_only',
    comparability: 'previous_only',
    current: null,
    previous: { ...side(66, 1), index: 'HUYEN' },
    predecessors: [],
  },
];

describe('So sánh với năm trước, qua sắp xếp đơn vị hành chính 2025', () => {
  it('names units in Vietnamese lists, without their kind', () => {
    expect(shortName('Xã Thanh An')).toBe('Thanh An');
    expect(shortName('Thị trấn Tân Khai')).toBe('Tân Khai');
    expect(shortName('UBND xã Tân Hưng')).toBe('Tân Hưng');
    expect(listVi(['A', 'B', 'C'])).toBe('A, B và C');
    expect(listVi(['A'])).toBe('A');
    expect(comparedWith(units[0] as UnitComparison, 2023)).toBe(
      'so với Thanh An, An Khương và Tân Hưng (2023), số liệu 2023 gộp lại như một đơn vị',
    );
    expect(
      comparedWith(
        {
          ...(units[0] as UnitComparison),
          comparability: 'not_comparable',
          referenceWithheld: 'small_groups',
        },
        2023,
      ),
    ).toMatch(/^không so sánh trực tiếp được: .*bảo đảm ẩn danh/);
    const elsewhere = {
      ...(units[2] as UnitComparison),
      predecessors: [predecessor('Xã Long Bình', '26041', null)],
    };
    expect(comparedWith(elsewhere, 2023)).toBe(
      'không có số liệu năm trước (không đơn vị cũ nào có trong đợt 2023)',
    );
  });

  it('shows the pooled reference, the predecessors of a unit not comparable, and ranks among comparable units', async () => {
    fakeServer({
      [`GET ${COMPARE}-options`]: {
        status: 200,
        body: {
          choices: [{ id: 'demo-2023', name: 'Khảo sát 2023', comparable: true, why: null }],
          defaultId: 'demo-2023',
        },
      },
      [`GET ${COMPARE}`]: {
        status: 200,
        body: comparison({ acrossMergers: true, units }),
      },
    });
    render(<ComparePanel campaignId="c2024" runId="run-official" />);
    await settle();
    expect(screen.getByText(/so sánh theo bảng chuyển đổi chính thức/)).toBeTruthy();
    expect(screen.getByText('Tải bảng so sánh (.csv)').getAttribute('href')).toBe(`${COMPARE}.csv`);
    const rows = rowsOf(screen.getByRole('table', { name: 'So sánh theo đơn vị' }));
    expect(rows).toEqual([
      [
        'Xã Tân Hưng · mã 25345so với Thanh An, An Khương và Tân Hưng (2023), số liệu 2023 gộp lại như một đơn vị',
        '60,00%',
        '72,50%',
        '2',
        '1',
        '−1 ▼',
      ],
      [
        'Xã Tân Quan · mã 25351không so sánh trực tiếp được: hình thành từ Tân Lợi, Phước An, Tân Quan và Quang MinhTân Lợi: 65,00%, hạng 5Phước An: 61,00%, hạng 8Tân Quan: 58,00%, hạng 10Quang Minh: không có trong đợt 2023',
        '55,00%',
        '—',
        '—',
        '—',
        '—',
      ],
      ['Xã Khác · mã 26000không có số liệu năm trước', '50,00%', '—', '—', '—', '—'],
      ['UBND huyện Hớn Quản · mã 694chỉ có năm trước', '—', '66,00%', '—', '—', '—'],
    ]);
  });
});

describe('So sánh của một tỉnh: 115 đơn vị', () => {
  const many: UnitComparison[] = Array.from({ length: 115 }, (_, i) => ({
    ...(units[2] as UnitComparison),
    code: `X${i}`,
    officialCode: String(26000 + i),
    name: i === 70 ? 'Xã Tân Hưng' : `Xã Số ${i + 1}`,
  }));

  it('pages the table, 25 units a page, and finds a unit typed without diacritics', async () => {
    fakeServer({
      [`GET ${COMPARE}-options`]: {
        status: 200,
        body: {
          choices: [{ id: 'demo-2023', name: 'Khảo sát 2023', comparable: true, why: null }],
          defaultId: 'demo-2023',
        },
      },
      [`GET ${COMPARE}`]: { status: 200, body: comparison({ acrossMergers: true, units: many }) },
    });
    render(<ComparePanel campaignId="c2024" runId="run-official" />);
    await settle();
    const table = () => screen.getByRole('table', { name: 'So sánh theo đơn vị' });
    expect(rowsOf(table())).toHaveLength(25);
    expect(screen.getAllByText(/^Trang 1\/5/).length).toBeGreaterThan(0);
    (screen.getAllByRole('button', { name: 'Trang sau →' })[0] as HTMLButtonElement).click();
    await settle();
    expect(rowsOf(table())[0]?.[0]).toMatch(/^Xã Số 26 /);
    const search = screen.getByRole('searchbox', { name: /Tìm đơn vị/ }) as HTMLInputElement;
    search.value = 'tan hung';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(rowsOf(table()).map((r) => r[0])).toEqual([
      'Xã Tân Hưng · mã 26070không có số liệu năm trước',
    ]);
    expect(screen.getByText('1 trong 115 đơn vị khớp.')).toBeTruthy();
  });
});
