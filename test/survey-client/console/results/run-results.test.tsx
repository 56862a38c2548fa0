// @vitest-environment happy-dom
import { screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
// Loaded ahead, as a browser would have by the time the data comes: the console loads it lazily.
import '../../../../survey-client/console/results/screens';
import { openAt, useConsoleEnv } from '../helpers';
import { definition, FINGERPRINT, resultsDoc } from './fixtures';
import { choose, open, rowsOf, section, serve } from './serve';

useConsoleEnv();

describe('the results of a run', () => {
  it('shows the district card with its fields as a table', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    const card = section(/^UBND huyện Hớn Quản/);
    const stat = (label: string) =>
      within(card).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(stat('Điểm khảo sát')).toBe('21,35');
    expect(stat('Điểm tối đa')).toBe('30,00');
    expect(stat('Tỷ lệ')).toBe('71,17%');
    const fields = rowsOf(within(card).getByRole('table'));
    expect(fields).toHaveLength(8);
    expect(fields[0]).toEqual([
      'LV1 Công tác chỉ đạo, điều hành cải cách hành chính',
      '2,00',
      '4,00',
      '70,00%',
    ]);
  });

  it('ranks the communes best first; equal scores share a rank; no data is last, unranked', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    const ranking = within(section(/^Xếp hạng theo điểm khảo sát/)).getByRole('table');
    expect(rowsOf(ranking)).toEqual([
      ['1', 'UBND xã Minh Đức', '16,25', '20,00', '81,25%'],
      ['2', 'UBND xã An Phú', '14,50', '20,00', '72,50%'],
      ['2', 'UBND xã Tân Hưng', '14,50', '20,00', '72,50%'],
      ['4', 'UBND thị trấn Tân Khai', '12,00', '20,00', '60,00%'],
      ['—', 'UBND xã Đồng Nơkhông đủ dữ liệu', '0,00', '20,00', '0,00%'],
    ]);
    expect(within(ranking).getByRole('link', { name: 'UBND xã An Phú' }).getAttribute('href')).toBe(
      '/console/c/c2024/results/run-official/unit/X-ANPHU',
    );
  });

  it('adds the total PAR index once the appraised self-assessment is in the run', async () => {
    const units = resultsDoc().units.map((u, i) => ({ ...u, parIndex: 70 + i }));
    serve('analyst', 'closed', undefined, [resultsDoc({}, units)]);
    await openAt('/console/c/c2024/results');
    const ranking = within(section(/^Xếp hạng theo điểm khảo sát/)).getByRole('table');
    expect(
      within(ranking)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('Chỉ số CCHC');
    expect(rowsOf(ranking)[0]).toEqual([
      '1',
      'UBND xã Minh Đức',
      '16,25',
      '20,00',
      '81,25%',
      '72,00%',
    ]);
  });

  it('says in a unit’s figures the self-assessment used and a field’s points from SIPAS', async () => {
    const doc = resultsDoc();
    doc.units = doc.units.map((u) =>
      u.code === '694'
        ? {
            ...u,
            parIndex: 84.11,
            total: {
              selfAssessment: 59 + 0.5 + 310 / 72 - 4,
              selfAssessmentMax: 70,
              fields: [
                { code: 'LV1', selfAssessment: 8 },
                { code: 'LV8', selfAssessment: 310 / 72, source: 'sipas' as const },
              ],
              survey: 24.3,
              surveyMax: 30,
              score: 84.105,
              max: 100,
              rank: 1,
            },
          }
        : u,
    );
    serve('analyst', 'closed', undefined, [doc]);
    await openAt('/console/c/c2024/results');
    const card = section(/^UBND huyện Hớn Quản/);
    const stat = (label: string) =>
      within(card).queryByText(label, { selector: 'dt' })?.nextElementSibling?.textContent;
    // The figure used, not the one imported: the label says LV8 is SIPAS's (qa7).
    expect(stat('Điểm tự đánh giá')).toBeUndefined();
    expect(stat('Điểm tự đánh giá (LV8 theo SIPAS)')).toBe('59,81');
    expect(stat('LV8 từ SIPAS')).toBe('4,31');
    expect(stat('LV1 từ SIPAS')).toBeUndefined();
    expect(stat('Chỉ số CCHC')).toBe('84,11%');
  });

  it('a unit in detail: criteria with ratio, valid answers, "Không biết", no data, hidden groups', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    let panel = section('Chi tiết đơn vị');
    // The best-ranked commune first (the district's fields are on its card).
    expect((within(panel).getByLabelText('Đơn vị') as HTMLSelectElement).value).toBe('X-MINHDUC');
    await choose(within(panel).getByLabelText('Đơn vị'), '694');
    panel = section('Chi tiết đơn vị');
    const criteria = within(panel).getByRole('table', { name: /Điểm theo tiêu chí/ });
    const c11 = within(criteria).getByRole('row', { name: /^1\.1 / });
    expect([...c11.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '0,72',
      '1,00',
      '0,72',
      '40',
      '3',
      '',
    ]);
    const c63 = within(criteria).getByRole('row', { name: /^6\.3 / });
    expect(c63.textContent).toContain('không đủ dữ liệu');
    expect(c63.querySelector('[data-label="Không biết"]')?.textContent).toBe('5');

    await open(panel, 'Theo nhóm đối tượng');
    const groups = within(panel).getByRole('table', { name: /theo nhóm đối tượng/ });
    expect(
      within(groups)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Tiêu chí', 'Đại biểu HĐND huyện', 'Lãnh đạo UBND các xã, thị trấn']);
    const hidden = within(groups).getByRole('row', { name: /^1\.1 / });
    expect(hidden.querySelectorAll('td')).toHaveLength(1);
    expect(hidden.textContent).toContain('ẩn (dưới 3 phiếu)');
    expect(within(groups).getByRole('row', { name: /^1\.2 / }).textContent).toContain(
      '5 phiếu · tỷ lệ 0,8',
    );
    // A criterion the groups were not asked about reads "—".
    expect(within(groups).getByRole('row', { name: /^2\.1 / }).textContent).toBe(
      `2.1 ${definition.indexes[0]?.fields[1]?.criteria[0]?.name}——`,
    );
  });

  it('the A–E distribution of each question, hidden ones noted, for the chosen unit', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    await choose(within(section('Chi tiết đơn vị')).getByLabelText('Đơn vị'), '694');
    const panel = section('Chi tiết đơn vị');
    await open(panel, 'Phân bố câu trả lời A–E');
    const dist = within(panel).getByRole('table', { name: /Phân bố câu trả lời A–E/ });
    const rows = rowsOf(dist);
    expect(rows[0]?.[1]).toBe('ẩn (dưới 3 phiếu)');
    expect(rows[1]?.slice(1)).toEqual(['8', '10', '2', '0', '3', '23']);
    expect(rows[1]?.[0]).toMatch(/^P01 · Câu 2/);

    await choose(within(panel).getByLabelText('Đơn vị'), 'X-ANPHU');
    await open(section('Chi tiết đơn vị'), 'Phân bố câu trả lời A–E');
    expect(
      within(section('Chi tiết đơn vị')).getByText('Không có câu hỏi nào về đơn vị này.'),
    ).toBeTruthy();
    expect(
      within(section('Chi tiết đơn vị')).getByRole('link', {
        name: /Mở báo cáo để in: UBND xã An Phú/,
      }),
    ).toBeTruthy();
  });

  it('writes out the method and offers the exports', async () => {
    serve();
    await openAt('/console/c/c2024/results');
    const method = section('Phương pháp tính');
    for (const text of [
      'YB4',
      'Bình quân các nhóm đối tượng',
      'Tính 0 điểm, ghi "không đủ dữ liệu"',
      '3 phiếu',
      'run-official',
      FINGERPRINT,
    ])
      expect(method.textContent).toContain(text);
    const links = within(section('Tải về'))
      .getAllByRole('link')
      .map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/api/campaigns/c2024/runs/run-official/export.xlsx',
      '/api/campaigns/c2024/runs/run-official/export.csv',
      '/api/campaigns/c2024/runs/run-official/export.json',
      // Each index on its own, for the office that files it.
      '/api/campaigns/c2024/runs/run-official/export.xlsx?index=HUYEN',
      '/api/campaigns/c2024/runs/run-official/export.csv?index=HUYEN',
      '/api/campaigns/c2024/runs/run-official/export.xlsx?index=XA',
      '/api/campaigns/c2024/runs/run-official/export.csv?index=XA',
      '/api/campaigns/c2024/raw-answers.xlsx',
      '/api/campaigns/c2024/raw-answers.csv?part=1',
      '/api/campaigns/c2024/raw-answers-codebook.csv',
      '/api/campaigns/c2024/comments.csv',
      '/console/c/c2024/comments',
    ]);
  });
});

describe('the printable report of a unit', () => {
  it('has the unit, its figures, the method and the fingerprint, and a print button', async () => {
    serve();
    await openAt('/console/c/c2024/results/run-official/unit/694');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Báo cáo kết quả khảo sátUBND huyện Hớn Quản',
    );
    expect(screen.queryByRole('navigation', { name: 'Các mục của đợt khảo sát' })).toBeNull();
    expect(screen.getByRole('button', { name: 'In báo cáo' })).toBeTruthy();
    expect(section('Phương pháp tính').textContent).toContain(FINGERPRINT);
    expect(screen.getAllByText(FINGERPRINT).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(/Lần tính chính thức chưa khóa/)).toBeTruthy();
    expect(screen.getByRole('table', { name: /Điểm theo tiêu chí/ })).toBeTruthy();
    expect(document.title).toBe('Báo cáo kết quả khảo sát — UBND huyện Hớn Quản');
  });

  it('an unknown unit is said so', async () => {
    serve();
    await openAt('/console/c/c2024/results/run-official/unit/NOPE');
    expect(screen.getByRole('alert').textContent).toBe('Lần tính này không có đơn vị "NOPE".');
  });
});
